package io.neuroedge.runtime.learn;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** stop.md §6: STOP's learner state is independent of T, BPTT's grows linearly. */
class LearnerMemoryTest {

    private static final FloatNetwork NET = FloatNetwork.initialize("784-400-10", 0);

    private static long bytes(Algorithm a, int steps) {
        return Learner.create(NET, a, steps, Surrogate.EXP).learnerBytes();
    }

    @Test
    void stopMemoryDoesNotGrowWithTimeSteps() {
        for (Algorithm a : new Algorithm[] {Algorithm.STOP_W, Algorithm.STOP_WTL}) {
            long t8 = bytes(a, 8);
            long t128 = bytes(a, 128);
            assertTrue(t8 > 0);
            assertTrue(t128 <= t8 * 1.05, a + ": " + t128 + " bytes at T=128 vs " + t8 + " at T=8");
        }
    }

    @Test
    void bpttMemoryGrowsLinearly() {
        long t8 = bytes(Algorithm.BPTT, 8);
        long t16 = bytes(Algorithm.BPTT, 16);
        long t32 = bytes(Algorithm.BPTT, 32);
        long perStep = (t16 - t8) / 8;
        assertEquals(t32 - t16, 16 * perStep);
        // stored per step: input (784), U and s of the hidden layer (2·400; s is also the readout's input), readout U (10)
        assertEquals((784 + 400 + 400 + 10) * Float.BYTES, perStep);
    }

    @Test
    void stopNeedsAtLeastFourTimesLessThanBpttAtT32() {
        long bptt = bytes(Algorithm.BPTT, 32);
        for (Algorithm a : new Algorithm[] {Algorithm.STOP_W, Algorithm.STOP_WTL}) {
            long stop = bytes(a, 32);
            assertTrue(4 * stop <= bptt, a + ": " + stop + " bytes vs BPTT " + bptt);
        }
    }
}
