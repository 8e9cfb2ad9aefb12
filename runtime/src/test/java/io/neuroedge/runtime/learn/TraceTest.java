package io.neuroedge.runtime.learn;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Hand-computed traces for 1 input → 1 LIF neuron (w = 0.75, θ = 1, α = 0.5) → 2 readouts
 * (W = [0.5, −0.25], α = 0.5), inputs x = 1, 1, 0. All values are exact in binary.
 *
 * <pre>
 * t  ŵ_in  U     s  V      θ̂     α̂_hid  | ŵ_hid  U_out            α̂_out
 * 1  1     0.75  0  0.75   0     0       | 0      (0, 0)            (0, 0)
 * 2  1.5   1.125 1  0.125  0     0.75    | 1      (0.5, −0.25)      (0, 0)
 * 3  0.75  0.0625 0 0.0625 −0.5  0.5     | 0.5    (0.25, −0.125)    (0.5, −0.25)
 * </pre>
 * A leak trace built from pre-reset U[t−1] would give α̂[3] = 0.375 + 1.125 = 1.5; a threshold
 * trace built from s[t] instead of s[t−1] would give θ̂[2] = −0.5 and θ̂[3] = 0.
 */
class TraceTest {

    private static FloatNetwork net() {
        FloatNetwork net = FloatNetwork.initialize("1-1-2", 0);
        net.setWeights(0, new float[] {0.75f});
        net.setWeights(1, new float[] {0.5f, -0.25f});
        net.thresholds(0)[0] = 1f;
        net.setAlpha(0, 0.5f);
        net.setAlpha(1, 0.5f);
        return net;
    }

    private static final SampleSource INPUT = SampleSource.frames(new float[][] {{1f, 1f, 0f}}, 3, 1, new int[] {0});

    private static StopLearner runSteps(int steps) {
        FloatNetwork net = net();
        StopLearner l = (StopLearner) Learner.create(net, Algorithm.STOP_WTL, steps, Surrogate.EXP);
        l.learn(INPUT, 0, 0, new Gradients(net), 1f);
        return l;
    }

    @Test
    void threeStepTracesMatchHandComputation() {
        float[][] wIn = {{1f}, {1.5f}, {0.75f}};
        float[][] thHat = {{0f}, {0f}, {-0.5f}};
        float[][] alHid = {{0f}, {0.75f}, {0.5f}};
        float[][] wHid = {{0f}, {1f}, {0.5f}};
        float[][] alOut = {{0f, 0f}, {0f, 0f}, {0.5f, -0.25f}};
        float[][] uHid = {{0.75f}, {1.125f}, {0.0625f}};
        float[][] sHid = {{0f}, {1f}, {0f}};
        float[][] vHid = {{0.75f}, {0.125f}, {0.0625f}};
        float[][] uOut = {{0f, 0f}, {0.5f, -0.25f}, {0.25f, -0.125f}};
        for (int t = 1; t <= 3; t++) {
            StopLearner l = runSteps(t);
            String at = "after step " + t;
            assertArrayEquals(uHid[t - 1], l.u[0], at + ": hidden U");
            assertArrayEquals(sHid[t - 1], l.act[0], at + ": hidden spikes");
            assertArrayEquals(vHid[t - 1], l.v[0], at + ": hidden V (soft reset)");
            assertArrayEquals(uOut[t - 1], l.u[1], at + ": readout U");
            assertArrayEquals(wIn[t - 1], l.weightTrace(0), at + ": input weight trace");
            assertArrayEquals(thHat[t - 1], l.thresholdTrace(0), at + ": threshold trace (uses s[t-1])");
            assertArrayEquals(alHid[t - 1], l.leakTrace(0), at + ": hidden leak trace (uses V[t-1])");
            assertArrayEquals(wHid[t - 1], l.weightTrace(1), at + ": readout weight trace");
            assertArrayEquals(alOut[t - 1], l.leakTrace(1), at + ": readout leak trace");
        }
    }

    @Test
    void weightTraceIsTheDerivativeOfTheMembrane() {
        // U[3] = α·(α·w·1 + w − θ·s[2]) + 0  =>  dU[3]/dw = α·(α + 1) = 0.75, the trace
        float w = 0.75f;
        float h = 1f / 1024;
        float up = membraneAfter3(w + h);
        float dn = membraneAfter3(w - h);
        assertEquals(0.75f, (up - dn) / (2 * h), 1e-6f);
    }

    private static float membraneAfter3(float w) {
        FloatNetwork n = net();
        n.setWeights(0, new float[] {w});
        StopLearner l = (StopLearner) Learner.create(n, Algorithm.STOP_W, 3, Surrogate.EXP);
        l.learn(INPUT, 0, 0, new Gradients(n), 1f);
        return l.u[0][0];
    }

    @Test
    void traceBoundsHoldForRandomSpikeTrains() {
        java.util.Random r = new java.util.Random(3);
        for (int trial = 0; trial < 20; trial++) {
            float a = r.nextFloat() * 0.97f;
            int T = 40;
            float[] frames = new float[T * 8];
            for (int i = 0; i < frames.length; i++) {
                frames[i] = r.nextFloat() < 0.4f ? 1f : 0f;
            }
            FloatNetwork net = FloatNetwork.initialize("8-6-3", trial);
            net.setAlpha(0, a);
            net.setAlpha(1, a);
            SampleSource src = SampleSource.frames(new float[][] {frames}, T, 8, new int[] {1});
            for (int steps = 1; steps <= T; steps += 13) {
                StopLearner l = (StopLearner) Learner.create(net, Algorithm.STOP_WTL, steps, Surrogate.EXP);
                l.learn(src, 0, 0, new Gradients(net), 1f);
                float bound = 1f / (1f - a) + 1e-5f;
                for (float v : l.weightTrace(0)) {
                    assertBetween(0f, bound, v, "input trace");
                }
                for (float v : l.weightTrace(1)) {
                    assertBetween(0f, bound, v, "hidden trace");
                }
                for (float v : l.thresholdTrace(0)) {
                    assertBetween(-a / (1f - a) - 1e-5f, 0f, v, "threshold trace");
                }
            }
        }
    }

    private static void assertBetween(float lo, float hi, float v, String what) {
        if (!(v >= lo && v <= hi)) {
            throw new AssertionError(what + " " + v + " outside [" + lo + ", " + hi + "]");
        }
    }
}
