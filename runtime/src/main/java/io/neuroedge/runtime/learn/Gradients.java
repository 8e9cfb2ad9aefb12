package io.neuroedge.runtime.learn;

import java.util.Arrays;

/**
 * Parameter-shaped gradient accumulators for one network, aligned with
 * {@link FloatNetwork#tensors()} (internal layout). One per training worker; summed before the
 * optimiser step.
 */
public final class Gradients {

    final float[][] weights;
    final float[][] theta;
    final float[][] alpha;
    private final float[][] byTensor;

    public Gradients(FloatNetwork net) {
        int n = net.layerCount();
        weights = new float[n][];
        theta = new float[n][];
        alpha = new float[n][];
        for (int l = 0; l < n; l++) {
            weights[l] = net.weights[l] == null ? null : new float[net.weights[l].length];
            theta[l] = net.theta[l] == null ? null : new float[net.theta[l].length];
            alpha[l] = net.alpha[l] == null ? null : new float[1];
        }
        byTensor = new float[net.tensors().size()][];
        for (int i = 0; i < byTensor.length; i++) {
            FloatNetwork.Tensor t = net.tensors().get(i);
            byTensor[i] = switch (t.kind()) {
                case WEIGHTS -> weights[t.layer()];
                case THRESHOLD -> theta[t.layer()];
                case ALPHA -> alpha[t.layer()];
            };
        }
    }

    /** Gradient of tensor {@code i} of {@link FloatNetwork#tensors()} (live array, internal layout). */
    public float[] tensor(int i) {
        return byTensor[i];
    }

    public int tensorCount() {
        return byTensor.length;
    }

    public void zero() {
        for (float[] a : byTensor) {
            Arrays.fill(a, 0f);
        }
    }

    /** this += other. */
    public void add(Gradients other) {
        for (int i = 0; i < byTensor.length; i++) {
            float[] a = byTensor[i];
            float[] b = other.byTensor[i];
            for (int j = 0; j < a.length; j++) {
                a[j] += b[j];
            }
        }
    }

    /** Bytes held by the accumulators (parameter-sized; the same for every algorithm). */
    public long bytes() {
        long n = 0;
        for (float[] a : byTensor) {
            n += a.length;
        }
        return n * Float.BYTES;
    }
}
