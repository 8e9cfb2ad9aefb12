package io.neuroedge.runtime.simd;

import io.neuroedge.runtime.program.NeuronParams;

/**
 * The scalar reference kernels: plain loops that <em>are</em> the specification of the
 * fixed-point arithmetic (docs/spike-program.md). Vector implementations are tested bit-exact
 * against this class.
 */
public final class ScalarKernels implements KernelProvider {

    public static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int vectorBitSize() {
        return 0;
    }

    @Override
    public FloatKernels floats() {
        return ScalarFloatKernels.INSTANCE;
    }

    @Override
    public int dotI8(byte[] a, int aOff, byte[] b, int bOff, int len) {
        int sum = 0;
        for (int i = 0; i < len; i++) {
            sum += a[aOff + i] * b[bOff + i];
        }
        return sum;
    }

    @Override
    public void gemvI8(byte[] w, int wOff, int rows, int cols, byte[] x, int xOff, int[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            out[outOff + r] = dotI8(w, wOff + r * cols, x, xOff, cols);
        }
    }

    @Override
    public void axpyI8(int[] acc, int accOff, byte[] w, int wOff, int len, int c) {
        for (int i = 0; i < len; i++) {
            acc[accOff + i] += c * w[wOff + i];
        }
    }

    @Override
    public int nonZeroIndices(byte[] x, int off, int len, int[] indices) {
        int n = 0;
        for (int i = 0; i < len; i++) {
            if (x[off + i] != 0) {
                indices[n++] = i;
            }
        }
        return n;
    }

    @Override
    public int neuronStep(NeuronParams p, int[] synaptic, int[] membrane, int[] current, byte[] spikes, int n) {
        return neuronRange(p, synaptic, membrane, current, spikes, 0, n);
    }

    /**
     * The neuron step for neurons {@code from .. to-1}: the definition every implementation follows
     * (vector kernels also use it for the neurons past their last full vector).
     */
    static int neuronRange(NeuronParams p, int[] synaptic, int[] membrane, int[] current, byte[] spikes,
                           int from, int to) {
        final int shift = p.inputShift;
        final int[] threshold = p.thresholdArray();
        final int[] bias = p.biasArray();
        final int[] floor = p.floorArray();
        final int[] currentBias = p.currentBiasArray();
        final boolean leaky = p.model != NeuronParams.Model.IF;
        final boolean cuba = p.model == NeuronParams.Model.CUBA_LIF;
        final boolean spiking = p.spiking();
        int count = 0;
        for (int k = from; k < to; k++) {
            int in = synaptic[k] << shift;
            if (cuba) {
                in = saturate(in + currentBias[k]);
                in = current[k] = saturate(leak(current[k], p.currentLeakMultiplier, p.currentLeakShift) + in);
            }
            int drive = saturate(in + bias[k]);
            int v = leaky ? leak(membrane[k], p.membraneLeakMultiplier, p.membraneLeakShift) : membrane[k];
            v = saturate(v + drive);
            // without a floor the floor is -STATE_MAX, which a saturated state never goes below
            v = Math.max(v, floor[k]);
            byte s = 0;
            if (spiking && v > threshold[k]) {
                s = 1;
                count++;
                v = p.resetBySubtraction ? v - threshold[k] : 0;
            }
            membrane[k] = v;
            spikes[k] = s;
        }
        return count;
    }

    /**
     * {@code x * multiplier / 2^shift} rounded to nearest, ties away from zero, computed on the
     * magnitude so that the leak is symmetric for positive and negative states.
     */
    public static int leak(int x, int multiplier, int shift) {
        long magnitude = Math.abs((long) x) * multiplier;
        if (shift > 0) {
            magnitude = (magnitude + (1L << (shift - 1))) >> shift;
        }
        return x < 0 ? (int) -magnitude : (int) magnitude;
    }

    /** Saturates to [-STATE_MAX, STATE_MAX]. Callers guarantee the argument did not overflow. */
    public static int saturate(int x) {
        return Math.max(-NeuronParams.STATE_MAX, Math.min(NeuronParams.STATE_MAX, x));
    }
}
