package io.neuroedge.host.demo;

import io.neuroedge.agent.learn.StopLearning;
import io.neuroedge.agent.server.AgentConfig;
import io.neuroedge.agent.server.AgentServer;
import io.neuroedge.agent.gpio.ClassIndicator;
import io.neuroedge.compiler.lower.CompiledProgram;
import io.neuroedge.compiler.lower.ModelCompiler;
import io.neuroedge.host.agent.AgentAddress;
import io.neuroedge.host.agent.AgentClient;
import io.neuroedge.host.agent.ClientOptions;
import io.neuroedge.host.agent.Flasher;
import io.neuroedge.host.agent.RecordingStreamer;
import io.neuroedge.runtime.data.IdxDataset;
import io.neuroedge.runtime.data.IdxImages;
import io.neuroedge.runtime.data.IdxReader;
import io.neuroedge.events.EventArray;
import io.neuroedge.events.EventFormats;
import io.neuroedge.events.nmnist.NMnistWriter;
import io.neuroedge.events.labels.LabelsCsv;
import io.neuroedge.host.sim.BackgroundNoise;
import io.neuroedge.host.sim.DvsParameters;
import io.neuroedge.host.sim.MovingBarScene;
import io.neuroedge.host.sim.SaccadeScene;
import io.neuroedge.host.sim.Scene;
import io.neuroedge.host.sim.SimulatedDataset;
import io.neuroedge.host.train.TrainingData;
import io.neuroedge.host.train.TrainingSession;
import io.neuroedge.proto.agent.Envelope;
import io.neuroedge.proto.agent.LearnControl;
import io.neuroedge.proto.agent.ProgramRef;
import io.neuroedge.proto.model.TrainedModel;
import io.neuroedge.proto.model.TrainingInfo;
import io.neuroedge.runtime.input.EventFilterSpec;
import io.neuroedge.runtime.input.ImageSpikeEncoder;
import io.neuroedge.runtime.input.PolarityFilter;
import io.neuroedge.runtime.learn.Algorithm;
import io.neuroedge.runtime.learn.FloatNetwork;
import io.neuroedge.runtime.learn.NetworkSpec;
import io.neuroedge.runtime.io.AtomicFiles;
import io.neuroedge.runtime.learn.Trainer;
import io.neuroedge.runtime.ondevice.DeviceLearner;
import io.neuroedge.runtime.program.InvalidProgramException;
import io.neuroedge.runtime.program.ProgramBuilder;
import io.neuroedge.runtime.program.SpikePrograms;
import io.neuroedge.runtime.simd.KernelProviders;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The end-to-end demo: a labelled event dataset (simulated, or a folder), STOP training on the
 * host, compilation, an agent on loopback in this process, flashing, a real-time stream with live
 * predictions, and on-device STOP on a shifted (noisier) sensor with accuracy before and after.
 */
public final class Demo {

    /** What the demo does; {@link #defaults} is what {@code ./neuroedge demo} runs. */
    public record Options(Path work, Path data, Path mnist, int trainRecordings, int liveRecordings,
                          int adaptRecordings, int shiftedRecordings, int steps, int epochs, int hidden,
                          double noiseHz, double speed, int threads, long seed, double deviceLearningRate) {

        public static Options defaults(Path work, Path data, Path mnist) {
            return new Options(work, data, mnist, 2000, 30, 300, 200, 16, 4, 128, 10.0, 1.0,
                    Runtime.getRuntime().availableProcessors(), 1, 0.001);
        }
    }

    /** The figures the demo ends with. */
    public record Summary(String dataset, int classes, double validationAccuracy, double trainSeconds,
                          double samplesPerSecond, double liveAccuracy, double latencyMsP50, long eventsDropped,
                          double shiftedBefore, double shiftedAfter, int adaptWindows, String learnedVersion,
                          double shiftedDenoised, double seconds) {
    }

    private record Labelled(List<Path> files, int[] labels) {
    }

    /** The in-process agent's INFO lines would interleave with the demo's own; warnings still show. */
    private static final java.util.logging.Logger AGENT_LOG = java.util.logging.Logger.getLogger("io.neuroedge.agent");

    /** The demo's background-activity window: an event needs a neighbour event at most this recent. */
    static final int DENOISE_US = 3000;

    private final Options options;
    private final PrintWriter log;

    public Demo(Options options, PrintWriter log) {
        this.options = options;
        this.log = log;
    }

    public Summary run() throws IOException, InterruptedException {
        long start = System.nanoTime();
        AGENT_LOG.setLevel(java.util.logging.Level.WARNING);
        Files.createDirectories(options.work());
        Path trainDir = options.work().resolve("train");
        Path heldDir = options.work().resolve("heldout");
        String what = prepare(trainDir, heldDir);
        Labelled held = labelled(heldDir);
        int live = Math.min(options.liveRecordings(), held.files().size());
        Labelled liveSet = slice(held, 0, live);
        Labelled adaptClean = slice(held, live, Math.min(held.files().size(), live + options.adaptRecordings()));
        Labelled shiftedClean = slice(held, live + adaptClean.files().size(),
                Math.min(held.files().size(), live + adaptClean.files().size() + options.shiftedRecordings()));
        if (adaptClean.files().isEmpty() || shiftedClean.files().isEmpty()) {
            throw new IllegalArgumentException("the held-out recordings are too few for the live, adaptation and"
                    + " shifted streams (" + held.files().size() + ")");
        }

        step(2, "training with STOP-WTL on the host");
        TrainingData data = TrainingData.load("nmnist:" + trainDir, ImageSpikeEncoder.Mode.RATE, options.seed(),
                0, 0, options.steps(), 0, 3);
        int classes = classes(trainDir);
        String arch = data.architectureFor(data.train().inputSize() + "-" + options.hidden() + "-" + classes);
        Trainer.Options to = Trainer.Options.defaults(Algorithm.STOP_WTL, options.steps()).withBatchSize(32)
                .withLearningRate(2e-3f).withSeed(options.seed()).withThreads(options.threads());
        TrainingInfo info = TrainingInfo.newBuilder().setAlgorithm("stop-wtl").setDataset(what)
                .setSeed(options.seed()).setCreatedBy("neuroedge demo").build();
        double validation;
        double trainSeconds;
        double samplesPerSecond;
        TrainedModel model;
        try (TrainingSession session = TrainingSession.start(data,
                FloatNetwork.initialize(NetworkSpec.parse(arch), options.seed()), to, info)) {
            TrainingSession.Outcome run = session.train(options.epochs(), log, null);
            validation = run.testAccuracy();
            trainSeconds = run.trainSeconds();
            samplesPerSecond = run.samplesPerSecond();
            model = session.model(validation);
        }

        step(3, "compiling " + arch + " to a fixed-point spike program");
        CompiledProgram program = new ModelCompiler().compile(model, "demo", model.toByteArray(), null, "neuroedge demo");
        byte[] nsp = SpikePrograms.seal(program.body()).toByteArray();
        AtomicFiles.write(options.work().resolve("demo.nsp"), nsp);
        log.printf(Locale.ROOT, "      %d layers, %,d bytes of weights, %,d bytes in all%n", program.plan().layers().size(),
                program.plan().memory().weightBytes(), program.plan().memory().total());

        AgentConfig config = AgentConfig.loopback(0, options.work().resolve("agent"));
        try (AgentServer agent = new AgentServer(config, KernelProviders.get(),
                StopLearning.factory(new DeviceLearner.Options(options.deviceLearningRate(),
                        options.deviceLearningRate() / 2.5, 1, 1)), ClassIndicator.NONE)) {
            InetSocketAddress bound = agent.start();
            AgentAddress address = new AgentAddress("127.0.0.1", bound.getPort());
            try (AgentClient client = AgentClient.connect(address, ClientOptions.plain().withSubscribe(true)
                    .withLossless(true))) {
                ProgramRef ref = Flasher.flash(client, "demo", nsp);
                step(4, "agent on " + address + " (" + agent.transport() + "): flashed " + ref.getName() + " v"
                        + ref.getVersion());

                step(5, "live: streaming " + liveSet.files().size() + " held-out recordings at "
                        + (options.speed() == 1 ? "real-time speed" : options.speed() == 0 ? "full speed"
                        : options.speed() + "x real time"));
                Live liveRun = streamLive(client, liveSet);

                Path shiftDir = options.work().resolve("shifted");
                Labelled adapt = noisy(adaptClean, shiftDir.resolve("adapt"), 11);
                Labelled shifted = noisy(shiftedClean, shiftDir.resolve("eval"), 12);
                step(6, String.format(Locale.ROOT, "shifted sensor (%.1f Hz/pixel background noise): on-device STOP",
                        options.noiseHz()));
                double before = accuracy(client, shifted);
                log.printf(Locale.ROOT, "      accuracy on %d noisy recordings before learning: %.3f%n",
                        shifted.files().size(), before);
                learn(client, adapt);
                double after = accuracy(client, shifted);
                Envelope cp = client.request(Envelope.newBuilder().setLearn(LearnControl.newBuilder()
                        .setCheckpoint(LearnControl.Checkpoint.getDefaultInstance())), 30_000);
                String version = cp.hasDeploy() && cp.getDeploy().hasAck()
                        ? cp.getDeploy().getAck().getActive().getName() + " v" + cp.getDeploy().getAck().getActive().getVersion()
                        : "not stored (" + cp.getBodyCase() + ")";
                log.printf(Locale.ROOT, "      accuracy after learning from %d labelled noisy recordings: %.3f (%+.3f);"
                        + " learned program stored as %s%n", adapt.files().size(), after, after - before, version);

                // the other answer to a noisy sensor: the original program carrying a background-activity
                // filter, which the agent applies to the camera stream before binning
                Flasher.flash(client, "demo-denoised", denoising(program));
                double denoised = accuracy(client, shifted);
                log.printf(Locale.ROOT, "      the original program with its own background-activity filter (compile"
                        + " --denoise-us %d), no learning: %.3f (%+.3f)%n", DENOISE_US, denoised, denoised - before);
                return new Summary(what, classes, validation, trainSeconds, samplesPerSecond, liveRun.accuracy,
                        liveRun.latencyMsP50, liveRun.dropped, before, after, adapt.files().size(), version, denoised,
                        (System.nanoTime() - start) / 1e9);
            }
        }
    }

    private static byte[] denoising(CompiledProgram program) {
        try {
            return SpikePrograms.seal(ProgramBuilder.withEventFilters(program.body(),
                    new EventFilterSpec(PolarityFilter.Mode.BOTH, 0, DENOISE_US))).toByteArray();
        } catch (InvalidProgramException e) {
            throw new IllegalStateException("the demo's program does not take a filter: " + e.getMessage(), e);
        }
    }

    private void step(int n, String text) {
        log.printf(Locale.ROOT, "[%d/6] %s%n", n, text);
        log.flush();
    }

    /** Simulates (or takes) the recordings; returns what the dataset is. */
    private String prepare(Path trainDir, Path heldDir) throws IOException {
        int held = options.liveRecordings() + options.adaptRecordings() + options.shiftedRecordings();
        if (options.data() != null) {
            step(1, "dataset: " + options.data());
            splitFolder(options.data(), trainDir, heldDir, held);
            return options.data().toString();
        }
        SimulatedDataset sim = new SimulatedDataset(DvsParameters.DEFAULT.withSeed(options.seed()), "nmnist",
                options.threads());
        Scene train;
        Scene test;
        String what;
        if (options.mnist() != null) {
            IdxDataset trainImages = IdxReader.readDataset(options.mnist().resolve("train-images-idx3-ubyte.gz"),
                    options.mnist().resolve("train-labels-idx1-ubyte.gz"));
            IdxDataset testImages = IdxReader.readDataset(options.mnist().resolve("test-images-idx3-ubyte.gz"),
                    options.mnist().resolve("test-labels-idx1-ubyte.gz"));
            train = new SaccadeScene(trainImages, Math.min(options.trainRecordings(), trainImages.size()));
            test = new SaccadeScene(testImages, Math.min(held, testImages.size()));
            what = "simulated DVS saccades of MNIST digits (" + options.mnist() + ")";
        } else {
            train = new MovingBarScene(options.trainRecordings(), 34);
            test = new MovingBarScene(held, 34);
            what = "simulated DVS moving bars, 4 directions";
        }
        long t = System.nanoTime();
        SimulatedDataset.Summary a = sim.write(train, "train", trainDir);
        SimulatedDataset.Summary b = new SimulatedDataset(DvsParameters.DEFAULT.withSeed(options.seed() + 1), "nmnist",
                options.threads()).write(test, "test", heldDir);
        step(1, String.format(Locale.ROOT, "dataset: %s: %,d training and %,d held-out recordings, %,d events, in %.1f s",
                what, a.recordings(), b.recordings(), a.events() + b.events(), (System.nanoTime() - t) / 1e9));
        return what;
    }

    /** Every 5th labelled recording of a folder is held out, like `train` does; both get a labels.csv. */
    private static void splitFolder(Path source, Path trainDir, Path heldDir, int held) throws IOException {
        List<LabelsCsv.Entry> entries = LabelsCsv.read(source.resolve("labels.csv"));
        StringBuilder train = new StringBuilder("file,label\n");
        StringBuilder test = new StringBuilder("file,label\n");
        int taken = 0;
        for (int k = 0; k < entries.size(); k++) {
            LabelsCsv.Entry e = entries.get(k);
            String path = source.resolve(e.file()).toAbsolutePath().toString();
            if (k % TrainingData.NMNIST_TEST_EVERY == TrainingData.NMNIST_TEST_EVERY - 1 && taken < held) {
                test.append(path).append(',').append(e.label()).append('\n');
                taken++;
            } else {
                train.append(path).append(',').append(e.label()).append('\n');
            }
        }
        Files.createDirectories(trainDir);
        Files.createDirectories(heldDir);
        AtomicFiles.write(trainDir.resolve("labels.csv"), train.toString().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(heldDir.resolve("labels.csv"), test.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Labelled labelled(Path dir) throws IOException {
        List<LabelsCsv.Entry> entries = LabelsCsv.read(dir.resolve("labels.csv"));
        List<Path> files = new ArrayList<>();
        int[] labels = new int[entries.size()];
        for (int k = 0; k < labels.length; k++) {
            files.add(dir.resolve(entries.get(k).file()));
            labels[k] = entries.get(k).label();
        }
        return new Labelled(files, labels);
    }

    private static int classes(Path dir) throws IOException {
        int max = 0;
        for (LabelsCsv.Entry e : LabelsCsv.read(dir.resolve("labels.csv"))) {
            max = Math.max(max, e.label());
        }
        return max + 1;
    }

    private static Labelled slice(Labelled l, int from, int to) {
        return new Labelled(l.files().subList(from, to), Arrays.copyOfRange(l.labels(), from, to));
    }

    /** Copies of the recordings with background noise added: the shifted sensor. */
    private Labelled noisy(Labelled clean, Path dir, long seed) throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        NMnistWriter writer = new NMnistWriter();
        for (int k = 0; k < clean.files().size(); k++) {
            Path f = clean.files().get(k);
            EventArray events = EventFormats.open(f).readAll(f);
            EventArray shifted = BackgroundNoise.add(events, 34, 34, options.noiseHz(), seed * 1_000_003L + k);
            Path target = dir.resolve(k + ".bs2");
            writer.write(shifted, 34, 34, target);
            out.add(target);
        }
        return new Labelled(out, clean.labels());
    }

    private record Live(double accuracy, double latencyMsP50, long dropped) {
    }

    private Live streamLive(AgentClient client, Labelled set) throws IOException, InterruptedException {
        RecordingStreamer streamer = new RecordingStreamer(client, options.speed());
        int correct = 0;
        long dropped = 0;
        long[] latencies = new long[set.files().size()];
        for (int k = 0; k < set.files().size(); k++) {
            RecordingStreamer.Summary s = streamer.stream(List.of(set.files().get(k)), 30_000);
            RecordingStreamer.Outcome o = s.outcomes().get(0);
            boolean hit = o.predicted() == set.labels()[k];
            correct += hit ? 1 : 0;
            dropped += s.eventsDropped();
            latencies[k] = o.latencyUs();
            log.printf(Locale.ROOT, "      #%-3d true %d  predicted %2d  %s  running accuracy %.3f  (%,d events, %.2f ms)%n",
                    k + 1, set.labels()[k], o.predicted(), hit ? "ok  " : "MISS", correct / (double) (k + 1),
                    o.events(), o.latencyUs() / 1000.0);
            log.flush();
        }
        Arrays.sort(latencies);
        return new Live(correct / (double) set.files().size(), latencies[latencies.length / 2] / 1000.0, dropped);
    }

    private static double accuracy(AgentClient client, Labelled set) throws IOException, InterruptedException {
        RecordingStreamer.Summary s = new RecordingStreamer(client, 0).stream(set.files(), 60_000);
        int correct = 0;
        for (int k = 0; k < set.labels().length; k++) {
            correct += s.outcomes().get(k).predicted() == set.labels()[k] ? 1 : 0;
        }
        return correct / (double) set.labels().length;
    }

    /** Supervised windows: label, wait for the agent's echo, then the recording. */
    private void learn(AgentClient client, Labelled set) throws IOException, InterruptedException {
        client.request(Envelope.newBuilder().setLearn(LearnControl.newBuilder().setEnable(true)), 10_000);
        RecordingStreamer streamer = new RecordingStreamer(client, 0);
        for (int k = 0; k < set.files().size(); k++) {
            client.request(Envelope.newBuilder().setLearn(LearnControl.newBuilder().setSuperviseLabel(set.labels()[k])),
                    10_000);
            streamer.stream(List.of(set.files().get(k)), 30_000);
        }
        client.request(Envelope.newBuilder().setLearn(LearnControl.newBuilder().setEnable(false)), 10_000);
    }
}
