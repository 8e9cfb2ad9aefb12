package io.neuroedge.agent.engine;

import io.neuroedge.proto.agent.Result;
import io.neuroedge.runtime.engine.Engine;
import io.neuroedge.runtime.program.ExecutionPlan;

/**
 * Turns an engine's readout at the close of a window into a {@link Result}: the predicted class,
 * the output spike counts and one score per class, which is the class's share of all output
 * spikes, or the output membrane (last value or sum over the window) for a membrane readout.
 */
final class ResultMapper {

    private ResultMapper() {
    }

    /**
     * Engine thread, before the engine is reset. The latency is left to the caller, which measures
     * it after this mapping.
     *
     * @param window      the window's number, from 1
     * @param windowEndUs time stamp of the window's last event
     */
    static Result.Builder readout(Engine engine, long window, long events, int steps, long windowEndUs) {
        int[] counts = engine.spikeCounts();
        Result.Builder r = Result.newBuilder()
                .setWindowEndUs(windowEndUs)
                .setPredicted(engine.predicted())
                .setWindow(window)
                .setEvents(events)
                .setSteps(steps);
        long total = 0;
        for (int c : counts) {
            total += c;
        }
        ExecutionPlan.ReadoutKind readout = engine.plan().readout();
        int[] potentials = engine.outputMembrane();
        long[] sums = engine.outputMembraneSums();
        for (int k = 0; k < counts.length; k++) {
            r.addSpikeCounts(counts[k]);
            r.addScores(switch (readout) {
                case MEMBRANE -> potentials[k];
                case MEMBRANE_SUM -> sums[k];
                default -> total == 0 ? 0f : (float) counts[k] / total;
            });
        }
        return r;
    }
}
