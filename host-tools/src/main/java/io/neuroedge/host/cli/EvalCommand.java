package io.neuroedge.host.cli;

import io.neuroedge.runtime.data.IdxDataset;
import io.neuroedge.runtime.data.IdxReader;
import io.neuroedge.host.eval.CountProgress;
import io.neuroedge.host.eval.ImageRunner;
import io.neuroedge.host.eval.RecordingRunner;
import io.neuroedge.events.labels.LabelsCsv;
import io.neuroedge.host.plot.ConfusionMatrixChart;
import io.neuroedge.host.train.TrainingData;
import io.neuroedge.runtime.input.ImageSpikeEncoder;
import io.neuroedge.runtime.io.AtomicFiles;
import io.neuroedge.runtime.program.ExecutionPlan;
import io.neuroedge.runtime.program.InvalidProgramException;
import io.neuroedge.runtime.program.ProgramLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code neuroedge eval}: accuracy of a program over a folder of labelled recordings, and how often
 * its predictions agree with the float reference of the same program.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Accuracy of a spike program over a folder of labelled event recordings (N-MNIST or any"
                + " format `run --input` reads) or over the test images of an IDX dataset (programs compiled from"
                + " `neuroedge train` models), the agreement of its predictions with the float reference"
                + " interpreter, and the confusion matrix.",
                "The labels CSV has a header with at least the columns file,label (file relative to DIR)."})
final class EvalCommand implements java.util.concurrent.Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROGRAM.nsp", description = "The spike program.")
    Path program;

    @Option(names = "--nmnist", paramLabel = "DIR", description = "Folder of recordings (with --labels).")
    Path folder;

    @Option(names = "--labels", paramLabel = "CSV", description = "Labels: columns file,label.")
    Path labels;

    @Option(names = "--images", paramLabel = "DIR",
            description = "IDX dataset folder: evaluate on test-images-idx3-ubyte.gz / test-labels-idx1-ubyte.gz.")
    Path images;

    @Option(names = "--steps", defaultValue = "16", paramLabel = "T",
            description = "With --images: steps each image is shown (the T it was trained with). Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--encoding", defaultValue = "rate", paramLabel = "rate|direct",
            description = "With --images: Bernoulli rate spikes or intensities as counts. Default: ${DEFAULT-VALUE}.")
    String encoding;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
            description = "With --images: the --seed the model was trained with; rate spikes are drawn as `train` drew"
                    + " them for its test accuracy. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--limit", paramLabel = "N", description = "Evaluate only the first N labelled recordings.")
    Integer limit;

    @Option(names = "--no-float", description = "Skip the float reference (faster; no agreement figure).")
    boolean noFloat;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--json", description = "Print {\"samples\", \"accuracy\", \"agreement_with_float\", \"confusion\"}.")
    boolean json;

    @Mixin
    KernelOption kernel;

    @Option(names = "--plot", paramLabel = "FILE.png",
            description = "Also draw the confusion matrix (each cell's share of its label's samples) as a PNG.")
    Path plot;

    /** One recording's outcome; {@code filtered}: events the program's filters removed (0 for images). */
    private record Outcome(int label, int predicted, int floatPredicted, long filtered) {
    }

    @Override
    public Integer call() throws IOException, InvalidProgramException, InterruptedException {
        ExecutionPlan plan = new ProgramLoader().load(program);
        if (images != null) {
            if (folder != null || labels != null) {
                throw new IllegalArgumentException("give either --images DIR or --nmnist DIR --labels CSV, not both");
            }
            report(plan, evaluateImages(plan));
            return 0;
        }
        if (folder == null || labels == null) {
            throw new IllegalArgumentException("give --nmnist DIR with --labels CSV, or --images DIR");
        }
        List<LabelsCsv.Entry> entries = LabelsCsv.read(labels);
        if (limit != null) {
            if (limit < 1) {
                throw new IllegalArgumentException("--limit must be at least 1, got " + limit);
            }
            entries = entries.subList(0, Math.min(limit, entries.size()));
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(labels + " lists no recordings");
        }
        int classes = plan.outputSize();
        for (LabelsCsv.Entry e : entries) {
            if (e.label() >= classes) {
                throw new IllegalArgumentException(labels + ": label " + e.label() + " of " + e.file()
                        + " is not an output of the program (" + classes + " outputs)");
            }
            if (!Files.isRegularFile(folder.resolve(e.file()))) {
                throw new IllegalArgumentException("no such recording: " + folder.resolve(e.file()));
            }
        }
        List<Outcome> outcomes = evaluate(plan, entries);
        report(plan, outcomes);
        return 0;
    }

    private List<Outcome> evaluateImages(ExecutionPlan plan) throws IOException, InterruptedException {
        IdxDataset data = IdxReader.readDataset(images.resolve("test-images-idx3-ubyte.gz"),
                images.resolve("test-labels-idx1-ubyte.gz"));
        int n = limit == null ? data.size() : Math.min(limit, data.size());
        if (n < 1) {
            throw new IllegalArgumentException("--limit must be at least 1");
        }
        byte[][] pixels = new byte[n][];
        for (int k = 0; k < n; k++) {
            pixels[k] = data.images().image(k);
            if (data.label(k) >= plan.outputSize()) {
                throw new IllegalArgumentException("label " + data.label(k) + " of test image " + k
                        + " is not an output of the program (" + plan.outputSize() + " outputs)");
            }
        }
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        ImageSpikeEncoder encoder = ImageSpikeEncoder.of(
                ImageSpikeEncoder.Mode.valueOf(encoding.toUpperCase(java.util.Locale.ROOT)), TrainingData.testSeed(seed));
        ImageRunner.Outcome[] runs = new ImageRunner(plan, kernel.provider(), encoder, steps, !noFloat, workers)
                .run(pixels, new CountProgress(spec.commandLine().getErr(), "eval images", n));
        List<Outcome> outcomes = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            outcomes.add(new Outcome(data.label(k), runs[k].predicted(), runs[k].floatPredicted(), 0));
        }
        return outcomes;
    }

    private List<Outcome> evaluate(ExecutionPlan plan, List<LabelsCsv.Entry> entries)
            throws InterruptedException, IOException {
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        List<Path> files = entries.stream().map(e -> folder.resolve(e.file())).toList();
        List<RecordingRunner.Outcome> runs = new RecordingRunner(plan, kernel.provider(), !noFloat, workers)
                .run(files, new CountProgress(spec.commandLine().getErr(), "eval recordings", files.size()));
        List<Outcome> outcomes = new ArrayList<>(runs.size());
        for (int i = 0; i < runs.size(); i++) {
            RecordingRunner.Outcome r = runs.get(i);
            outcomes.add(new Outcome(entries.get(i).label(), r.predicted(), r.floatPredicted(), r.filteredEvents()));
        }
        return outcomes;
    }

    private void report(ExecutionPlan plan, List<Outcome> outcomes) throws IOException {
        int classes = plan.outputSize();
        int[][] confusion = new int[classes][classes + 1];   // last column: no decision
        int correct = 0;
        int agree = 0;
        for (Outcome o : outcomes) {
            confusion[o.label()][o.predicted() < 0 ? classes : o.predicted()]++;
            if (o.predicted() == o.label()) {
                correct++;
            }
            if (o.predicted() == o.floatPredicted()) {
                agree++;
            }
        }
        int n = outcomes.size();
        double accuracy = (double) correct / n;
        Double agreement = noFloat ? null : (double) agree / n;
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = Json.object();
            doc.put("samples", n);
            doc.put("accuracy", accuracy);
            doc.put("agreement_with_float", agreement);
            List<Object> rows = new ArrayList<>();
            for (int[] row : confusion) {
                rows.add(java.util.Arrays.copyOf(row, classes));
            }
            doc.put("confusion", rows);
            long undecided = outcomes.stream().filter(o -> o.predicted() < 0).count();
            doc.put("no_decision", undecided);
            if (filters(plan) != null) {
                doc.put("filtered_events", filtered(outcomes));
            }
            out.println(Json.render(doc));
        } else {
            out.printf("samples:    %d%n", n);
            out.printf("accuracy:   %.4f (%d correct)%n", accuracy, correct);
            out.println("agreement:  " + (agreement == null ? "not measured (--no-float)"
                    : String.format("%.4f of predictions equal the float reference's", agreement)));
            out.println("confusion (rows: label, columns: predicted, last column: no output spike):");
            for (int l = 0; l < classes; l++) {
                out.println(String.format("  %2d:", l) + java.util.Arrays.toString(confusion[l]));
            }
            if (filters(plan) != null) {
                out.printf("filtered:   %d events removed by the program's event filters (%s)%n", filtered(outcomes),
                        filters(plan));
            }
        }
        out.flush();
        if (plot != null) {
            List<String> names = plan.labels().isEmpty()
                    ? java.util.stream.IntStream.range(0, classes).mapToObj(Integer::toString).toList() : plan.labels();
            String title = String.format(java.util.Locale.ROOT, "%s: accuracy %.4f over %d samples", plan.name(), accuracy, n);
            AtomicFiles.write(plot, ConfusionMatrixChart.png(title, confusion, names));
            spec.commandLine().getErr().println("wrote " + plot);
        }
    }

    /** The program's event filters as text, or null when it has none. */
    private static String filters(ExecutionPlan plan) {
        return plan.input().events().map(m -> m.filters()).filter(f -> !f.isNone()).map(f -> f.describe()).orElse(null);
    }

    private static long filtered(List<Outcome> outcomes) {
        return outcomes.stream().mapToLong(Outcome::filtered).sum();
    }
}
