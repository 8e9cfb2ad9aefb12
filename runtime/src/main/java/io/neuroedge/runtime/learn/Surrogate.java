package io.neuroedge.runtime.learn;

import io.neuroedge.runtime.simd.ExpNegAbs;

/**
 * The spike nonlinearity as the learners see it: the forward spike (a Heaviside step for every
 * production surrogate) and the pseudo-derivative φ(x), x = U − θ, used in place of its derivative.
 * Array-at-a-time so a learner pays one call per layer and step, not one per neuron.
 */
public interface Surrogate {

    /** Writes φ(x[i]) over x[i] for i in [0, n). */
    void derivativeInPlace(float[] x, int n);

    /**
     * The spatial error of {@code n} neurons with per-neuron thresholds:
     * {@code delta[j] = g[j] · φ(u[j] − θ[j])}, flushed to 0 below {@code FloatKernels.TINY}.
     */
    default void error(float[] u, float[] theta, float[] g, float[] delta, int n) {
        for (int j = 0; j < n; j++) {
            delta[j] = u[j] - theta[j];
        }
        derivativeInPlace(delta, n);
        for (int j = 0; j < n; j++) {
            delta[j] = NetworkRunner.flushTiny(delta[j] * g[j]);
        }
    }

    /** Short name stored in checkpoints ("exp", "rect:1.0", ...). */
    String name();

    /**
     * True if the forward spike is the step {@code x >= 0}. A non-binary surrogate (only used by
     * gradient checks: a smooth sigmoid) must implement {@link #spike}.
     */
    default boolean binary() {
        return true;
    }

    /** Forward spike value for a non-binary surrogate. */
    default float spike(float x) {
        return x >= 0f ? 1f : 0f;
    }

    /** φ(x) = exp(−|x|), the form stop_reference.py uses (no width parameter). */
    Surrogate EXP = new Surrogate() {
        @Override
        public void derivativeInPlace(float[] x, int n) {
            LearnKernels.FLOAT_KERNELS.expNegAbs(x, n);
        }

        @Override
        public void error(float[] u, float[] theta, float[] g, float[] delta, int n) {
            LearnKernels.FLOAT_KERNELS.expSurrogateError(u, theta, g, delta, n);
        }

        @Override
        public String name() {
            return "exp";
        }
    };

    /**
     * φ of {@link #EXP} for one value, the same bits {@code EXP} writes for it: for learners that
     * work a neuron at a time in double (the on-device learner), so host and device STOP share
     * one surrogate function.
     */
    static double expNegAbs(double x) {
        return ExpNegAbs.of((float) x);
    }

    /** Rectangular φ(x) = 1/a for |x| < a/2 (STBP uses a = 1). */
    static Surrogate rectangular(float width) {
        if (!(width > 0f)) {
            throw new IllegalArgumentException("surrogate width must be positive: " + width);
        }
        float h = 1f / width;
        float half = width / 2f;
        return new Surrogate() {
            @Override
            public void derivativeInPlace(float[] x, int n) {
                for (int i = 0; i < n; i++) {
                    x[i] = Math.abs(x[i]) < half ? h : 0f;
                }
            }

            @Override
            public String name() {
                return "rect:" + width;
            }
        };
    }

    /** Triangular φ(x) = max(0, 1 − |x|/a)/a. */
    static Surrogate triangular(float width) {
        if (!(width > 0f)) {
            throw new IllegalArgumentException("surrogate width must be positive: " + width);
        }
        float inv = 1f / width;
        return new Surrogate() {
            @Override
            public void derivativeInPlace(float[] x, int n) {
                for (int i = 0; i < n; i++) {
                    x[i] = Math.max(0f, 1f - Math.abs(x[i]) * inv) * inv;
                }
            }

            @Override
            public String name() {
                return "tri:" + width;
            }
        };
    }

    /** Parses a {@link #name()}: "exp", "rect:W", "tri:W" (W defaults to 1). */
    static Surrogate parse(String s) {
        String[] p = s.trim().split(":", 2);
        float w = p.length > 1 ? Float.parseFloat(p[1]) : 1f;
        return switch (p[0]) {
            case "exp" -> EXP;
            case "rect" -> rectangular(w);
            case "tri" -> triangular(w);
            default -> throw new IllegalArgumentException("unknown surrogate '" + s + "'; expected exp, rect[:W] or tri[:W]");
        };
    }
}
