package io.neuroedge.runtime.learn;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Gradient checks (stop.md §9.2/§9.3). The production learners (float32) run with a smooth
 * test surrogate (forward spike σ(k·x), φ = its derivative); {@link DoubleReference} computes the
 * same loss in double with the reset spikes frozen, and central differences (h = 1e-6) give the
 * exact gradient. Float32 arithmetic bounds the agreement, hence a 1e-4 relative tolerance
 * (relative to max(|g|, 1% of the tensor's largest entry)).
 */
class GradientCheckTest {

    private static final double TOL = 1e-4;
    private static final double H = 1e-6;

    record Case(FloatNetwork net, float[] flat, double[][] frames, int label, int steps) {
        SampleSource source() {
            return SampleSource.frames(new float[][] {flat}, steps, net.spec().inputSize(), new int[] {label});
        }
    }

    /** Random parameters around the firing regime, random input frames (sparse analog or binary). */
    static Case randomCase(String spec, int steps, long seed, boolean binaryInput, float... alphas) {
        FloatNetwork net = FloatNetwork.initialize(spec, seed);
        Random r = new Random(seed);
        for (int l = 0; l < net.layerCount(); l++) {
            float[] th = net.thresholds(l);
            for (int j = 0; j < th.length; j++) {
                th[j] = 0.3f + r.nextFloat();
            }
            if (!Float.isNaN(net.alpha(l))) {
                net.setAlpha(l, alphas[l]);
            }
            float[] w = net.weights(l);
            for (int j = 0; j < w.length; j++) {
                w[j] *= 1.5f;
            }
            if (w.length > 0) {
                net.setWeights(l, w);
            }
        }
        int in = net.spec().inputSize();
        float[] flat = new float[steps * in];
        double[][] frames = new double[steps][in];
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < in; i++) {
                float v = r.nextFloat() < 0.5f ? 0f : binaryInput ? 1f : r.nextFloat();
                flat[t * in + i] = v;
                frames[t][i] = v;
            }
        }
        return new Case(net, flat, frames, r.nextInt(net.spec().classes()), steps);
    }

    /** Gradient of (1/T)·Σ_t CE_t from a production learner, model layout, per tensor. */
    static double[][] production(Case c, Algorithm a, Surrogate s) {
        Learner l = Learner.create(c.net(), a, c.steps(), s);
        Gradients g = new Gradients(c.net());
        l.learn(c.source(), 0, 0, g, 1f / c.steps());
        List<FloatNetwork.Tensor> ts = c.net().tensors();
        double[][] out = new double[ts.size()][];
        for (int i = 0; i < ts.size(); i++) {
            FloatNetwork.Tensor t = ts.get(i);
            float[] v = t.kind() == FloatNetwork.Kind.WEIGHTS ? c.net().ops[t.layer()].toModelLayout(g.tensor(i)) : g.tensor(i);
            out[i] = new double[v.length];
            for (int j = 0; j < v.length; j++) {
                out[i][j] = v[j];
            }
        }
        return out;
    }

    static void assertClose(FloatNetwork net, double[][] expected, double[][] actual, double tol, boolean requireSignal, String what) {
        List<FloatNetwork.Tensor> ts = net.tensors();
        for (int i = 0; i < ts.size(); i++) {
            double max = 0;
            for (double e : expected[i]) {
                max = Math.max(max, Math.abs(e));
            }
            if (max == 0 && !requireSignal) {
                for (double v : actual[i]) {
                    assertTrue(v == 0, what + ": " + ts.get(i).name() + " should have zero gradient, got " + v);
                }
                continue;
            }
            assertTrue(max > 1e-6, what + ": " + ts.get(i).name() + " has no gradient to check (max " + max + ")");
            double worst = 0;
            int at = -1;
            for (int j = 0; j < expected[i].length; j++) {
                double err = Math.abs(actual[i][j] - expected[i][j]) / Math.max(Math.abs(expected[i][j]), 0.01 * max);
                if (err > worst) {
                    worst = err;
                    at = j;
                }
            }
            if (worst > tol) {
                throw new AssertionError(String.format(Locale.ROOT, "%s: %s[%d] = %.9g, expected %.9g (relative error %.2e > %.0e)",
                        what, ts.get(i).name(), at, actual[i][at], expected[i][at], worst, tol));
            }
        }
    }

    private static void checkAgainstFiniteDifferences(Case c, Algorithm a, String what) {
        SmoothSurrogate s = new SmoothSurrogate(5);
        double[][] fd = new DoubleReference(c.net(), s.k).finiteDifferences(c.net(), c.frames(), c.label(), H);
        assertClose(c.net(), fd, production(c, a, s), TOL, true, what);
    }

    @Test
    void stopOnReadoutOnlyNetworkMatchesFiniteDifferences() {
        checkAgainstFiniteDifferences(randomCase("5-3", 8, 1, false, 0.9f), Algorithm.STOP_WTL, "STOP 5-3");
    }

    @Test
    void stopOnSingleSpikingLayerMatchesFiniteDifferences() {
        // readout α = 0: the loss of step t sees the hidden layer only through s[t], so STOP is exact
        checkAgainstFiniteDifferences(randomCase("5-4-3", 8, 2, false, 0.8f, 0f), Algorithm.STOP_WTL, "STOP 5-4-3");
        // an IF layer (α = 1): the traces never decay, the same code must stay exact
        checkAgainstFiniteDifferences(randomCase("5-4-3", 8, 22, false, 1f, 0f), Algorithm.STOP_WTL, "STOP 5-4-3 IF");
    }

    @Test
    void bpttMatchesFiniteDifferencesOnDeepNetwork() {
        Case c = randomCase("6-5-4-3", 6, 3, false, 0.7f, 0.8f, 0.6f);
        checkAgainstFiniteDifferences(c, Algorithm.BPTT, "BPTT 6-5-4-3");
        // STOP drops paths through later membranes here: similar, not equal (a logged metric)
        double[][] stop = production(c, Algorithm.STOP_WTL, new SmoothSurrogate(5));
        double[][] bptt = production(c, Algorithm.BPTT, new SmoothSurrogate(5));
        double cos = cosine(stop[0], bptt[0]);
        System.out.printf(Locale.ROOT, "STOP vs BPTT cosine, layer0 weights, 6-5-4-3 T=6: %.4f%n", cos);
        assertTrue(cos > 0.5, "STOP and BPTT layer-0 gradients should point the same way, cosine " + cos);
    }

    @Test
    void convNetworksMatchFiniteDifferences() {
        checkAgainstFiniteDifferences(randomCase("1x7x7-c2k3-p2-3", 5, 4, false, 0.8f, Float.NaN, 0f), Algorithm.STOP_WTL,
                "STOP 1x7x7-c2k3-p2-3 (5x5 map, partial pool window)");
        checkAgainstFiniteDifferences(randomCase("2x5x5-c3k3s2p1-c2k3-4", 5, 5, false, 0.7f, 0.6f, 0.5f), Algorithm.BPTT,
                "BPTT 2x5x5-c3k3s2p1-c2k3-4");
        // stride-1 convolutions with padding below and above: the spatial error through the padded path
        checkAgainstFiniteDifferences(randomCase("2x6x6-c3k3p1-c2k3p2-4", 5, 6, false, 0.7f, 0.6f, 0.5f), Algorithm.BPTT,
                "BPTT 2x6x6-c3k3p1-c2k3p2-4");
    }

    private static void assertStopEqualsBptt(Case c, String what) {
        double[][] stop = production(c, Algorithm.STOP_WTL, Surrogate.EXP);
        double[][] bptt = production(c, Algorithm.BPTT, Surrogate.EXP);
        assertClose(c.net(), bptt, stop, 1e-5, false, what);
    }

    @Test
    void stopEqualsBpttWhereNoPathIsDropped() {
        assertStopEqualsBptt(randomCase("5-3", 8, 11, true, 0.9f), "single layer, T=8");
        assertStopEqualsBptt(randomCase("6-5-4-3", 1, 12, true, 0.9f, 0.9f, 0.9f), "T=1, depth 3");
        assertStopEqualsBptt(randomCase("6-5-4-3", 6, 13, true, 0f, 0f, 0f), "alpha=0, depth 3");
        assertStopEqualsBptt(randomCase("5-4-3", 8, 14, true, 0.8f, 0f), "one spiking layer, readout alpha=0");
        assertStopEqualsBptt(randomCase("2x6x6-c3k3p1-p2-4", 1, 15, true, 0.8f, Float.NaN, 0.9f), "conv, T=1");
    }

    static double cosine(double[] a, double[] b) {
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }
}
