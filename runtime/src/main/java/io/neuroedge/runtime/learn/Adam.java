package io.neuroedge.runtime.learn;

/**
 * Adam with PyTorch's defaults and update order (β1 0.9, β2 0.999, ε 1e-8, bias correction), one
 * pair of float moments per parameter tensor so a checkpoint stores them exactly.
 */
final class Adam {

    static final float BETA1 = 0.9f;
    static final float BETA2 = 0.999f;
    static final float EPS = 1e-8f;

    final float[][] first;
    final float[][] second;
    long steps;

    Adam(FloatNetwork net) {
        int n = net.tensors().size();
        first = new float[n][];
        second = new float[n][];
        for (int i = 0; i < n; i++) {
            int len = net.tensors().get(i).data().length;
            first[i] = new float[len];
            second[i] = new float[len];
        }
    }

    /** Advances the step counter; call once per optimiser step before {@link #update}. */
    void nextStep() {
        steps++;
    }

    void update(int tensor, float[] p, float[] g, float lr) {
        float[] m = first[tensor];
        float[] v = second[tensor];
        double bc1 = 1 - Math.pow(BETA1, steps);
        double bc2 = 1 - Math.pow(BETA2, steps);
        float stepSize = (float) (lr / bc1);
        float sqrtBc2 = (float) Math.sqrt(bc2);
        for (int i = 0; i < p.length; i++) {
            float gi = g[i];
            float mi = BETA1 * m[i] + (1 - BETA1) * gi;
            float vi = BETA2 * v[i] + (1 - BETA2) * gi * gi;
            m[i] = mi;
            v[i] = vi;
            p[i] -= stepSize * mi / ((float) Math.sqrt(vi) / sqrtBc2 + EPS);
        }
    }
}
