package io.neuroedge.host.cli;

import io.neuroedge.host.events.EventArray;
import io.neuroedge.host.events.EventFormats;
import io.neuroedge.host.io.LabelsCsv;
import io.neuroedge.runtime.engine.Engine;
import io.neuroedge.runtime.input.EventBinner;
import io.neuroedge.runtime.program.ExecutionPlan;
import io.neuroedge.runtime.program.InvalidProgramException;
import io.neuroedge.runtime.program.ProgramLoader;
import io.neuroedge.runtime.reference.FloatReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code neuroedge eval}: accuracy of a program over a folder of labelled recordings, and how often
 * its predictions agree with the float reference of the same program.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Accuracy of a spike program over a folder of labelled event recordings (N-MNIST or any"
                + " format `run --input` reads), the agreement of its predictions with the float reference"
                + " interpreter, and the confusion matrix.",
                "The labels CSV has a header with at least the columns file,label (file relative to DIR)."})
final class EvalCommand implements java.util.concurrent.Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROGRAM.nsp", description = "The spike program.")
    Path program;

    @Option(names = "--nmnist", required = true, paramLabel = "DIR", description = "Folder of recordings.")
    Path folder;

    @Option(names = "--labels", required = true, paramLabel = "CSV", description = "Labels: columns file,label.")
    Path labels;

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

    /** One recording's outcome. */
    private record Outcome(int label, int predicted, int floatPredicted) {
    }

    @Override
    public Integer call() throws IOException, InvalidProgramException, InterruptedException {
        ExecutionPlan plan = new ProgramLoader().load(program);
        if (plan.input().events().isEmpty()) {
            throw new IllegalArgumentException("program '" + plan.name() + "' declares no event encoding to bin recordings");
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
        report(outcomes, classes);
        return 0;
    }

    /** Each worker owns an engine and a float reference; recordings are handed out one by one. */
    private List<Outcome> evaluate(ExecutionPlan plan, List<LabelsCsv.Entry> entries)
            throws InterruptedException, IOException {
        int workers = Math.max(1, threads == null ? Runtime.getRuntime().availableProcessors() : threads);
        Outcome[] results = new Outcome[entries.size()];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                futures.add(pool.submit(() -> {
                    Engine engine = new Engine(plan, kernel.provider());
                    FloatReference reference = noFloat ? null : new FloatReference(plan);
                    for (int i = next.getAndIncrement(); i < results.length; i = next.getAndIncrement()) {
                        results[i] = run(plan, engine, reference, entries.get(i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
        return List.of(results);
    }

    private Outcome run(ExecutionPlan plan, Engine engine, FloatReference reference, LabelsCsv.Entry entry) {
        EventArray events;
        try {
            events = EventFormats.open(folder.resolve(entry.file())).readAll(folder.resolve(entry.file()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        engine.reset();
        EventBinner binner = new EventBinner(plan.input(), engine::step);
        events.replay(binner);
        binner.flush();
        int floatPredicted = -1;
        if (reference != null) {
            reference.reset();
            EventBinner floatBinner = new EventBinner(plan.input(), reference::step);
            events.replay(floatBinner);
            floatBinner.flush();
            floatPredicted = reference.predicted();
        }
        return new Outcome(entry.label(), engine.predicted(), floatPredicted);
    }

    private void report(List<Outcome> outcomes, int classes) {
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
        }
        out.flush();
    }
}
