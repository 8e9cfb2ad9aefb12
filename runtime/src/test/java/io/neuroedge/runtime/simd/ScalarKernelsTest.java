package io.neuroedge.runtime.simd;

import static io.neuroedge.runtime.program.NeuronParams.STATE_MAX;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import io.neuroedge.runtime.program.NeuronParams;

/** The reference arithmetic, checked against values worked out by hand. */
class ScalarKernelsTest {

    @Test
    void leakRoundsToNearestWithTiesAwayFromZero() {
        assertEquals(2, ScalarKernels.leak(3, 1, 1), "1.5 rounds up");
        assertEquals(-2, ScalarKernels.leak(-3, 1, 1), "-1.5 rounds away from zero");
        assertEquals(4, ScalarKernels.leak(5, 3, 2), "3.75");
        assertEquals(-4, ScalarKernels.leak(-5, 3, 2), "-3.75");
        assertEquals(1, ScalarKernels.leak(5, 1, 2), "1.25 rounds down");
        assertEquals(-1, ScalarKernels.leak(-1, 16384, 15), "-0.5 ties away from zero");
        assertEquals(1, ScalarKernels.leak(1, 16384, 15), "0.5 ties away from zero");
        assertEquals(0, ScalarKernels.leak(1, 16383, 15), "0.49997 rounds to 0");
        assertEquals(0, ScalarKernels.leak(STATE_MAX, 0, 15));
        assertEquals(0, ScalarKernels.leak(-STATE_MAX, 0, 0));
        // 1073741823 * 32767 / 32768 = 1073709055.00003
        assertEquals(1_073_709_055, ScalarKernels.leak(STATE_MAX, 32767, 15));
        assertEquals(-1_073_709_055, ScalarKernels.leak(-STATE_MAX, 32767, 15));
    }

    @Test
    void leakByOneIsIdentity() {
        int[] states = {0, 1, -1, 3, -3, 65535, 65536, -65537, 123_456_789, STATE_MAX, -STATE_MAX};
        for (int shift = 0; shift <= 14; shift++) {
            for (int x : states) {
                assertEquals(x, ScalarKernels.leak(x, 1 << shift, shift), x + " * 2^" + shift + " / 2^" + shift);
            }
        }
    }

    @Test
    void saturateClampsToStateRange() {
        assertEquals(STATE_MAX, ScalarKernels.saturate(STATE_MAX + 1));
        assertEquals(-STATE_MAX, ScalarKernels.saturate(-STATE_MAX - 2));
        assertEquals(STATE_MAX, ScalarKernels.saturate(STATE_MAX));
        assertEquals(-5, ScalarKernels.saturate(-5));
    }

    @Test
    void lifStepLeaksIntegratesFiresAndResets() {
        NeuronParams p = new NeuronParams(NeuronParams.Model.LIF, false, 1, new int[] {10, 10, 10},
                new int[] {0, 1, 0}, 1, 1, 0, 0, true, -4);
        int[] membrane = {9, 7, -20};
        byte[] spikes = new byte[3];
        // v = round(v / 2) + (syn << 1) + bias: 5 + 6 = 11 > 10 fires; 4 + 2 + 1 = 7; -10 + 0 -> floor -4
        int count = ScalarKernels.INSTANCE.neuronStep(p, new int[] {3, 1, 0}, membrane, null, spikes, 3);
        assertEquals(1, count);
        assertArrayEquals(new int[] {0, 7, -4}, membrane);
        assertArrayEquals(new byte[] {1, 0, 0}, spikes);
    }
}
