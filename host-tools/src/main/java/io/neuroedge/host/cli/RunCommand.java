package io.neuroedge.host.cli;

import io.neuroedge.events.EventFileReader;
import io.neuroedge.events.EventFormats;
import io.neuroedge.host.spikes.SpikeCsv;
import io.neuroedge.host.spikes.SpikeTrain;
import io.neuroedge.runtime.engine.Engine;
import io.neuroedge.runtime.input.EventBinner;
import io.neuroedge.runtime.input.InputPipeline;
import io.neuroedge.runtime.program.ExecutionPlan;
import io.neuroedge.runtime.program.InputPlan;
import io.neuroedge.runtime.program.InvalidProgramException;
import io.neuroedge.runtime.program.ProgramLoader;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code neuroedge run}: runs a spike program on an event recording or on a spike CSV. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a spike program on an event recording (--input) or drive its input neurons"
                + " directly from a CSV with one row per time step (--input-spikes), and print the output spikes.",
                "Events are binned into steps of the program's bin length (per pixel and polarity counts)."})
final class RunCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROGRAM.nsp", description = "The spike program.")
    Path program;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--input", paramLabel = "FILE",
                description = "Event recording: N-MNIST (.bin/.bs2), Prophesee EVT 2.0/3.0 (.raw) or DAT (.dat);"
                        + " the format is detected from the content.")
        Path events;

        @Option(names = "--input-spikes", paramLabel = "FILE.csv",
                description = "One row per time step, one column per input neuron (0/1 or counts).")
        Path spikes;
    }

    @Option(names = "--columns", paramLabel = "SPEC",
            description = "With --input-spikes: columns to use, e.g. 0 or 0,2,5 or 1-3 or header names (default: all).")
    String columns;

    @Option(names = "--json", description = "Print {\"steps\", \"spike_counts\", \"predicted\", \"spikes\"} as JSON.")
    boolean json;

    @Mixin
    KernelOption kernel;

    /** Events the program's filters removed; -1 when the program has none (or the input was spikes). */
    private long filteredEvents = -1;

    @Override
    public Integer call() throws IOException, InvalidProgramException {
        if (columns != null && source.spikes == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--columns only applies to --input-spikes");
        }
        ExecutionPlan plan = new ProgramLoader().load(program);
        Engine engine = new Engine(plan, kernel.provider());
        SpikeRecorder recorder = new SpikeRecorder(plan.outputSize());
        if (source.events != null) {
            runEvents(plan, engine, recorder);
        } else {
            runSpikes(plan, engine, recorder);
        }
        print(plan, engine, recorder);
        return 0;
    }

    private void runEvents(ExecutionPlan plan, Engine engine, SpikeRecorder recorder) throws IOException {
        InputPlan.EventMapping mapping = plan.input().events().orElseThrow(() -> new IllegalArgumentException(
                "program '" + plan.name() + "' declares no event encoding; drive it with --input-spikes"));
        EventFileReader reader = EventFormats.open(source.events);
        InputPipeline input = new InputPipeline(plan.input(), counts -> recorder.record(engine, engine.step(counts)));
        reader.read(source.events, input);
        input.flush();
        EventBinner binner = input.binner();
        if (binner.outsideEvents() > 0 || binner.lateEvents() > 0) {
            spec.commandLine().getErr().println("note: " + binner.outsideEvents() + " events outside the input window, "
                    + binner.lateEvents() + " out of order");
        }
        if (!input.filters().isNone()) {
            filteredEvents = input.filteredEvents();
            spec.commandLine().getErr().println("note: the program's event filters (" + input.filters().describe()
                    + ") removed " + filteredEvents + " events");
        }
    }

    private void runSpikes(ExecutionPlan plan, Engine engine, SpikeRecorder recorder) throws IOException {
        SpikeTrain train = SpikeCsv.read(source.spikes, columns);
        int inputs = plan.input().shape().size();
        if (train.neurons() != inputs) {
            throw new IllegalArgumentException(source.spikes + " has " + train.neurons() + " selected columns, program '"
                    + plan.name() + "' has " + inputs + " input neurons (select columns with --columns)");
        }
        if (train.saturatedCount() > 0) {
            spec.commandLine().getErr().println("note: " + train.saturatedCount() + " counts above "
                    + SpikeTrain.MAX_COUNT + " were saturated");
        }
        byte[] counts = new byte[inputs];
        for (int t = 0; t < train.steps(); t++) {
            train.copyStep(t, counts);
            recorder.record(engine, engine.step(counts));
        }
    }

    private void print(ExecutionPlan plan, Engine engine, SpikeRecorder recorder) {
        PrintWriter out = spec.commandLine().getOut();
        int predicted = engine.predicted();
        if (json) {
            Map<String, Object> doc = Json.object();
            doc.put("steps", engine.steps());
            doc.put("spike_counts", engine.spikeCounts().clone());
            doc.put("predicted", predicted);
            if (filteredEvents >= 0) {
                doc.put("filtered_events", filteredEvents);
            }
            Map<String, Object> spikes = Json.object();
            for (int k = 0; k < plan.outputSize(); k++) {
                spikes.put(Integer.toString(k), recorder.steps(k));
            }
            doc.put("spikes", spikes);
            out.println(Json.render(doc));
        } else {
            out.println("program:      " + plan.name() + " (" + plan.digest().substring(0, 12) + ")");
            out.println("kernels:      " + engine.kernels().name());
            out.println("steps:        " + engine.steps());
            out.println("spike counts: " + java.util.Arrays.toString(engine.spikeCounts()));
            String label = predicted >= 0 && !plan.labels().isEmpty() ? " (" + plan.labels().get(predicted) + ")" : "";
            out.println("predicted:    " + (predicted < 0 ? "none (no output spike)" : predicted + label));
            for (int k = 0; k < plan.outputSize(); k++) {
                if (!recorder.steps(k).isEmpty()) {
                    out.println("spikes[" + k + "]:    " + recorder.steps(k));
                }
            }
        }
        out.flush();
    }

    /** Output spike times per neuron; runs after the engine step, outside the engine's hot path. */
    private static final class SpikeRecorder {
        private final List<List<Integer>> steps = new ArrayList<>();

        SpikeRecorder(int outputs) {
            for (int k = 0; k < outputs; k++) {
                steps.add(new ArrayList<>());
            }
        }

        void record(Engine engine, int fired) {
            if (fired == 0) {
                return;
            }
            byte[] spikes = engine.outputSpikes();
            int step = engine.steps() - 1;
            for (int k = 0; k < spikes.length; k++) {
                if (spikes[k] != 0) {
                    steps.get(k).add(step);
                }
            }
        }

        List<Integer> steps(int neuron) {
            return steps.get(neuron);
        }
    }
}
