package io.neuroedge.host.cli;

import io.neuroedge.compiler.lower.ModelNirExporter;
import io.neuroedge.host.plot.LearningCurvesChart;
import io.neuroedge.host.train.TrainingData;
import io.neuroedge.host.train.TrainingSession;
import io.neuroedge.proto.model.TrainedModel;
import io.neuroedge.proto.model.TrainingCheckpoint;
import io.neuroedge.proto.model.TrainingInfo;
import io.neuroedge.runtime.io.AtomicFiles;
import io.neuroedge.runtime.input.ImageSpikeEncoder;
import io.neuroedge.runtime.learn.Algorithm;
import io.neuroedge.runtime.learn.FloatNetwork;
import io.neuroedge.runtime.learn.NetworkSpec;
import io.neuroedge.runtime.learn.Surrogate;
import io.neuroedge.runtime.learn.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code neuroedge train}: trains a spiking network on the host with STOP (or BPTT for comparison)
 * and writes a trained model ({@code .nem}) that {@code neuroedge compile} turns into a program.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a spiking network with STOP-W, STOP-WTL or BPTT on all cores and write a trained model"
                + " (.nem, or NIR when the output ends in .nir) for `neuroedge compile`.",
                "Datasets: mnist:DIR and fashion:DIR (train-/test-images-idx3-ubyte.gz and -labels-idx1-ubyte.gz),"
                        + " nmnist:DIR (recordings and labels.csv; every 5th recording is held out for testing)."})
final class TrainCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--dataset", required = true, paramLabel = "KIND:DIR", description = "mnist:DIR, fashion:DIR or nmnist:DIR.")
    String dataset;

    @Option(names = "--arch", required = true, paramLabel = "SPEC",
            description = "Dense 784-400-10, or conv e.g. 1x28x28-c16k5-p2-c32k5-p2-10 (cOUTkK[sS][pP], pK sum pool,"
                    + " then dense widths; the last is the readout).")
    String arch;

    @Option(names = "--algo", defaultValue = "stop-wtl", paramLabel = "stop-w|stop-wtl|bptt",
            description = "Learning rule. Default: ${DEFAULT-VALUE}.")
    String algo;

    @Option(names = "--steps", defaultValue = "16", paramLabel = "T", description = "Time steps per sample. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--epochs", defaultValue = "1", paramLabel = "N", description = "Epochs (in total, when resuming). Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "MODEL.nem|MODEL.nir",
            description = "Where to write the trained model: our own format (.nem), or NIR if the name ends in .nir"
                    + " (as `neuroedge export` writes it).")
    Path output;

    @Option(names = "--encoding", defaultValue = "rate", paramLabel = "rate|direct",
            description = "Static images: Bernoulli rate spikes or direct input current. Default: ${DEFAULT-VALUE}.")
    String encoding;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N", description = "Train on the first N samples only.")
    int limit;

    @Option(names = "--test-limit", defaultValue = "0", paramLabel = "N", description = "Test on the first N held-out samples only.")
    int testLimit;

    @Option(names = "--lr", defaultValue = "1e-3", paramLabel = "RATE", description = "Adam learning rate. Default: ${DEFAULT-VALUE}.")
    float learningRate;

    @Option(names = "--batch", defaultValue = "128", paramLabel = "N", description = "Minibatch size. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--neuron", defaultValue = "lif", paramLabel = "lif|if",
            description = "Spiking layers leak (LIF, α learned by STOP-WTL) or integrate without leak (IF, α = 1)."
                    + " Default: ${DEFAULT-VALUE}.")
    String neuron;

    @Option(names = "--surrogate", defaultValue = "exp", paramLabel = "exp|rect:W|tri:W",
            description = "Surrogate derivative of the spike: exp(-|x|), rectangular or triangular of width W."
                    + " Default: ${DEFAULT-VALUE}.")
    String surrogate;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed of the initial weights, shuffles and rate code.")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--bin-us", defaultValue = "0", paramLabel = "US",
            description = "Event data: step length (default 300000 / T, one N-MNIST recording in T steps).")
    long binUs;

    @Option(names = "--max-count", defaultValue = "3", paramLabel = "N",
            description = "Event data: events per pixel and step above which input saturates. Default: ${DEFAULT-VALUE}.")
    int maxCount;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "Checkpoint written after every epoch (default: OUTPUT.ckpt).")
    Path checkpoint;

    @Option(names = "--resume", paramLabel = "FILE", description = "Continue from a checkpoint up to --epochs.")
    Path resume;

    @Option(names = "--plot", paramLabel = "FILE.png",
            description = "Where to draw the learning curves (loss, train and test accuracy per epoch; default: beside"
                    + " the model, MODEL.curves.png).")
    Path plot;

    @Option(names = "--json", description = "Print {\"test_accuracy\", \"train_seconds\", \"samples_per_s\", \"learner_bytes\", \"curves_png\"} at the end.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (steps < 1 || epochs < 1 || batch < 1 || limit < 0 || testLimit < 0) {
            throw new IllegalArgumentException("--steps, --epochs and --batch must be >= 1, --limit and --test-limit >= 0");
        }
        Algorithm algorithm = Algorithm.parse(algo);
        TrainingData data = TrainingData.load(dataset, ImageSpikeEncoder.Mode.valueOf(encoding.toUpperCase(Locale.ROOT)),
                seed, limit, testLimit, steps, binUs, maxCount);
        Trainer.Options options = Trainer.Options.defaults(algorithm, steps).withBatchSize(batch)
                .withLearningRate(learningRate).withSeed(seed).withSurrogate(Surrogate.parse(surrogate))
                .withThreads(threads != null ? threads : Runtime.getRuntime().availableProcessors());
        Path ckpt = checkpoint != null ? checkpoint : output.resolveSibling(output.getFileName() + ".ckpt");
        PrintWriter err = spec.commandLine().getErr();
        TrainingInfo info = TrainingInfo.newBuilder().setAlgorithm(algo.toLowerCase(Locale.ROOT)).setDataset(dataset)
                .setSeed(seed).setCreatedBy(commandLine()).build();
        try (TrainingSession session = resume != null
                ? TrainingSession.resume(data, TrainingCheckpoint.parseFrom(Files.readAllBytes(resume)), options, info)
                : TrainingSession.start(data, initial(data.architectureFor(arch)), options, info)) {
            TrainingSession.Outcome run = session.train(epochs, err, cp -> writeAtomically(ckpt, cp.toByteArray()));
            double accuracy = run.testAccuracy();
            String written = writeModel(session.model(accuracy));
            Path curves = plot != null ? plot
                    : output.resolveSibling(output.getFileName().toString().replaceFirst("\\.[^.]*$", "") + ".curves.png");
            writeAtomically(curves, LearningCurvesChart.png(algo.toUpperCase(Locale.ROOT) + " " + data.name(),
                    run.history().stream().map(e -> new LearningCurvesChart.Epoch(e.getEpoch(), e.getLoss(),
                            e.getTrainAccuracy(), e.getTestAccuracy())).toList()));
            PrintWriter out = spec.commandLine().getOut();
            double seconds = run.trainSeconds();
            double rate = run.samplesPerSecond();
            if (json) {
                var o = Json.object();
                o.put("test_accuracy", accuracy);
                o.put("train_seconds", seconds);
                o.put("samples_per_s", rate);
                o.put("learner_bytes", session.learnerBytesPerWorker());
                o.put("curves_png", curves.toString());
                out.println(Json.render(o));
            } else {
                out.printf(Locale.ROOT, "test accuracy %.4f on %d samples; %.1f s training, %.0f samples/s;"
                                + " learner memory %d bytes per worker; checkpoint %s; learning curves %s%n%s", accuracy,
                        data.test().size(), seconds, rate, session.learnerBytesPerWorker(), ckpt, curves, written);
            }
            out.flush();
        }
        return 0;
    }

    private FloatNetwork initial(String architecture) {
        FloatNetwork net = FloatNetwork.initialize(NetworkSpec.parse(architecture), seed);
        return switch (neuron.toLowerCase(Locale.ROOT)) {
            case "lif" -> net;
            case "if" -> net.integrateAndFire();
            default -> throw new IllegalArgumentException("--neuron must be lif or if, not '" + neuron + "'");
        };
    }

    /**
     * Writes the model in the format the output's extension names; returns what to tell the user. A
     * model NIR cannot hold exactly is still kept, as {@code .nem} next to the requested file.
     */
    private String writeModel(TrainedModel model) throws IOException {
        if (!output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".nir")) {
            writeAtomically(output, model.toByteArray());
            return String.format(Locale.ROOT, "written: %s (compile with `neuroedge compile %s -o PROGRAM.nsp`)%n",
                    output, output);
        }
        try {
            return ExportCommand.summary(output, new ModelNirExporter().export(model, output));
        } catch (IllegalArgumentException e) {
            Path nem = output.resolveSibling(output.getFileName().toString().replaceFirst("(?i)\\.nir$", ".nem"));
            writeAtomically(nem, model.toByteArray());
            throw new IllegalArgumentException("cannot export the trained model to NIR (" + e.getMessage()
                    + "); it was written to " + nem + " instead", e);
        }
    }

    private String commandLine() {
        StringBuilder sb = new StringBuilder("neuroedge train");
        for (String a : spec.commandLine().getParseResult().originalArgs()) {
            sb.append(' ').append(a);
        }
        return sb.toString();
    }

    /** A crash never leaves a half-written model or checkpoint. */
    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        AtomicFiles.write(target, bytes);
    }
}
