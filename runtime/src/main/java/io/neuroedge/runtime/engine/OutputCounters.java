package io.neuroedge.runtime.engine;

import java.util.Arrays;

/**
 * What the readout needs from the output population since the last reset: spikes per neuron and
 * the step of each neuron's first spike, and (for the membrane-sum readout) each neuron's membrane
 * summed over the steps. Shared by the engine and the float reference so that both
 * count and decide identically.
 */
public final class OutputCounters {

    private final int[] spikeCounts;
    private final int[] firstSpikeStep;
    private final long[] membraneSum;

    public OutputCounters(int outputs) {
        this(outputs, false);
    }

    /** @param sumsMembrane whether to keep membrane sums ({@link #accumulateMembrane}) */
    public OutputCounters(int outputs, boolean sumsMembrane) {
        this.spikeCounts = new int[outputs];
        this.firstSpikeStep = new int[outputs];
        this.membraneSum = new long[sumsMembrane ? outputs : 0];
        reset();
    }

    public void reset() {
        Arrays.fill(spikeCounts, 0);
        Arrays.fill(firstSpikeStep, -1);
        Arrays.fill(membraneSum, 0);
    }

    /**
     * Adds one step's output membrane to the running sums. A 64-bit sum of 31-bit states cannot
     * overflow within 2^32 steps.
     */
    public void accumulateMembrane(int[] membrane) {
        for (int k = 0; k < membraneSum.length; k++) {
            membraneSum[k] += membrane[k];
        }
    }

    /** Live array: the output membrane summed over the steps since the last reset. */
    public long[] membraneSums() {
        return membraneSum;
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
