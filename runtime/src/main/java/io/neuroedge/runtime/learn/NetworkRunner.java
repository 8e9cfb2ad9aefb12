package io.neuroedge.runtime.learn;

import static io.neuroedge.runtime.learn.LearnKernels.FLOAT_KERNELS;

import io.neuroedge.runtime.simd.FloatKernels;

import java.util.Arrays;

/**
 * Forward state of one sample and the step of one layer, shared by both learners so that STOP,
 * BPTT and prediction run identical arithmetic. Buffers are allocated once and counted in
 * {@link #bytes}.
 */
abstract class NetworkRunner {

    final FloatNetwork net;
    final LayerOp[] ops;
    final int layers;
    final int last;
    final int steps;
    final Surrogate surrogate;
    final boolean binary;

    /** Input of the current step. */
    final float[] frame;
    final int[] frameNz;
    int frameNnz;
    /** Output of each layer: spikes, pooled counts, the readout membrane (aliases u[last]). */
    final float[][] act;
    final int[][] actNz;
    final int[] actNnz;
    /** Pre-reset membrane U[t] of neuron layers (null for pools). */
    final float[][] u;
    /** Post-reset membrane V[t−1] before a layer's step, V[t] after it. */
    final float[][] v;
    /** Leaks frozen at the start of a sample. */
    final float[] alphaNow;
    final double[] outSum;
    /** Softmax scratch of the readout. */
    final float[] prob;

    private long bytes;

    NetworkRunner(FloatNetwork net, int steps, Surrogate surrogate) {
        this.net = net;
        this.ops = net.ops;
        this.layers = ops.length;
        this.last = layers - 1;
        this.steps = steps;
        this.surrogate = surrogate;
        this.binary = surrogate.binary();
        frame = floats(net.spec().inputSize());
        frameNz = ints(frame.length);
        act = new float[layers][];
        actNz = new int[layers][];
        actNnz = new int[layers];
        u = new float[layers][];
        v = new float[layers][];
        for (int l = 0; l < layers; l++) {
            int n = ops[l].outSize();
            if (net.alpha[l] != null) {
                u[l] = floats(n);
                v[l] = floats(n);
            }
            if (l == last) {
                act[l] = u[l];
            } else {
                act[l] = floats(n);
                actNz[l] = ints(n);
            }
        }
        alphaNow = floats(layers);
        for (LayerOp op : ops) {
            bytes += op.scratchBytes(); // the op's per-thread buffers, one set per learner's thread
        }
        outSum = new double[net.spec().classes()];
        bytes += (long) outSum.length * Double.BYTES;
        prob = floats(outSum.length);
    }

    final float[] floats(int n) {
        bytes += (long) n * Float.BYTES;
        return new float[n];
    }

    final int[] ints(int n) {
        bytes += (long) n * Integer.BYTES;
        return new int[n];
    }

    /** Bytes of every buffer allocated through {@link #floats}/{@link #ints} (plus the output sums). */
    final long bytes() {
        return bytes;
    }

    final float[] input(int l) {
        return l == 0 ? frame : act[l - 1];
    }

    final int[] inputNz(int l) {
        return l == 0 ? frameNz : actNz[l - 1];
    }

    final int inputNnz(int l) {
        return l == 0 ? frameNnz : actNnz[l - 1];
    }

    final void check(SampleSource src) {
        if (src.inputSize() != frame.length || (src.steps() != 0 && src.steps() < steps)) {
            throw new IllegalArgumentException("samples of " + src.inputSize() + " inputs" + (src.steps() != 0 ? " × " + src.steps() + " steps" : "")
                    + " do not fit network '" + net.spec().text() + "' (" + frame.length + " inputs) run for " + steps + " steps");
        }
    }

    /** Zero state at the start of a sample; snapshots the leaks. */
    void resetState() {
        for (int l = 0; l < layers; l++) {
            if (v[l] != null) {
                Arrays.fill(v[l], 0f);
            }
            if (l != last) {
                Arrays.fill(act[l], 0f);
            }
            actNnz[l] = 0;
            alphaNow[l] = net.alpha[l] == null ? 0f : net.alpha[l][0];
        }
        Arrays.fill(outSum, 0);
    }

    final void readFrame(SampleSource src, int sample, int epoch, int t) {
        src.frame(sample, epoch, t, frame);
        frameNnz = nonZeros(frame, frameNz);
    }

    static int nonZeros(float[] x, int[] nz) {
        return FLOAT_KERNELS.nonZeros(x, x.length, nz);
    }

    /** One step of layer l: current from its input, then the neurons (LIF soft reset or readout). */
    final void forwardLayer(int l) {
        LayerOp op = ops[l];
        if (net.alpha[l] == null) { // sum pool
            float[] out = act[l];
            Arrays.fill(out, 0f);
            op.forward(null, input(l), inputNz(l), inputNnz(l), out);
            actNnz[l] = nonZeros(out, actNz[l]);
            return;
        }
        float[] uu = u[l];
        float[] vv = v[l];
        Arrays.fill(uu, 0f);
        op.forward(net.weights[l], input(l), inputNz(l), inputNnz(l), uu);
        float a = alphaNow[l];
        int n = uu.length;
        if (l == last) {
            for (int j = 0; j < n; j++) {
                float x = a * vv[j] + uu[j];
                uu[j] = x;
                vv[j] = x;
            }
            for (int k = 0; k < n; k++) {
                outSum[k] += uu[k];
            }
            return;
        }
        float[] th = net.theta[l];
        float[] s = act[l];
        int[] nz = actNz[l];
        int plane = net.thetaPlane[l];
        if (plane == 1 && binary) { // dense: one threshold per neuron
            actNnz[l] = FLOAT_KERNELS.lifStep(a, th, uu, vv, s, nz, n);
            return;
        }
        int nnz = 0;
        for (int c = 0, j = 0; c < th.length; c++) {
            float thc = th[c];
            for (int e = j + plane; j < e; j++) {
                float x = a * vv[j] + uu[j];
                uu[j] = x;
                float sp = binary ? (x >= thc ? 1f : 0f) : surrogate.spike(x - thc);
                s[j] = sp;
                vv[j] = x - thc * sp;
                if (sp != 0f) {
                    nz[nnz++] = j;
                }
            }
        }
        actNnz[l] = nnz;
    }

    /** Readout softmax of step t: writes scale·(p − onehot) into delta, returns CE. */
    final double readoutError(float[] uOut, int label, float scale, float[] delta) {
        int n = uOut.length;
        float max = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            max = Math.max(max, uOut[k]);
        }
        double sum = 0;
        for (int k = 0; k < n; k++) {
            float e = (float) Math.exp(uOut[k] - max);
            prob[k] = e;
            sum += e;
        }
        float inv = (float) (1.0 / sum);
        for (int k = 0; k < n; k++) {
            delta[k] = flushTiny((prob[k] * inv - (k == label ? 1f : 0f)) * scale);
        }
        return Math.log(sum) + max - uOut[label];
    }

    /** 0 for errors below {@link FloatKernels#TINY}: subnormal floats would slow every later product. */
    static float flushTiny(float x) {
        return Math.abs(x) < FloatKernels.TINY ? 0f : x;
    }

    final int argmaxOutput() {
        int best = 0;
        for (int k = 1; k < outSum.length; k++) {
            if (outSum[k] > outSum[best]) {
                best = k;
            }
        }
        return best;
    }

    /** δ = g ⊙ φ(U − θ) for spiking layer l with membrane uu, written into delta. */
    final void spikingError(int l, float[] uu, float[] g, float[] delta) {
        float[] th = net.theta[l];
        int plane = net.thetaPlane[l];
        if (plane == 1) {
            surrogate.error(uu, th, g, delta, uu.length);
            return;
        }
        for (int c = 0, j = 0; c < th.length; c++) {
            float thc = th[c];
            for (int e = j + plane; j < e; j++) {
                delta[j] = uu[j] - thc;
            }
        }
        surrogate.derivativeInPlace(delta, uu.length);
        for (int j = 0; j < uu.length; j++) {
            delta[j] = flushTiny(delta[j] * g[j]);
        }
    }

    /** Forward only. */
    public final int predict(SampleSource src, int sample, int epoch) {
        check(src);
        resetState();
        for (int t = 0; t < steps; t++) {
            readFrame(src, sample, epoch, t);
            for (int l = 0; l < layers; l++) {
                forwardLayer(l);
            }
        }
        return argmaxOutput();
    }
}
