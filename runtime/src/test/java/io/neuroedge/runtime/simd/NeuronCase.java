package io.neuroedge.runtime.simd;

import static io.neuroedge.runtime.program.NeuronParams.STATE_MAX;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.function.IntSupplier;
import io.neuroedge.runtime.program.NeuronParams;

/**
 * One neuron population and its state, inside the ranges the program verifier admits, for checking
 * a kernel's {@code neuronStep} against {@link ScalarKernels} over several steps.
 */
record NeuronCase(NeuronParams params, int[] synaptic, int[] membrane, int[] current) {

    /** State values that sit on the edges of the 16-bit split and of saturation. */
    private static final int[] EDGE_STATES = {0, 1, -1, 2, -2, 65535, -65535, 65536, -65536, 65537,
            STATE_MAX, -STATE_MAX, STATE_MAX - 1, -STATE_MAX + 1, 1 << 29, -(1 << 29)};

    /** Random parameters, each drawn at a random scale so that small and large values both occur. */
    static NeuronParams randomParams(SplittableRandom random, NeuronParams.Model model, boolean subtract, int n) {
        int thresholdScale = pick(random, 1, 1000, 1 << 20, STATE_MAX);
        int biasScale = pick(random, 0, 1000, STATE_MAX);
        int[] threshold = new int[n];
        int[] bias = new int[n];
        for (int k = 0; k < n; k++) {
            threshold[k] = 1 + random.nextInt(thresholdScale);
            bias[k] = symmetric(random, biasScale);
        }
        int membraneShift = random.nextInt(16);
        int currentShift = random.nextInt(16);
        return new NeuronParams(model, subtract, pick(random, 0, random.nextInt(9), random.nextInt(31)),
                threshold, bias,
                random.nextInt(Math.min(32767, 1 << membraneShift) + 1), membraneShift,
                random.nextInt(Math.min(32767, 1 << currentShift) + 1), currentShift,
                random.nextBoolean(), -random.nextInt(STATE_MAX + 1));
    }

    /** Parameters at the edges: thresholds 1 or STATE_MAX, biases 0 or +-STATE_MAX, the given leak. */
    static NeuronParams extremeParams(SplittableRandom random, NeuronParams.Model model, boolean subtract, int n,
                                      int leakMultiplier, int leakShift) {
        int[] threshold = new int[n];
        int[] bias = new int[n];
        for (int k = 0; k < n; k++) {
            threshold[k] = pick(random, 1, STATE_MAX, 1 + random.nextInt(STATE_MAX));
            bias[k] = pick(random, 0, STATE_MAX, -STATE_MAX);
        }
        return new NeuronParams(model, subtract, pick(random, 0, 30), threshold, bias,
                leakMultiplier, leakShift, leakMultiplier, leakShift,
                random.nextBoolean(), pick(random, 0, -STATE_MAX, -1));
    }

    /** Random state and input for {@code p}; {@code current} is null unless the model has one. */
    static NeuronCase random(SplittableRandom random, NeuronParams p, int n) {
        int stateScale = pick(random, 100, 1 << 20, STATE_MAX);
        int inputScale = STATE_MAX >> p.inputShift;
        return of(p, n, () -> symmetric(random, inputScale), () -> symmetric(random, stateScale));
    }

    /** State and input at the edges, mixed with random values. */
    static NeuronCase extreme(SplittableRandom random, NeuronParams p, int n) {
        int inputMax = STATE_MAX >> p.inputShift;
        return of(p, n, () -> pick(random, 0, inputMax, -inputMax, symmetric(random, inputMax)),
                () -> random.nextInt(4) == 0 ? symmetric(random, STATE_MAX)
                        : EDGE_STATES[random.nextInt(EDGE_STATES.length)]);
    }

    private static NeuronCase of(NeuronParams p, int n, IntSupplier input, IntSupplier state) {
        int[] synaptic = new int[n];
        int[] membrane = new int[n];
        int[] current = p.model == NeuronParams.Model.CUBA_LIF ? new int[n] : null;
        for (int k = 0; k < n; k++) {
            synaptic[k] = input.getAsInt();
            membrane[k] = state.getAsInt();
            if (current != null) {
                current[k] = state.getAsInt();
            }
        }
        return new NeuronCase(p, synaptic, membrane, current);
    }

    /** Runs {@code steps} steps with the scalar kernels and with {@code kernels}; all outputs must agree. */
    void check(KernelProvider kernels, int steps) {
        int n = synaptic.length;
        int[] expectedMembrane = membrane.clone();
        int[] actualMembrane = membrane.clone();
        int[] expectedCurrent = current == null ? null : current.clone();
        int[] actualCurrent = current == null ? null : current.clone();
        int[] input = synaptic.clone();
        for (int step = 0; step < steps; step++) {
            byte[] expectedSpikes = new byte[n];
            byte[] actualSpikes = new byte[n];
            int expectedCount = ScalarKernels.INSTANCE.neuronStep(params, synaptic, expectedMembrane, expectedCurrent,
                    expectedSpikes, n);
            int actualCount = kernels.neuronStep(params, synaptic, actualMembrane, actualCurrent, actualSpikes, n);
            String what = kernels.name() + " " + params.model + (params.resetBySubtraction ? " subtract" : " zero")
                    + " n=" + n + " step " + step;
            assertArrayEquals(expectedMembrane, actualMembrane, what + ": membrane");
            assertArrayEquals(expectedCurrent, actualCurrent, what + ": current");
            assertArrayEquals(expectedSpikes, actualSpikes, what + ": spikes");
            assertEquals(expectedCount, actualCount, what + ": spike count");
        }
        assertArrayEquals(input, synaptic, "synaptic input must stay unchanged");
    }

    private static int symmetric(SplittableRandom random, int max) {
        return max == 0 ? 0 : random.nextInt(-max, max + 1);
    }

    private static int pick(SplittableRandom random, int... values) {
        return values[random.nextInt(values.length)];
    }
}
