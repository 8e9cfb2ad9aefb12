package io.neuroedge.host.eval;

import io.neuroedge.events.EventArray;
import io.neuroedge.events.EventFormats;
import io.neuroedge.runtime.engine.Engine;
import io.neuroedge.runtime.engine.Parallel;
import io.neuroedge.runtime.input.InputPipeline;
import io.neuroedge.runtime.program.ExecutionPlan;
import io.neuroedge.runtime.reference.FloatReference;
import io.neuroedge.runtime.simd.KernelProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Runs a program over many recordings on all cores: each worker owns an engine (and optionally a
 * float reference) and takes recordings one at a time; states are reset between recordings.
 * Used by {@code eval}.
 */
public final class RecordingRunner {

    /**
     * What one recording produced.
     *
     * @param predicted        the program's decision (-1: no output spike)
     * @param spikeCounts      output spikes per neuron
     * @param floatPredicted   the float reference's decision, or -2 when it was not run
     * @param floatSpikeCounts the float reference's output spikes, or null
     * @param filteredEvents   events the program's event filters removed from the recording
     */
    public record Outcome(int predicted, int[] spikeCounts, int floatPredicted, int[] floatSpikeCounts,
                          long filteredEvents) {
    }

    private final ExecutionPlan plan;
    private final KernelProvider kernels;
    private final boolean withFloat;
    private final int threads;

    public RecordingRunner(ExecutionPlan plan, KernelProvider kernels, boolean withFloat, int threads) {
        if (plan.input().events().isEmpty()) {
            throw new IllegalArgumentException("program '" + plan.name() + "' declares no event encoding to bin recordings");
        }
        this.plan = plan;
        this.kernels = kernels;
        this.withFloat = withFloat;
        this.threads = Math.max(1, threads);
    }

    /** Outcomes in the order of {@code recordings}. */
    public List<Outcome> run(List<Path> recordings) throws IOException, InterruptedException {
        return run(recordings, done -> { });
    }

    /** As {@link #run(List)}, telling {@code progress} (thread-safe) how many recordings are done. */
    public List<Outcome> run(List<Path> recordings, IntConsumer progress) throws IOException, InterruptedException {
        Outcome[] results = new Outcome[recordings.size()];
        Parallel.forEachIndex(results.length, threads, () -> {
            Engine engine = new Engine(plan, kernels);
            FloatReference reference = withFloat ? new FloatReference(plan) : null;
            return i -> results[i] = runOne(engine, reference, recordings.get(i));
        }, progress);
        return List.of(results);
    }

    private Outcome runOne(Engine engine, FloatReference reference, Path file) {
        EventArray events;
        try {
            events = EventFormats.open(file).readAll(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        engine.reset();
        InputPipeline input = new InputPipeline(plan.input(), engine::step);
        events.replay(input);
        input.flush();
        if (reference == null) {
            return new Outcome(engine.predicted(), engine.spikeCounts().clone(), -2, null, input.filteredEvents());
        }
        reference.reset();
        InputPipeline floatInput = new InputPipeline(plan.input(), reference::step);
        events.replay(floatInput);
        floatInput.flush();
        return new Outcome(engine.predicted(), engine.spikeCounts().clone(), reference.predicted(),
                reference.spikeCounts().clone(), input.filteredEvents());
    }
}
