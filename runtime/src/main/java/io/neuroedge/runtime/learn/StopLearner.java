package io.neuroedge.runtime.learn;

import static io.neuroedge.runtime.learn.LearnKernels.FLOAT_KERNELS;

import java.util.Arrays;

/**
 * STOP (stop.md §2–§5): temporally-forward traces, spatially-backward errors within each step.
 * Buffers are O(neurons) and independent of T: per weighted layer the presynaptic trace ŵ (input
 * shape), with STOP-WTL the threshold and leak traces θ̂, α̂ (output shape), and one error buffer
 * per layer for the current step.
 */
final class StopLearner extends NetworkRunner implements Learner {

    private final Algorithm algorithm;
    private final boolean wtl;
    /** ŵ per weighted layer, with the list of its non-zero entries (conv layers only). */
    private final float[][] wTrace;
    private final int[][] wTraceNz;
    private final int[] wTraceNnz;
    /** θ̂ (spiking layers) and α̂ (all neuron layers), STOP-WTL only. */
    private final float[][] thTrace;
    private final float[][] alTrace;
    /** δ = ∂E[t]/∂U[t] per neuron layer. */
    private final float[][] delta;
    /** ∂E[t]/∂(output of layer l) for every layer below the readout. */
    private final float[][] gOut;
    /**
     * Dense layers: the last {@link #BLOCK} steps' δ and ŵ, folded into the weight gradient together
     * so that each gradient row is loaded and stored once per block of four steps instead of once per step
     * (the per-step outer products are bound by those memory operations). Fixed size: independent
     * of T.
     */
    private final float[][][] blockDelta;
    private final float[][][] blockTrace;
    private final int[] blocked;
    private int prediction;

    static final int BLOCK = 4;

    StopLearner(FloatNetwork net, Algorithm algorithm, int steps, Surrogate surrogate) {
        super(net, steps, surrogate);
        if (algorithm == Algorithm.BPTT) {
            throw new IllegalArgumentException("StopLearner runs STOP_W or STOP_WTL");
        }
        this.algorithm = algorithm;
        this.wtl = algorithm.learnsThresholdAndLeak();
        wTrace = new float[layers][];
        wTraceNz = new int[layers][];
        wTraceNnz = new int[layers];
        thTrace = new float[layers][];
        alTrace = new float[layers][];
        delta = new float[layers][];
        gOut = new float[layers][];
        blockDelta = new float[layers][][];
        blockTrace = new float[layers][][];
        blocked = new int[layers];
        for (int l = 0; l < layers; l++) {
            if (ops[l] instanceof DenseOp) {
                blockDelta[l] = new float[BLOCK][];
                blockTrace[l] = new float[BLOCK][];
                for (int k = 0; k < BLOCK; k++) {
                    blockDelta[l][k] = floats(ops[l].outSize());
                    blockTrace[l][k] = floats(ops[l].inSize());
                }
            }
            int out = ops[l].outSize();
            if (net.weights[l] != null) {
                wTrace[l] = floats(ops[l].inSize());
                if (blockDelta[l] == null) { // dense layers' block update finds the non-zero rows itself
                    wTraceNz[l] = ints(ops[l].inSize());
                }
                delta[l] = floats(out);
                if (wtl) {
                    alTrace[l] = floats(out);
                    if (net.theta[l] != null) {
                        thTrace[l] = floats(out);
                    }
                }
            }
            if (l < last) {
                gOut[l] = floats(out);
            }
        }
    }

    @Override
    public Algorithm algorithm() {
        return algorithm;
    }

    @Override
    public int timeSteps() {
        return steps;
    }

    @Override
    public long learnerBytes() {
        return bytes();
    }

    @Override
    public int lastPrediction() {
        return prediction;
    }

    /** ŵ of layer l after the last step (tests). */
    float[] weightTrace(int l) {
        return wTrace[l];
    }

    /** θ̂ of layer l (STOP-WTL, spiking layers; tests). */
    float[] thresholdTrace(int l) {
        return thTrace[l];
    }

    /** α̂ of layer l (STOP-WTL; tests). */
    float[] leakTrace(int l) {
        return alTrace[l];
    }

    @Override
    void resetState() {
        super.resetState();
        for (int l = 0; l < layers; l++) {
            if (wTrace[l] != null) {
                Arrays.fill(wTrace[l], 0f);
                wTraceNnz[l] = 0;
            }
            if (thTrace[l] != null) {
                Arrays.fill(thTrace[l], 0f);
            }
            if (alTrace[l] != null) {
                Arrays.fill(alTrace[l], 0f);
            }
        }
    }

    @Override
    public double learn(SampleSource src, int sample, int epoch, Gradients g, float scale) {
        check(src);
        resetState();
        int label = src.label(sample);
        double loss = 0;
        for (int t = 0; t < steps; t++) {
            readFrame(src, sample, epoch, t);
            for (int l = 0; l < layers; l++) {
                if (net.alpha[l] != null) {
                    updateTraces(l);
                }
                forwardLayer(l);
            }
            loss += readoutError(u[last], label, scale, delta[last]);
            backward(g);
        }
        for (int l = 0; l < layers; l++) {
            flushBlock(l, g);
        }
        prediction = argmaxOutput();
        return loss / steps;
    }

    /** Traces of step t from s[t−1], V[t−1] (still in act/v) and the new input x[t]; eq. 20/26/30. */
    private void updateTraces(int l) {
        float a = alphaNow[l];
        if (wtl) {
            FLOAT_KERNELS.decay(a, alTrace[l], v[l], alTrace[l].length);
            if (thTrace[l] != null) {
                FLOAT_KERNELS.decayDifference(a, thTrace[l], act[l], thTrace[l].length);
            }
        }
        if (blockDelta[l] != null) { // dense: the block update skips zero rows itself
            FLOAT_KERNELS.decay(a, wTrace[l], input(l), wTrace[l].length);
        } else {
            wTraceNnz[l] = FLOAT_KERNELS.decayAdd(a, wTrace[l], input(l), wTrace[l].length, wTraceNz[l]);
        }
    }

    /** Keeps this step's δ and ŵ of dense layer l for the block's gradient. */
    private void stash(int l, float[] d) {
        int k = blocked[l]++;
        System.arraycopy(d, 0, blockDelta[l][k], 0, d.length);
        System.arraycopy(wTrace[l], 0, blockTrace[l][k], 0, wTrace[l].length);
    }

    /** ΔW[i][:] += Σ_k ŵ_k[i]·δ_k[:] over the stashed steps (rows whose ŵ entries are all zero are skipped). */
    private void flushBlock(int l, Gradients g) {
        int n = blocked[l];
        if (n == 0) {
            return;
        }
        ((DenseOp) ops[l]).accumulateWeightGradBlock(blockDelta[l], blockTrace[l], n, g.weights[l]);
        blocked[l] = 0;
    }

    /** Spatial error of the current step, layer by layer downwards, and the eq. 17/24/27 accumulations. */
    private void backward(Gradients g) {
        for (int l = last; l >= 0; l--) {
            LayerOp op = ops[l];
            if (net.alpha[l] == null) { // pool: spread the error to the spiking layer below
                op.backwardInput(null, gOut[l], gOut[l - 1]);
                continue;
            }
            float[] d = delta[l];
            if (l != last) {
                spikingError(l, u[l], gOut[l], d);
            }
            if (blockDelta[l] != null) {
                stash(l, d);
                if (blocked[l] == BLOCK) {
                    flushBlock(l, g);
                }
            } else {
                op.accumulateWeightGrad(d, wTrace[l], wTraceNz[l], wTraceNnz[l], g.weights[l]);
            }
            if (wtl) {
                float[] th = thTrace[l];
                if (th != null) {
                    float[] gth = g.theta[l];
                    int plane = net.thetaPlane[l];
                    if (plane == 1) {
                        FLOAT_KERNELS.addProduct(d, th, -1f, gth, gth.length);
                    } else {
                        for (int c = 0, j = 0; c < gth.length; c++) {
                            float acc = 0f;
                            for (int e = j + plane; j < e; j++) {
                                acc += d[j] * (th[j] - 1f);
                            }
                            gth[c] += acc;
                        }
                    }
                }
                g.alpha[l][0] += FLOAT_KERNELS.dot(d, 0, alTrace[l], 0, d.length);
            }
            if (l > 0) {
                op.backwardInput(net.weights[l], d, gOut[l - 1]);
            }
        }
    }
}
