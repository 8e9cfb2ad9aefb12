package io.neuroedge.runtime.learn;

import java.util.Arrays;

/**
 * Backprop through time on the same network, with the reset detached (the spike inside
 * {@code V = U − θ·s} is a constant) and the same surrogate and loss as STOP: the exact gradient
 * that STOP approximates, used as the reference for gradient checks and memory comparisons.
 * Stores every layer's input, U and spikes for all T steps: O(T·N) memory.
 */
final class BpttLearner extends NetworkRunner implements Learner {

    /** inHist[l][t]: input of layer l at step t (weighted layers; aliases sHist[l − 1] when that exists). */
    private final float[][][] inHist;
    /** U[t] of neuron layers and s[t] of spiking layers. */
    private final float[][][] uHist;
    private final float[][][] sHist;
    private final float[][] gU;
    private final float[][] carry;
    private final float[][] gOut;
    private final float[] phi;
    private final int[] xNz;
    private int prediction;

    BpttLearner(FloatNetwork net, int steps, Surrogate surrogate) {
        super(net, steps, surrogate);
        inHist = new float[layers][][];
        uHist = new float[layers][][];
        sHist = new float[layers][][];
        gU = new float[layers][];
        carry = new float[layers][];
        gOut = new float[layers][];
        int maxIn = 0;
        int maxOut = 0;
        for (int l = 0; l < layers; l++) {
            int in = ops[l].inSize();
            int out = ops[l].outSize();
            if (net.weights[l] != null) {
                maxIn = Math.max(maxIn, in);
                maxOut = Math.max(maxOut, out);
                uHist[l] = history(steps, out);
                if (l != last) {
                    sHist[l] = history(steps, out);
                }
                // the input of a layer right after a spiking layer is that layer's spike history
                inHist[l] = l > 0 && sHist[l - 1] != null ? sHist[l - 1] : history(steps, in);
                gU[l] = floats(out);
                carry[l] = floats(out);
            }
            if (l < last) {
                gOut[l] = floats(out);
            }
        }
        phi = floats(maxOut);
        xNz = ints(maxIn);
    }

    private float[][] history(int t, int n) {
        float[][] h = new float[t][];
        for (int i = 0; i < t; i++) {
            h[i] = floats(n);
        }
        return h;
    }

    @Override
    public Algorithm algorithm() {
        return Algorithm.BPTT;
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

    @Override
    public double learn(SampleSource src, int sample, int epoch, Gradients g, float scale) {
        check(src);
        resetState();
        int label = src.label(sample);
        for (int t = 0; t < steps; t++) {
            readFrame(src, sample, epoch, t);
            for (int l = 0; l < layers; l++) {
                forwardLayer(l);
                if (net.weights[l] != null) {
                    float[] x = input(l);
                    if (l == 0 || sHist[l - 1] == null) {
                        System.arraycopy(x, 0, inHist[l][t], 0, x.length);
                    }
                    System.arraycopy(u[l], 0, uHist[l][t], 0, u[l].length);
                    if (sHist[l] != null) {
                        System.arraycopy(act[l], 0, sHist[l][t], 0, act[l].length);
                    }
                }
            }
        }
        prediction = argmaxOutput();
        double loss = backward(g, label, scale);
        return loss / steps;
    }

    private double backward(Gradients g, int label, float scale) {
        for (float[] c : carry) {
            if (c != null) {
                Arrays.fill(c, 0f);
            }
        }
        double loss = 0;
        for (int t = steps - 1; t >= 0; t--) {
            for (int l = last; l >= 0; l--) {
                LayerOp op = ops[l];
                if (net.alpha[l] == null) {
                    op.backwardInput(null, gOut[l], gOut[l - 1]);
                    continue;
                }
                float a = alphaNow[l];
                float[] gu = gU[l];
                float[] cr = carry[l];
                float[] ut = uHist[l][t];
                int n = gu.length;
                if (l == last) {
                    loss += readoutError(ut, label, scale, gu);
                    for (int j = 0; j < n; j++) {
                        gu[j] = flushTiny(gu[j] + a * cr[j]);
                    }
                } else {
                    // gu = ∂E/∂s ⊙ φ (via this step's spike) + α·∂E/∂U[t+1] (via V[t])
                    spikingError(l, ut, gOut[l], phi);
                    float[] st = sHist[l][t];
                    float[] gth = g.theta[l];
                    int plane = net.thetaPlane[l];
                    for (int c = 0, j = 0; c < gth.length; c++) {
                        float acc = 0f;
                        for (int e = j + plane; j < e; j++) {
                            float ac = a * cr[j];
                            gu[j] = flushTiny(phi[j] + ac);
                            // θ enters the spike (−φ·g) and the reset of U[t+1] (−α·s[t])
                            acc += -phi[j] - ac * st[j];
                        }
                        gth[c] += acc;
                    }
                }
                if (t > 0) {
                    // ∂U[t]/∂α = V[t−1] = U[t−1] − θ·s[t−1]
                    float[] up = uHist[l][t - 1];
                    float acc = 0f;
                    if (l == last) {
                        for (int j = 0; j < n; j++) {
                            acc += gu[j] * up[j];
                        }
                    } else {
                        float[] sp = sHist[l][t - 1];
                        float[] th = net.theta[l];
                        int plane = net.thetaPlane[l];
                        for (int c = 0, j = 0; c < th.length; c++) {
                            float thc = th[c];
                            for (int e = j + plane; j < e; j++) {
                                acc += gu[j] * (up[j] - thc * sp[j]);
                            }
                        }
                    }
                    g.alpha[l][0] += acc;
                }
                float[] x = inHist[l][t];
                int nnz = nonZeros(x, xNz);
                op.accumulateWeightGrad(gu, x, xNz, nnz, g.weights[l]);
                if (l > 0) {
                    op.backwardInput(net.weights[l], gu, gOut[l - 1]);
                }
                System.arraycopy(gu, 0, cr, 0, n);
            }
        }
        return loss;
    }
}
