package io.neuroedge.runtime.engine;

import java.util.Arrays;

/**
 * What the readout needs from the output population since the last reset: spikes per neuron and
 * the step of each neuron's first spike. Shared by the engine and the float reference so that both
 * count and decide identically.
 */
public final class OutputCounters {

    private final int[] spikeCounts;
    private final int[] firstSpikeStep;

    public OutputCounters(int outputs) {
        this.spikeCounts = new int[outputs];
        this.firstSpikeStep = new int[outputs];
        reset();
    }

    public void reset() {
        Arrays.fill(spikeCounts, 0);
        Arrays.fill(firstSpikeStep, -1);
    }

    /** Counts the output spikes (non-zero entries) of step {@code step}; returns how many there were. */
    public int record(byte[] spikes, int step) {
        int fired = 0;
        for (int k = 0; k < spikes.length; k++) {
            if (spikes[k] != 0) {
                fired++;
                spikeCounts[k]++;
                if (firstSpikeStep[k] < 0) {
                    firstSpikeStep[k] = step;
                }
            }
        }
        return fired;
    }

    /** Live array. */
    public int[] spikeCounts() {
        return spikeCounts;
    }

    /** Live array; -1 for neurons that have not spiked. */
    public int[] firstSpikeSteps() {
        return firstSpikeStep;
    }
}
