package io.neuroedge.runtime.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The vector float kernels against the scalar ones. Inputs are small multiples of 1/64 and leaks
 * are 0.5 or 0.75, so every product and partial sum is exact in float: fused and separate
 * multiply-adds, and any summation order, must then agree bit for bit. Only {@code exp} is compared
 * with a tolerance. Sizes hit every vector-body/tail split of the 128-, 256- and 512-bit loops.
 */
class PanamaFloatKernelsTest {

    private static final int[] SIZES = {0, 1, 3, 4, 5, 7, 8, 10, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 400, 784, 1027};
    private static final long[] SEEDS = {1L, 42L, 0x5EED_CAFEL};
    private static final float[] LEAKS = {0.5f, 0.75f, 0f, 1f};
    private static final FloatKernels SCALAR = ScalarFloatKernels.INSTANCE;

    private static FloatKernels vector;

    @BeforeAll
    static void requirePanama() {
        Optional<KernelProvider> kernels = KernelProviders.panama();
        if (kernels.isEmpty()) {
            fail("the Panama kernels are unavailable, so nothing here can be tested: "
                    + PanamaSupport.current().probe().reason());
        }
        vector = kernels.get().floats();
        assertTrue(vector instanceof PanamaFloatKernels, vector.getClass().getName());
    }

    @Test
    void addRowsAndAxpyMatchScalar() {
        for (long seed : SEEDS) {
            SplittableRandom r = new SplittableRandom(seed);
            for (int n : SIZES) {
                int rowCount = 1 + r.nextInt(40);
                float[] w = exact(r, rowCount * n, 0.3);
                for (int count : new int[] {0, 1, 3, 4, 5, 9, rowCount}) {
                    int[] rows = r.ints(count, 0, rowCount).toArray();
                    float[] acc = exact(r, n, 0);
                    float[] expected = acc.clone();
                    SCALAR.addRows(w, rows, count, n, expected);
                    vector.addRows(w, rows, count, n, acc);
                    assertArrayEquals(expected, acc, "addRows n=" + n + " count=" + count);
                }
                int off = r.nextInt(rowCount) * n;
                float c = (r.nextInt(33) - 16) / 8f;
                int accOff = r.nextInt(3);
                float[] acc = exact(r, accOff + n, 0);
                float[] expected = acc.clone();
                SCALAR.axpy(c, w, off, expected, accOff, n);
                vector.axpy(c, w, off, acc, accOff, n);
                assertArrayEquals(expected, acc, "axpy n=" + n);
            }
        }
    }

    @Test
    void dotAndMatVecMatchScalar() {
        for (long seed : SEEDS) {
            SplittableRandom r = new SplittableRandom(seed);
            for (int n : SIZES) {
                float[] a = exact(r, n + 2, 0);
                float[] b = exact(r, n + 3, 0.5);
                assertEquals(SCALAR.dot(a, 2, b, 3, n), vector.dot(a, 2, b, 3, n), "dot n=" + n);
                for (int rows : new int[] {0, 1, 2, 3, 4, 5, 7, 10}) {
                    float[] m = exact(r, rows * n, 0.2);
                    float[] x = exact(r, n, 0);
                    float[] expected = new float[rows + 1];
                    float[] got = new float[rows + 1];
                    expected[rows] = got[rows] = 7f; // must stay untouched
                    SCALAR.matVec(m, rows, n, x, expected);
                    vector.matVec(m, rows, n, x, got);
                    assertArrayEquals(expected, got, "matVec rows=" + rows + " n=" + n);
                }
            }
        }
    }

    @Test
    void rankUpdateMatchesScalarAndSkipsZeroRows() {
        for (long seed : SEEDS) {
            SplittableRandom r = new SplittableRandom(seed);
            for (int n : SIZES) {
                int rows = 1 + r.nextInt(30);
                for (int terms = 0; terms <= 9; terms++) {
                    float[][] c = new float[terms][];
                    float[][] d = new float[terms][];
                    for (int k = 0; k < terms; k++) {
                        c[k] = exact(r, rows, 0.6); // many zero coefficients: whole rows skipped
                        d[k] = exact(r, n, 0);
                    }
                    float[] m = exact(r, rows * n, 0);
                    float[] expected = m.clone();
                    SCALAR.rankUpdate(c, d, terms, rows, n, expected);
                    vector.rankUpdate(c, d, terms, rows, n, m);
                    assertArrayEquals(expected, m, "rankUpdate terms=" + terms + " rows=" + rows + " n=" + n);
                }
            }
        }
        // and against the definition
        float[][] c = {{1f, 0f}, {2f, 0f}};
        float[][] d = {{1f, 2f, 3f}, {-1f, 0.5f, 4f}};
        float[] m = new float[6];
        vector.rankUpdate(c, d, 2, 2, 3, m);
        assertArrayEquals(new float[] {-1f, 3f, 11f, 0f, 0f, 0f}, m);
    }

    @Test
    void correlationsMatchScalar() {
        for (long seed : SEEDS) {
            SplittableRandom r = new SplittableRandom(seed);
            for (int n : SIZES) {
                for (int rows : new int[] {1, 3, 4, 5, 8, 9}) {
                    int depth = 1 + r.nextInt(30);
                    int stride = n + r.nextInt(3);
                    float[] a = exact(r, rows * depth, 0.1);
                    float[] b = exact(r, 3 * n + 40, 0.3);
                    int[] off = r.ints(depth, 0, 2 * n + 40 - n + 1).toArray();
                    float[] out = exact(r, rows * stride, 0);
                    float[] expected = out.clone();
                    SCALAR.correlate(a, rows, depth, b, off, expected, stride, n);
                    vector.correlate(a, rows, depth, b, off, out, stride, n);
                    assertArrayEquals(expected, out, "correlate rows=" + rows + " depth=" + depth + " n=" + n);
                    float[] g = exact(r, rows * stride, 0.2);
                    float[] m = exact(r, rows * depth, 0);
                    float[] mExpected = m.clone();
                    SCALAR.correlateGrad(g, rows, stride, b, off, depth, n, mExpected);
                    vector.correlateGrad(g, rows, stride, b, off, depth, n, m);
                    assertArrayEquals(mExpected, m, "correlateGrad rows=" + rows + " depth=" + depth + " n=" + n);
                }
            }
        }
    }

    @Test
    void tracesAndNonZerosMatchScalar() {
        for (long seed : SEEDS) {
            SplittableRandom r = new SplittableRandom(seed);
            for (int n : SIZES) {
                for (float a : LEAKS) {
                    float[] trace = exact(r, n, 0.5);
                    float[] x = exact(r, n, 0.7);
                    float[] t1 = trace.clone();
                    float[] t2 = trace.clone();
                    SCALAR.decay(a, t1, x, n);
                    vector.decay(a, t2, x, n);
                    assertArrayEquals(t1, t2, "decay n=" + n);
                    t1 = trace.clone();
                    t2 = trace.clone();
                    SCALAR.decayDifference(a, t1, x, n);
                    vector.decayDifference(a, t2, x, n);
                    assertArrayEquals(t1, t2, "decayDifference n=" + n);
                    t1 = trace.clone();
                    t2 = trace.clone();
                    SCALAR.addProduct(x, trace, -1f, t1, n);
                    vector.addProduct(x, trace, -1f, t2, n);
                    assertArrayEquals(t1, t2, "addProduct n=" + n);
                    int[] nz1 = new int[n];
                    int[] nz2 = new int[n];
                    t1 = trace.clone();
                    t2 = trace.clone();
                    int c1 = SCALAR.decayAdd(a, t1, x, n, nz1);
                    int c2 = vector.decayAdd(a, t2, x, n, nz2);
                    assertArrayEquals(t1, t2, "decayAdd n=" + n);
                    assertEquals(c1, c2);
                    assertArrayEquals(Arrays.copyOf(nz1, c1), Arrays.copyOf(nz2, c2));
                    c1 = SCALAR.nonZeros(x, n, nz1);
                    c2 = vector.nonZeros(x, n, nz2);
                    assertEquals(c1, c2);
                    assertArrayEquals(Arrays.copyOf(nz1, c1), Arrays.copyOf(nz2, c2), "nonZeros n=" + n);
                }
            }
        }
    }

    @Test
    void lifStepMatchesScalarIncludingMembranesExactlyAtThreshold() {
        for (long seed : SEEDS) {
            SplittableRandom r = new SplittableRandom(seed);
            for (int n : SIZES) {
                for (float a : LEAKS) {
                    float[] theta = new float[n];
                    for (int j = 0; j < n; j++) {
                        theta[j] = (1 + r.nextInt(64)) / 32f;
                    }
                    float[] u = exact(r, n, 0.2);
                    float[] v = exact(r, n, 0.2);
                    for (int j = 0; j < n; j += 3) {
                        u[j] = theta[j] - a * v[j]; // U == θ exactly: must spike
                    }
                    float[] u1 = u.clone();
                    float[] v1 = v.clone();
                    float[] s1 = new float[n];
                    int[] nz1 = new int[n];
                    float[] u2 = u.clone();
                    float[] v2 = v.clone();
                    float[] s2 = new float[n];
                    int[] nz2 = new int[n];
                    int c1 = SCALAR.lifStep(a, theta, u1, v1, s1, nz1, n);
                    int c2 = vector.lifStep(a, theta, u2, v2, s2, nz2, n);
                    assertArrayEquals(u1, u2, "U n=" + n);
                    assertArrayEquals(v1, v2, "V n=" + n);
                    assertArrayEquals(s1, s2, "spikes n=" + n);
                    assertEquals(c1, c2);
                    assertArrayEquals(Arrays.copyOf(nz1, c1), Arrays.copyOf(nz2, c2));
                    for (int j = 0; j < n; j += 3) {
                        assertEquals(1f, s2[j], "U == θ spikes");
                    }
                }
            }
        }
    }

    @Test
    void exponentialSurrogateIsBitExactAcrossKernelsAndWithinTwoUlpOfMathExp() {
        SplittableRandom r = new SplittableRandom(3);
        for (int n : SIZES) {
            float[] u = new float[n];
            float[] theta = new float[n];
            float[] g = new float[n];
            for (int j = 0; j < n; j++) {
                u[j] = (float) (r.nextDouble() * 40 - 20);
                theta[j] = (float) r.nextDouble() * 2;
                g[j] = (float) (r.nextDouble() * 2 - 1);
            }
            float[] d1 = new float[n];
            float[] d2 = new float[n];
            SCALAR.expSurrogateError(u, theta, g, d1, n);
            vector.expSurrogateError(u, theta, g, d2, n);
            assertArrayEquals(d1, d2, "surrogate error n=" + n);
            float[] x1 = u.clone();
            float[] x2 = u.clone();
            SCALAR.expNegAbs(x1, n);
            vector.expNegAbs(x2, n);
            assertArrayEquals(x1, x2, "exp(-|x|) n=" + n);
        }
        // against the definition over the whole range, densely
        float[] x = new float[80_001];
        for (int j = 0; j < x.length; j++) {
            x[j] = (j - 40_000) / 500f;
        }
        float[] e = x.clone();
        vector.expNegAbs(e, e.length);
        for (int j = 0; j < x.length; j++) {
            float exact = (float) Math.exp(-Math.abs((double) x[j]));
            assertEquals(exact, e[j], 2 * Math.ulp(exact), "exp(-|" + x[j] + "|)");
        }
        float[] big = {80.5f, -200f, Float.POSITIVE_INFINITY, 1e30f};
        vector.expNegAbs(big, big.length);
        assertArrayEquals(new float[4], big, "beyond e^-80: exactly 0");
    }

    @Test
    void surrogateErrorsBelowTinyAreFlushedToZeroNotSubnormal() {
        for (FloatKernels k : new FloatKernels[] {SCALAR, vector}) {
            for (int n : new int[] {5, 16, 37}) {
                float[] u = new float[n];
                float[] theta = new float[n];
                float[] g = new float[n];
                float[] delta = new float[n];
                for (int j = 0; j < n; j++) {
                    u[j] = j % 2 == 0 ? 95f : 60f; // exp(−95) ≈ 5e−42 is subnormal; exp(−60) ≈ 9e−27 is not
                    g[j] = 1f;
                }
                k.expSurrogateError(u, theta, g, delta, n);
                for (int j = 0; j < n; j++) {
                    if (j % 2 == 0) {
                        assertEquals(0f, delta[j], k.getClass().getSimpleName() + " flushes " + j);
                    } else {
                        assertEquals((float) Math.exp(-60), delta[j], 1e-6f * delta[j], k.getClass().getSimpleName() + " keeps " + j);
                        assertTrue(delta[j] >= FloatKernels.TINY);
                    }
                }
            }
        }
    }

    /** Multiples of 1/64 in [−4, 4], a fraction {@code zeros} of them exactly zero. */
    private static float[] exact(SplittableRandom r, int n, double zeros) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextDouble() < zeros ? 0f : (r.nextInt(513) - 256) / 64f;
        }
        return a;
    }
}
