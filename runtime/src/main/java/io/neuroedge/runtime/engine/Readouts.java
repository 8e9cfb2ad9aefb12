package io.neuroedge.runtime.engine;

import io.neuroedge.runtime.program.ExecutionPlan.ReadoutKind;

/** Turns output counters into a decision. Ties go to the lowest neuron index. */
public final class Readouts {

    private Readouts() {
    }

    /**
     * @return the predicted output neuron, or -1 when the readout has nothing to decide on (no
     *         output spike for spike-count and first-spike readouts)
     */
    public static int predict(ReadoutKind kind, int[] spikeCounts, int[] firstSpikeStep, int[] membrane) {
        return predict(kind, spikeCounts, firstSpikeStep, membrane, null);
    }

    /**
     * As {@link #predict(ReadoutKind, int[], int[], int[])}, with the summed membrane that the
     * {@code MEMBRANE_SUM} readout decides on (may be null for the other kinds).
     */
    public static int predict(ReadoutKind kind, int[] spikeCounts, int[] firstSpikeStep, int[] membrane,
                              long[] membraneSum) {
        int best = -1;
        switch (kind) {
            case SPIKE_COUNT -> {
                for (int k = 0; k < spikeCounts.length; k++) {
                    if (spikeCounts[k] > 0 && (best < 0 || spikeCounts[k] > spikeCounts[best])) {
                        best = k;
                    }
                }
            }
            case FIRST_SPIKE -> {
                // earliest first spike; among equals the neuron with more spikes
                for (int k = 0; k < firstSpikeStep.length; k++) {
                    int s = firstSpikeStep[k];
                    if (s < 0) {
                        continue;
                    }
                    if (best < 0 || s < firstSpikeStep[best]
                            || (s == firstSpikeStep[best] && spikeCounts[k] > spikeCounts[best])) {
                        best = k;
                    }
                }
            }
            case MEMBRANE_SUM -> {
                for (int k = 0; k < membraneSum.length; k++) {
                    if (best < 0 || membraneSum[k] > membraneSum[best]) {
                        best = k;
                    }
                }
            }
            case MEMBRANE -> {
                for (int k = 0; k < membrane.length; k++) {
                    if (best < 0 || membrane[k] > membrane[best]) {
                        best = k;
                    }
                }
            }
        }
        return best;
    }
}
