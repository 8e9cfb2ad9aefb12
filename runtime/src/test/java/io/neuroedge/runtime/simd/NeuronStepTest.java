package io.neuroedge.runtime.simd;

import io.neuroedge.runtime.program.NeuronParams.Model;
import org.junit.jupiter.api.Test;
import io.neuroedge.runtime.program.NeuronParams;

import static io.neuroedge.runtime.program.NeuronParams.STATE_MAX;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link ScalarKernels#neuronStep} on cases computed by hand. Per neuron and step:
 * <pre>
 *   in = synaptic << inputShift
 *   CUBA_LIF: current = sat(leak(current, iMul, iShift) + in); in = current
 *   drive = sat(in + bias)
 *   v = sat((IF ? v : leak(v, vMul, vShift)) + drive)
 *   if floor: v = max(v, floor)
 *   spike if model != LI and v > threshold (strictly); then v = SUBTRACT ? v - threshold : 0
 * </pre>
 * with {@code sat} clamping to +-(2^30-1) and {@code leak(x, m, s) = sign(x) * round_half_away(|x| * m / 2^s)}.
 */
class NeuronStepTest {

    private static final ScalarKernels KERNELS = ScalarKernels.INSTANCE;

    // ---------------------------------------------------------------- IF

    @Test
    void ifNeuronShouldIntegrateAndResetToZero() {
        Trace t = neuron(Model.IF).threshold(10).run(4, 4, 4, 4);
        // v: 4, 8, then 12 > 10 spikes and resets to 0, then 4
        assertArrayEquals(new int[] {4, 8, 0, 4}, t.membrane);
        assertArrayEquals(new int[] {0, 0, 1, 0}, t.spikes);
    }

    @Test
    void ifNeuronShouldResetBySubtractingTheThreshold() {
        Trace t = neuron(Model.IF).threshold(10).subtract().run(4, 4, 4, 4);
        // v: 4, 8, 12 > 10 spikes and keeps 12 - 10 = 2, then 2 + 4 = 6
        assertArrayEquals(new int[] {4, 8, 2, 6}, t.membrane);
        assertArrayEquals(new int[] {0, 0, 1, 0}, t.spikes);
    }

    @Test
    void shouldNotSpikeWhenTheMembraneEqualsTheThreshold() {
        Trace t = neuron(Model.IF).threshold(10).run(5, 5, 1);
        // v: 5, 10 (== threshold: no spike, the comparison is strict), 11 > 10 spikes
        assertArrayEquals(new int[] {5, 10, 0}, t.membrane);
        assertArrayEquals(new int[] {0, 0, 1}, t.spikes);
    }

    @Test
    void shouldSpikeAtMostOncePerStepAndKeepTheRemainderWhenSubtracting() {
        Trace t = neuron(Model.IF).threshold(10).subtract().run(35, 0, 0, 0);
        // 35 > 10: spike, 25; 25 > 10: spike, 15; 15 > 10: spike, 5; 5: nothing
        assertArrayEquals(new int[] {25, 15, 5, 5}, t.membrane);
        assertArrayEquals(new int[] {1, 1, 1, 0}, t.spikes);
    }

    @Test
    void ifNeuronShouldIgnoreAMembraneLeakAndGoNegative() {
        Trace t = neuron(Model.IF).threshold(10).membraneLeak(1, 1).run(-3, -3, 7, 0);
        // IF never leaks, whatever the parameters say: -3, -6, 1, 1
        assertArrayEquals(new int[] {-3, -6, 1, 1}, t.membrane);
        assertArrayEquals(new int[] {0, 0, 0, 0}, t.spikes);
    }

    // ---------------------------------------------------------------- LIF and the leak's rounding

    @Test
    void lifLeakOfOneHalfShouldRoundHalfAwayFromZero() {
        Trace t = neuron(Model.LIF).threshold(100).membraneLeak(1, 1).run(8, 0, 0, 0, 0, 0);
        // 8, 8/2 = 4, 2, 1, 1/2 = 0.5 rounds away from zero to 1, and stays at 1
        assertArrayEquals(new int[] {8, 4, 2, 1, 1, 1}, t.membrane);
    }

    @Test
    void lifLeakShouldBeSymmetricForNegativeMembranes() {
        Trace t = neuron(Model.LIF).threshold(100).membraneLeak(1, 1).run(-8, 0, 0, 0, 0);
        // -8, -4, -2, -1, -0.5 rounds away from zero to -1
        assertArrayEquals(new int[] {-8, -4, -2, -1, -1}, t.membrane);
    }

    @Test
    void lifLeakOfThreeQuartersShouldRoundToNearest() {
        Trace t = neuron(Model.LIF).threshold(100).membraneLeak(3, 2).run(10, 0, 0, 0, 0, 0, 0, 0, 0);
        // 10*3/4 = 7.5 -> 8; 8 -> 6; 6 -> 4.5 -> 5; 5 -> 3.75 -> 4; 4 -> 3; 3 -> 2.25 -> 2; 2 -> 1.5 -> 2; then 2 forever
        assertArrayEquals(new int[] {10, 8, 6, 5, 4, 3, 2, 2, 2}, t.membrane);
    }

    @Test
    void lifShouldLeakBeforeAddingTheInput() {
        Trace t = neuron(Model.LIF).threshold(18).membraneLeak(1, 1).run(10, 10, 10, 10, 10);
        // 10; 5 + 10 = 15; 7.5 -> 8, + 10 = 18 (== threshold, no spike); 9 + 10 = 19 > 18 spikes -> 0; 0 + 10 = 10
        assertArrayEquals(new int[] {10, 15, 18, 0, 10}, t.membrane);
        assertArrayEquals(new int[] {0, 0, 0, 1, 0}, t.spikes);
    }

    @Test
    void lifWithSubtractResetShouldLeakTheRemainder() {
        Trace t = neuron(Model.LIF).threshold(10).subtract().membraneLeak(1, 1).run(30, 0, 0);
        // 30 > 10: spike, 20; leak 10, not > 10; leak 5
        assertArrayEquals(new int[] {20, 10, 5}, t.membrane);
        assertArrayEquals(new int[] {1, 0, 0}, t.spikes);
    }

    @Test
    void lifWithLeakMultiplierZeroShouldForgetEverythingEachStep() {
        Trace t = neuron(Model.LIF).threshold(100).membraneLeak(0, 4).run(7, 5, -3, 0);
        assertArrayEquals(new int[] {7, 5, -3, 0}, t.membrane);
    }

    @Test
    void lifWithLeakOneShouldBehaveLikeIf() {
        // multiplier 2^shift: factor exactly 1, no rounding
        Trace lif = neuron(Model.LIF).threshold(10).subtract().membraneLeak(1 << 14, 14).run(4, 4, 4, 7, -2);
        Trace ifn = neuron(Model.IF).threshold(10).subtract().run(4, 4, 4, 7, -2);
        assertArrayEquals(ifn.membrane, lif.membrane);
        assertArrayEquals(ifn.spikes, lif.spikes);
        assertArrayEquals(new int[] {4, 8, 2, 9, 7}, lif.membrane);
    }

    @Test
    void leakShouldRoundHalfAwayFromZero() {
        assertEquals(4, ScalarKernels.leak(7, 1, 1));      // 3.5 -> 4
        assertEquals(-4, ScalarKernels.leak(-7, 1, 1));    // -3.5 -> -4
        assertEquals(3, ScalarKernels.leak(5, 5, 3));      // 25/8 = 3.125 -> 3
        assertEquals(5, ScalarKernels.leak(6, 3, 2));      // 4.5 -> 5
        assertEquals(-5, ScalarKernels.leak(-6, 3, 2));    // -4.5 -> -5
        assertEquals(4, ScalarKernels.leak(5, 3, 2));      // 3.75 -> 4
        assertEquals(0, ScalarKernels.leak(1, 1, 2));      // 0.25 -> 0
        assertEquals(0, ScalarKernels.leak(0, 1, 1));
        assertEquals(9, ScalarKernels.leak(9, 1, 0));      // shift 0, multiplier 1: identity
        assertEquals(0, ScalarKernels.leak(9, 0, 0));
        assertEquals(536_870_912, ScalarKernels.leak(STATE_MAX, 1, 1));   // (2^30-1)/2 = 536870911.5 -> up
        assertEquals(-536_870_912, ScalarKernels.leak(-STATE_MAX, 1, 1));
        // largest factor 32767/32768 on the largest state: 1073741823 - 1073741823/32768 = 1073709055.00003 -> 1073709055
        assertEquals(1_073_709_055, ScalarKernels.leak(STATE_MAX, 32767, 15));
    }

    // ---------------------------------------------------------------- CUBA_LIF

    @Test
    void cubaShouldFilterTheInputThroughTheCurrentThenTheMembrane() {
        Trace t = neuron(Model.CUBA_LIF).threshold(1000).membraneLeak(1, 1).currentLeak(1, 1).run(8, 0, 0, 0, 0, 0);
        // current: 8, 4, 2, 1, round(0.5) = 1, 1
        // v: 0/2 + 8 = 8; 8/2 + 4 = 8; 4 + 2 = 6; 3 + 1 = 4; 2 + 1 = 3; round(1.5) = 2, + 1 = 3
        assertArrayEquals(new int[] {8, 4, 2, 1, 1, 1}, t.current);
        assertArrayEquals(new int[] {8, 8, 6, 4, 3, 3}, t.membrane);
    }

    @Test
    void cubaResetShouldClearTheMembraneButNotTheCurrent() {
        Trace t = neuron(Model.CUBA_LIF).threshold(10).membraneLeak(1, 0).currentLeak(1, 1).run(8, 8, 8, 8, 8);
        // current: 8; 4 + 8 = 12; 6 + 8 = 14; 7 + 8 = 15; round(7.5) = 8, + 8 = 16
        // v (leak 1/1 keeps it): 8; 8 + 12 = 20 > 10 -> 0; 0 + 14 = 14 -> 0; 15 -> 0; 16 -> 0
        assertArrayEquals(new int[] {8, 12, 14, 15, 16}, t.current);
        assertArrayEquals(new int[] {8, 0, 0, 0, 0}, t.membrane);
        assertArrayEquals(new int[] {0, 1, 1, 1, 1}, t.spikes);
    }

    @Test
    void cubaShouldAddTheBiasToTheMembraneNotToTheCurrent() {
        Trace t = neuron(Model.CUBA_LIF).threshold(1000).bias(3).membraneLeak(1, 1).currentLeak(1, 1).run(4, 0, 0);
        // current: 4, 2, 1 (bias never enters it)
        // v: 0 + (4 + 3) = 7; round(3.5) = 4, + (2 + 3) = 9; round(4.5) = 5, + (1 + 3) = 9
        assertArrayEquals(new int[] {4, 2, 1}, t.current);
        assertArrayEquals(new int[] {7, 9, 9}, t.membrane);
    }

    @Test
    void cubaCurrentBiasShouldChargeTheCurrentEveryStep() {
        Trace t = neuron(Model.CUBA_LIF).threshold(1000).currentBias(2).membraneLeak(1, 1).currentLeak(1, 1)
                .run(4, 0, 0);
        // current: 0/2 + (4 + 2) = 6; 3 + 2 = 5; round(2.5) = 3, + 2 = 5
        // v: 0 + 6 = 6; 3 + 5 = 8; 4 + 5 = 9
        assertArrayEquals(new int[] {6, 5, 5}, t.current);
        assertArrayEquals(new int[] {6, 8, 9}, t.membrane);
    }

    @Test
    void onlyCubaNeuronsTakeACurrentBias() {
        NeuronParams lif = new NeuronParams(Model.LIF, false, 0, new int[] {1}, new int[1], 1, 1, 1, 0, false, 0);
        assertThrows(IllegalArgumentException.class, () -> lif.withCurrentBias(new int[] {1}));
    }

    @Test
    void cubaCurrentShouldSaturate() {
        Trace t = neuron(Model.CUBA_LIF).threshold(STATE_MAX).membraneLeak(0, 0).currentLeak(1, 0)
                .run(STATE_MAX, STATE_MAX, -STATE_MAX);
        // current: 2^30-1; (2^30-1) + (2^30-1) saturates to 2^30-1; then (2^30-1) - (2^30-1) = 0
        // v (leak 0: just the drive): 2^30-1 (== threshold, no spike); 2^30-1; 0
        assertArrayEquals(new int[] {STATE_MAX, STATE_MAX, 0}, t.current);
        assertArrayEquals(new int[] {STATE_MAX, STATE_MAX, 0}, t.membrane);
        assertArrayEquals(new int[] {0, 0, 0}, t.spikes);
    }

    // ---------------------------------------------------------------- LI

    @Test
    void liShouldIntegrateAndNeverSpike() {
        Trace t = neuron(Model.LI).threshold(1).membraneLeak(3, 2).run(100, 100, 100);
        // threshold 1 is irrelevant: LI never spikes. v: 100; 75 + 100 = 175; 131.25 -> 131, + 100 = 231
        assertArrayEquals(new int[] {100, 175, 231}, t.membrane);
        assertArrayEquals(new int[] {0, 0, 0}, t.spikes);
        assertEquals(0, t.totalSpikes);
    }

    @Test
    void liShouldSaturateInsteadOfOverflowing() {
        Trace t = neuron(Model.LI).membraneLeak(1, 0).run(STATE_MAX, STATE_MAX, -STATE_MAX, -STATE_MAX, -STATE_MAX);
        // 2^30-1; 2^31-2 saturates to 2^30-1; 0; -(2^30-1); saturates at -(2^30-1)
        assertArrayEquals(new int[] {STATE_MAX, STATE_MAX, 0, -STATE_MAX, -STATE_MAX}, t.membrane);
    }

    // ---------------------------------------------------------------- input shift, bias, floor, saturation

    @Test
    void shouldShiftTheSynapticSumLeft() {
        Trace t = neuron(Model.IF).threshold(40).subtract().inputShift(4).run(2, 3, -1);
        // 2 << 4 = 32; 32 + (3 << 4 = 48) = 80 > 40: spike, 40 (== threshold: no second spike);
        // -1 << 4 = -16: 40 - 16 = 24
        assertArrayEquals(new int[] {32, 40, 24}, t.membrane);
        assertArrayEquals(new int[] {0, 1, 0}, t.spikes);
    }

    @Test
    void shouldAddTheBiasEveryStepEvenWithoutInput() {
        Trace t = neuron(Model.IF).threshold(12).bias(5).run(0, 0, 0, 0);
        // 5, 10, 15 > 12 spike -> 0, 5
        assertArrayEquals(new int[] {5, 10, 0, 5}, t.membrane);
        assertArrayEquals(new int[] {0, 0, 1, 0}, t.spikes);
    }

    @Test
    void shouldNotShiftTheBias() {
        Trace t = neuron(Model.IF).threshold(1000).bias(-3).inputShift(2).run(5, 5);
        // (5 << 2) - 3 = 17; 17 + 17 = 34
        assertArrayEquals(new int[] {17, 34}, t.membrane);
    }

    @Test
    void shouldClampTheMembraneAtTheFloor() {
        Trace t = neuron(Model.IF).threshold(10).floor(-10).run(-4, -4, -4, -4, 15);
        // -4, -8, -12 clamped to -10, -10, then -10 + 15 = 5
        assertArrayEquals(new int[] {-4, -8, -10, -10, 5}, t.membrane);
    }

    @Test
    void shouldApplyTheFloorAfterTheLeak() {
        Trace t = neuron(Model.LIF).threshold(10).membraneLeak(1, 1).floor(-6).run(-20, 0, 0, -1);
        // -20 -> -6; leak -3; leak -1.5 -> -2; leak -1, + -1 = -2
        assertArrayEquals(new int[] {-6, -3, -2, -2}, t.membrane);
    }

    @Test
    void floorZeroShouldKeepTheMembraneNonNegative() {
        Trace t = neuron(Model.IF).threshold(10).floor(0).run(-5, 3, -1, 9);
        // -5 -> 0; 3; 2; 11 > 10 -> 0
        assertArrayEquals(new int[] {0, 3, 2, 0}, t.membrane);
        assertArrayEquals(new int[] {0, 0, 0, 1}, t.spikes);
    }

    @Test
    void shouldSaturateTheDriveAndTheMembrane() {
        Trace t = neuron(Model.IF).threshold(STATE_MAX).bias(STATE_MAX).run(STATE_MAX, 0, -STATE_MAX);
        // drive: (2^30-1) + (2^30-1) = 2^31-2, saturates to 2^30-1; v = 2^30-1 (not > threshold)
        // drive 0 + bias = 2^30-1; v = 2^31-2 saturates to 2^30-1
        // drive (-(2^30-1)) + (2^30-1) = 0; v stays at 2^30-1
        assertArrayEquals(new int[] {STATE_MAX, STATE_MAX, STATE_MAX}, t.membrane);
        assertArrayEquals(new int[] {0, 0, 0}, t.spikes);
    }

    @Test
    void shouldSaturateNegativeStates() {
        Trace t = neuron(Model.IF).threshold(5).bias(-STATE_MAX).run(-STATE_MAX, 0);
        // drive -(2^31-2) saturates to -(2^30-1); next step the membrane would be -(2^31-2): saturates
        assertArrayEquals(new int[] {-STATE_MAX, -STATE_MAX}, t.membrane);
    }

    @Test
    void shouldApplyALargeInputShift() {
        // a large shift: a synaptic sum of 1 becomes 2^29 state units
        Trace t = neuron(Model.IF).threshold((1 << 29) - 1).subtract().inputShift(29).run(1, 1);
        // 2^29 > 2^29-1: spike, 1; 1 + 2^29 > 2^29-1: spike, 2
        assertArrayEquals(new int[] {1, 2}, t.membrane);
        assertArrayEquals(new int[] {1, 1}, t.spikes);
    }

    // ---------------------------------------------------------------- populations

    @Test
    void shouldStepEveryNeuronWithItsOwnThresholdAndBiasAndCountSpikes() {
        NeuronParams p = new NeuronParams(Model.IF, false, 1, new int[] {5, 5, 20, 1}, new int[] {0, 1, 0, -10},
                1, 0, 1, 0, false, 0);
        int[] synaptic = {3, 2, 3, 5};
        int[] membrane = {0, 0, 0, 0};
        byte[] spikes = new byte[4];
        int count = KERNELS.neuronStep(p, synaptic, membrane, null, spikes, 4);
        // in = synaptic << 1 = 6, 4, 6, 10; v = 6, 5, 6, 0 (bias -10)
        // 6 > 5 spike; 5 == 5 no; 6 < 20 no; 0 < 1 no
        assertEquals(1, count);
        assertArrayEquals(new byte[] {1, 0, 0, 0}, spikes);
        assertArrayEquals(new int[] {0, 5, 6, 0}, membrane);
        assertArrayEquals(new int[] {3, 2, 3, 5}, synaptic, "synaptic sums are left unchanged");

        count = KERNELS.neuronStep(p, synaptic, membrane, null, spikes, 4);
        // v = 6, 10, 12, 0: neurons 0 and 1 spike
        assertEquals(2, count);
        assertArrayEquals(new byte[] {1, 1, 0, 0}, spikes);
        assertArrayEquals(new int[] {0, 0, 12, 0}, membrane);
    }

    @Test
    void shouldOnlyTouchTheFirstNNeurons() {
        NeuronParams p = new NeuronParams(Model.IF, false, 0, new int[] {1, 1, 1}, new int[3], 1, 0, 1, 0, false, 0);
        int[] membrane = {0, 0, 77};
        byte[] spikes = {0, 0, 9};
        int count = KERNELS.neuronStep(p, new int[] {5, 5, 5}, membrane, null, spikes, 2);
        assertEquals(2, count);
        assertArrayEquals(new int[] {0, 0, 77}, membrane);
        assertArrayEquals(new byte[] {1, 1, 9}, spikes);
    }

    @Test
    void shouldClearSpikesOfTheLastStep() {
        Trace t = neuron(Model.IF).threshold(1).run(5, 0);
        assertArrayEquals(new int[] {1, 0}, t.spikes);
    }

    // ---------------------------------------------------------------- parameter invariants

    @Test
    void paramsShouldRejectWhatTheKernelsCannotHandle() {
        int[] one = {1};
        assertThrows(IllegalArgumentException.class,
                () -> new NeuronParams(Model.LIF, false, 31, one, new int[1], 1, 0, 1, 0, false, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new NeuronParams(Model.LIF, false, 0, one, new int[2], 1, 0, 1, 0, false, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new NeuronParams(Model.LIF, false, 0, one, new int[1], 5, 2, 1, 0, false, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new NeuronParams(Model.LIF, false, 0, one, new int[1], 1, 16, 1, 0, false, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new NeuronParams(Model.LIF, false, 0, one, new int[1], 1, 0, -1, 0, false, 0));
    }

    @Test
    void paramsShouldCopyTheirArrays() {
        int[] threshold = {7};
        int[] bias = {3};
        NeuronParams p = new NeuronParams(Model.IF, false, 0, threshold, bias, 1, 0, 1, 0, false, 0);
        threshold[0] = 99;
        bias[0] = 99;
        assertEquals(7, p.threshold(0));
        assertEquals(3, p.bias(0));
    }

    // ---------------------------------------------------------------- helpers

    /** One neuron's state after each step. */
    private record Trace(int[] membrane, int[] current, int[] spikes, int totalSpikes) {
    }

    private static NeuronBuilder neuron(Model model) {
        return new NeuronBuilder(model);
    }

    /** Parameters of a single neuron; defaults: reset ZERO, shift 0, threshold 1, bias 0, leaks 1/1, no floor. */
    private static final class NeuronBuilder {
        private final Model model;
        private boolean subtract;
        private int inputShift;
        private int threshold = 1;
        private int bias;
        private int currentBias;
        private int vMul = 1;
        private int vShift;
        private int iMul = 1;
        private int iShift;
        private boolean hasFloor;
        private int floor;

        NeuronBuilder(Model model) {
            this.model = model;
        }

        NeuronBuilder threshold(int t) {
            threshold = t;
            return this;
        }

        NeuronBuilder subtract() {
            subtract = true;
            return this;
        }

        NeuronBuilder inputShift(int s) {
            inputShift = s;
            return this;
        }

        NeuronBuilder bias(int b) {
            bias = b;
            return this;
        }

        NeuronBuilder membraneLeak(int multiplier, int shift) {
            vMul = multiplier;
            vShift = shift;
            return this;
        }

        NeuronBuilder currentLeak(int multiplier, int shift) {
            iMul = multiplier;
            iShift = shift;
            return this;
        }

        NeuronBuilder currentBias(int b) {
            currentBias = b;
            return this;
        }

        NeuronBuilder floor(int f) {
            hasFloor = true;
            floor = f;
            return this;
        }

        /** Steps the neuron once per synaptic sum, from zero state. */
        Trace run(int... synapticPerStep) {
            NeuronParams p = new NeuronParams(model, subtract, inputShift, new int[] {threshold}, new int[] {bias},
                    vMul, vShift, iMul, iShift, hasFloor, floor);
            if (currentBias != 0) {
                p = p.withCurrentBias(new int[] {currentBias});
            }
            int steps = synapticPerStep.length;
            int[] membrane = new int[1];
            int[] current = new int[1];
            byte[] spikes = new byte[1];
            int[] membraneTrace = new int[steps];
            int[] currentTrace = new int[steps];
            int[] spikeTrace = new int[steps];
            int total = 0;
            for (int i = 0; i < steps; i++) {
                total += KERNELS.neuronStep(p, new int[] {synapticPerStep[i]}, membrane, current, spikes, 1);
                membraneTrace[i] = membrane[0];
                currentTrace[i] = current[0];
                spikeTrace[i] = spikes[0];
            }
            return new Trace(membraneTrace, currentTrace, spikeTrace, total);
        }
    }
}
