package io.neuroedge.runtime.learn;

/**
 * Test-only surrogate for gradient checks (stop.md §9.2): the forward spike is σ(k·x) and φ is
 * exactly its derivative, so the loss is differentiable and finite differences apply.
 */
final class SmoothSurrogate implements Surrogate {

    final double k;

    SmoothSurrogate(double k) {
        this.k = k;
    }

    static double sigma(double k, double x) {
        return 1.0 / (1.0 + Math.exp(-k * x));
    }

    @Override
    public void derivativeInPlace(float[] x, int n) {
        for (int i = 0; i < n; i++) {
            double s = sigma(k, x[i]);
            x[i] = (float) (k * s * (1 - s));
        }
    }

    @Override
    public String name() {
        return "sigmoid:" + k;
    }

    @Override
    public boolean binary() {
        return false;
    }

    @Override
    public float spike(float x) {
        return (float) sigma(k, x);
    }
}
