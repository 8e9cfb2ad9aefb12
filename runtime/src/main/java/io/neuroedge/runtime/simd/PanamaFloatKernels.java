package io.neuroedge.runtime.simd;

import static io.neuroedge.runtime.simd.PanamaConstants.FLOAT;
import static io.neuroedge.runtime.simd.PanamaConstants.INT;
import static jdk.incubator.vector.VectorOperators.ABS;
import static jdk.incubator.vector.VectorOperators.ADD;
import static jdk.incubator.vector.VectorOperators.F2I;
import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.I2F;
import static jdk.incubator.vector.VectorOperators.LE;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.NE;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;

/**
 * {@link FloatKernels} over {@link PanamaConstants#FLOAT} lanes, each loop unmasked up to
 * {@code loopBound} with a scalar tail. The row loops are unrolled over four rows or terms: on their
 * own they are bound by loads and stores of the accumulator, not by arithmetic, so each accumulator
 * vector is loaded and stored once per four rows. Vectors never cross a call (C2 would box them).
 * Scalar tails use {@link Math#fma} like the lanes (the list-producing kernels finish in
 * {@link ScalarFloatKernels}' range loops), so a neuron's result does not depend on whether it
 * falls in a tail.
 */
final class PanamaFloatKernels implements FloatKernels {

    private static final int L = FLOAT.length();

    @Override
    public void addRows(float[] w, int[] rows, int count, int n, float[] acc) {
        final int upper = FLOAT.loopBound(n);
        int k = 0;
        for (; k + 3 < count; k += 4) {
            int b0 = rows[k] * n;
            int b1 = rows[k + 1] * n;
            int b2 = rows[k + 2] * n;
            int b3 = rows[k + 3] * n;
            int j = 0;
            for (; j < upper; j += L) {
                FloatVector s01 = FloatVector.fromArray(FLOAT, w, b0 + j).add(FloatVector.fromArray(FLOAT, w, b1 + j));
                FloatVector s23 = FloatVector.fromArray(FLOAT, w, b2 + j).add(FloatVector.fromArray(FLOAT, w, b3 + j));
                FloatVector.fromArray(FLOAT, acc, j).add(s01.add(s23)).intoArray(acc, j);
            }
            for (; j < n; j++) {
                acc[j] += (w[b0 + j] + w[b1 + j]) + (w[b2 + j] + w[b3 + j]);
            }
        }
        for (; k < count; k++) {
            int b = rows[k] * n;
            int j = 0;
            for (; j < upper; j += L) {
                FloatVector.fromArray(FLOAT, acc, j).add(FloatVector.fromArray(FLOAT, w, b + j)).intoArray(acc, j);
            }
            for (; j < n; j++) {
                acc[j] += w[b + j];
            }
        }
    }

    @Override
    public void axpy(float c, float[] x, int xOff, float[] acc, int accOff, int n) {
        final int upper = FLOAT.loopBound(n);
        final FloatVector bc = FloatVector.broadcast(FLOAT, c);
        int j = 0;
        for (; j < upper; j += L) {
            FloatVector.fromArray(FLOAT, x, xOff + j).fma(bc, FloatVector.fromArray(FLOAT, acc, accOff + j))
                    .intoArray(acc, accOff + j);
        }
        for (; j < n; j++) {
            acc[accOff + j] = Math.fma(c, x[xOff + j], acc[accOff + j]);
        }
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        final int upper = FLOAT.loopBound(n);
        FloatVector s = FloatVector.zero(FLOAT);
        int j = 0;
        for (; j < upper; j += L) {
            s = FloatVector.fromArray(FLOAT, a, aOff + j).fma(FloatVector.fromArray(FLOAT, b, bOff + j), s);
        }
        float r = upper == 0 ? 0f : s.reduceLanes(ADD);
        for (; j < n; j++) {
            r = Math.fma(a[aOff + j], b[bOff + j], r);
        }
        return r;
    }

    /**
     * Wide rows: one vector dot per row, two rows at a time. Narrow rows (a readout's ten classes)
     * fill no vector, so four rows run side by side in scalar code: their independent chains of
     * multiply-adds overlap instead of waiting on each other's latency.
     */
    @Override
    public void matVec(float[] m, int rows, int n, float[] x, float[] out) {
        final int upper = FLOAT.loopBound(n);
        int i = 0;
        if (upper == 0) {
            for (; i + 3 < rows; i += 4) {
                int b = i * n;
                float s0 = 0f;
                float s1 = 0f;
                float s2 = 0f;
                float s3 = 0f;
                for (int j = 0; j < n; j++) {
                    float xj = x[j];
                    s0 = Math.fma(m[b + j], xj, s0);
                    s1 = Math.fma(m[b + n + j], xj, s1);
                    s2 = Math.fma(m[b + 2 * n + j], xj, s2);
                    s3 = Math.fma(m[b + 3 * n + j], xj, s3);
                }
                out[i] = s0;
                out[i + 1] = s1;
                out[i + 2] = s2;
                out[i + 3] = s3;
            }
        } else {
            for (; i + 1 < rows; i += 2) {
                int b0 = i * n;
                int b1 = b0 + n;
                FloatVector s0 = FloatVector.zero(FLOAT);
                FloatVector s1 = FloatVector.zero(FLOAT);
                int j = 0;
                for (; j < upper; j += L) {
                    FloatVector xj = FloatVector.fromArray(FLOAT, x, j);
                    s0 = FloatVector.fromArray(FLOAT, m, b0 + j).fma(xj, s0);
                    s1 = FloatVector.fromArray(FLOAT, m, b1 + j).fma(xj, s1);
                }
                float r0 = s0.reduceLanes(ADD);
                float r1 = s1.reduceLanes(ADD);
                for (; j < n; j++) {
                    r0 = Math.fma(m[b0 + j], x[j], r0);
                    r1 = Math.fma(m[b1 + j], x[j], r1);
                }
                out[i] = r0;
                out[i + 1] = r1;
            }
        }
        for (; i < rows; i++) {
            int b = i * n;
            FloatVector s0 = FloatVector.zero(FLOAT);
            int j = 0;
            for (; j < upper; j += L) {
                s0 = FloatVector.fromArray(FLOAT, m, b + j).fma(FloatVector.fromArray(FLOAT, x, j), s0);
            }
            float r = upper == 0 ? 0f : s0.reduceLanes(ADD);
            for (; j < n; j++) {
                r = Math.fma(m[b + j], x[j], r);
            }
            out[i] = r;
        }
    }

    @Override
    public void decay(float a, float[] trace, float[] x, int n) {
        final int upper = FLOAT.loopBound(n);
        final FloatVector ba = FloatVector.broadcast(FLOAT, a);
        int j = 0;
        for (; j < upper; j += L) {
            FloatVector.fromArray(FLOAT, trace, j).fma(ba, FloatVector.fromArray(FLOAT, x, j)).intoArray(trace, j);
        }
        for (; j < n; j++) {
            trace[j] = Math.fma(a, trace[j], x[j]);
        }
    }

    @Override
    public void decayDifference(float a, float[] trace, float[] x, int n) {
        final int upper = FLOAT.loopBound(n);
        int j = 0;
        for (; j < upper; j += L) {
            FloatVector.fromArray(FLOAT, trace, j).sub(FloatVector.fromArray(FLOAT, x, j)).mul(a).intoArray(trace, j);
        }
        for (; j < n; j++) {
            trace[j] = a * (trace[j] - x[j]);
        }
    }

    @Override
    public void addProduct(float[] a, float[] b, float c, float[] acc, int n) {
        final int upper = FLOAT.loopBound(n);
        int j = 0;
        for (; j < upper; j += L) {
            FloatVector.fromArray(FLOAT, a, j).fma(FloatVector.fromArray(FLOAT, b, j).add(c), FloatVector.fromArray(FLOAT, acc, j))
                    .intoArray(acc, j);
        }
        for (; j < n; j++) {
            acc[j] = Math.fma(a[j], b[j] + c, acc[j]);
        }
    }

    /**
     * Three passes over a layer's neurons: {@code u − θ}, then {@link #expNegAbs} in place (its lanes
     * are not written out twice), then the product with the incoming error, flushed below TINY.
     */
    @Override
    public void expSurrogateError(float[] u, float[] theta, float[] g, float[] delta, int n) {
        final int upper = FLOAT.loopBound(n);
        int j = 0;
        for (; j < upper; j += L) {
            FloatVector.fromArray(FLOAT, u, j).sub(FloatVector.fromArray(FLOAT, theta, j)).intoArray(delta, j);
        }
        for (; j < n; j++) {
            delta[j] = u[j] - theta[j];
        }
        expNegAbs(delta, n);
        final FloatVector zero = FloatVector.zero(FLOAT);
        final FloatVector tiny = FloatVector.broadcast(FLOAT, TINY);
        j = 0;
        for (; j < upper; j += L) {
            FloatVector d = FloatVector.fromArray(FLOAT, delta, j).mul(FloatVector.fromArray(FLOAT, g, j));
            zero.blend(d, d.lanewise(ABS).compare(GE, tiny)).intoArray(delta, j);
        }
        for (; j < n; j++) {
            float d = delta[j] * g[j];
            delta[j] = Math.abs(d) < TINY ? 0f : d;
        }
    }

    @Override
    public void rankUpdate(float[][] c, float[][] d, int terms, int rows, int n, float[] m) {
        final int upper = FLOAT.loopBound(n);
        int k = 0;
        for (; k + 3 < terms; k += 4) {
            float[] c0 = c[k];
            float[] c1 = c[k + 1];
            float[] c2 = c[k + 2];
            float[] c3 = c[k + 3];
            float[] d0 = d[k];
            float[] d1 = d[k + 1];
            float[] d2 = d[k + 2];
            float[] d3 = d[k + 3];
            for (int i = 0; i < rows; i++) {
                float a0 = c0[i];
                float a1 = c1[i];
                float a2 = c2[i];
                float a3 = c3[i];
                if (a0 == 0f && a1 == 0f && a2 == 0f && a3 == 0f) {
                    continue;
                }
                int base = i * n;
                FloatVector ba0 = FloatVector.broadcast(FLOAT, a0);
                FloatVector ba1 = FloatVector.broadcast(FLOAT, a1);
                FloatVector ba2 = FloatVector.broadcast(FLOAT, a2);
                FloatVector ba3 = FloatVector.broadcast(FLOAT, a3);
                int j = 0;
                for (; j < upper; j += L) {
                    FloatVector acc = FloatVector.fromArray(FLOAT, m, base + j);
                    acc = FloatVector.fromArray(FLOAT, d0, j).fma(ba0, acc);
                    acc = FloatVector.fromArray(FLOAT, d1, j).fma(ba1, acc);
                    acc = FloatVector.fromArray(FLOAT, d2, j).fma(ba2, acc);
                    acc = FloatVector.fromArray(FLOAT, d3, j).fma(ba3, acc);
                    acc.intoArray(m, base + j);
                }
                for (; j < n; j++) {
                    m[base + j] = Math.fma(a3, d3[j], Math.fma(a2, d2[j], Math.fma(a1, d1[j], Math.fma(a0, d0[j], m[base + j]))));
                }
            }
        }
        for (; k < terms; k++) {
            float[] ck = c[k];
            float[] dk = d[k];
            for (int i = 0; i < rows; i++) {
                float a = ck[i];
                if (a == 0f) {
                    continue;
                }
                int base = i * n;
                FloatVector ba = FloatVector.broadcast(FLOAT, a);
                int j = 0;
                for (; j < upper; j += L) {
                    FloatVector.fromArray(FLOAT, dk, j).fma(ba, FloatVector.fromArray(FLOAT, m, base + j)).intoArray(m, base + j);
                }
                for (; j < n; j++) {
                    m[base + j] = Math.fma(a, dk[j], m[base + j]);
                }
            }
        }
    }

    /**
     * Four output rows per pass over a vector of positions: each shifted input vector is loaded
     * once for four multiply-adds, and the four accumulators stay in registers for the whole depth.
     */
    @Override
    public void correlate(float[] a, int rows, int depth, float[] b, int[] bOff, float[] out, int outStride, int n) {
        final int upper = FLOAT.loopBound(n);
        int r = 0;
        for (; r + 3 < rows; r += 4) {
            int a0 = r * depth;
            int a1 = a0 + depth;
            int a2 = a1 + depth;
            int a3 = a2 + depth;
            int o0 = r * outStride;
            int o1 = o0 + outStride;
            int o2 = o1 + outStride;
            int o3 = o2 + outStride;
            int p = 0;
            // two vectors of positions per pass: eight accumulators, two loads of shifted input and
            // four broadcast weights per eight multiply-adds
            for (; p + L < upper; p += 2 * L) {
                int p1 = p + L;
                FloatVector s0 = FloatVector.fromArray(FLOAT, out, o0 + p);
                FloatVector s1 = FloatVector.fromArray(FLOAT, out, o1 + p);
                FloatVector s2 = FloatVector.fromArray(FLOAT, out, o2 + p);
                FloatVector s3 = FloatVector.fromArray(FLOAT, out, o3 + p);
                FloatVector u0 = FloatVector.fromArray(FLOAT, out, o0 + p1);
                FloatVector u1 = FloatVector.fromArray(FLOAT, out, o1 + p1);
                FloatVector u2 = FloatVector.fromArray(FLOAT, out, o2 + p1);
                FloatVector u3 = FloatVector.fromArray(FLOAT, out, o3 + p1);
                for (int q = 0; q < depth; q++) {
                    int bo = bOff[q];
                    FloatVector x = FloatVector.fromArray(FLOAT, b, bo + p);
                    FloatVector y = FloatVector.fromArray(FLOAT, b, bo + p1);
                    FloatVector c0 = FloatVector.broadcast(FLOAT, a[a0 + q]);
                    FloatVector c1 = FloatVector.broadcast(FLOAT, a[a1 + q]);
                    FloatVector c2 = FloatVector.broadcast(FLOAT, a[a2 + q]);
                    FloatVector c3 = FloatVector.broadcast(FLOAT, a[a3 + q]);
                    s0 = x.fma(c0, s0);
                    s1 = x.fma(c1, s1);
                    s2 = x.fma(c2, s2);
                    s3 = x.fma(c3, s3);
                    u0 = y.fma(c0, u0);
                    u1 = y.fma(c1, u1);
                    u2 = y.fma(c2, u2);
                    u3 = y.fma(c3, u3);
                }
                s0.intoArray(out, o0 + p);
                s1.intoArray(out, o1 + p);
                s2.intoArray(out, o2 + p);
                s3.intoArray(out, o3 + p);
                u0.intoArray(out, o0 + p1);
                u1.intoArray(out, o1 + p1);
                u2.intoArray(out, o2 + p1);
                u3.intoArray(out, o3 + p1);
            }
            for (; p < upper; p += L) {
                FloatVector s0 = FloatVector.fromArray(FLOAT, out, o0 + p);
                FloatVector s1 = FloatVector.fromArray(FLOAT, out, o1 + p);
                FloatVector s2 = FloatVector.fromArray(FLOAT, out, o2 + p);
                FloatVector s3 = FloatVector.fromArray(FLOAT, out, o3 + p);
                for (int q = 0; q < depth; q++) {
                    FloatVector x = FloatVector.fromArray(FLOAT, b, bOff[q] + p);
                    s0 = x.fma(FloatVector.broadcast(FLOAT, a[a0 + q]), s0);
                    s1 = x.fma(FloatVector.broadcast(FLOAT, a[a1 + q]), s1);
                    s2 = x.fma(FloatVector.broadcast(FLOAT, a[a2 + q]), s2);
                    s3 = x.fma(FloatVector.broadcast(FLOAT, a[a3 + q]), s3);
                }
                s0.intoArray(out, o0 + p);
                s1.intoArray(out, o1 + p);
                s2.intoArray(out, o2 + p);
                s3.intoArray(out, o3 + p);
            }
            for (; p < n; p++) {
                float t0 = out[o0 + p];
                float t1 = out[o1 + p];
                float t2 = out[o2 + p];
                float t3 = out[o3 + p];
                for (int q = 0; q < depth; q++) {
                    float x = b[bOff[q] + p];
                    t0 = Math.fma(x, a[a0 + q], t0);
                    t1 = Math.fma(x, a[a1 + q], t1);
                    t2 = Math.fma(x, a[a2 + q], t2);
                    t3 = Math.fma(x, a[a3 + q], t3);
                }
                out[o0 + p] = t0;
                out[o1 + p] = t1;
                out[o2 + p] = t2;
                out[o3 + p] = t3;
            }
        }
        for (; r < rows; r++) {
            int a0 = r * depth;
            int o0 = r * outStride;
            int p = 0;
            for (; p < upper; p += L) {
                FloatVector s0 = FloatVector.fromArray(FLOAT, out, o0 + p);
                for (int q = 0; q < depth; q++) {
                    s0 = FloatVector.fromArray(FLOAT, b, bOff[q] + p).fma(FloatVector.broadcast(FLOAT, a[a0 + q]), s0);
                }
                s0.intoArray(out, o0 + p);
            }
            for (; p < n; p++) {
                float t0 = out[o0 + p];
                for (int q = 0; q < depth; q++) {
                    t0 = Math.fma(b[bOff[q] + p], a[a0 + q], t0);
                }
                out[o0 + p] = t0;
            }
        }
    }

    /**
     * Four gradient rows per shifted input: the input vector is loaded once for four rows' partial
     * sums, which are reduced across lanes once per entry.
     */
    @Override
    public void correlateGrad(float[] g, int rows, int gStride, float[] b, int[] bOff, int depth, int n, float[] m) {
        final int upper = FLOAT.loopBound(n);
        int r = 0;
        for (; r + 3 < rows; r += 4) {
            int g0 = r * gStride;
            int g1 = g0 + gStride;
            int g2 = g1 + gStride;
            int g3 = g2 + gStride;
            int q = 0;
            // two taps per pass: each error vector is loaded once for both
            for (; q + 1 < depth; q += 2) {
                int bo = bOff[q];
                int bp = bOff[q + 1];
                FloatVector s0 = FloatVector.zero(FLOAT);
                FloatVector s1 = FloatVector.zero(FLOAT);
                FloatVector s2 = FloatVector.zero(FLOAT);
                FloatVector s3 = FloatVector.zero(FLOAT);
                FloatVector u0 = FloatVector.zero(FLOAT);
                FloatVector u1 = FloatVector.zero(FLOAT);
                FloatVector u2 = FloatVector.zero(FLOAT);
                FloatVector u3 = FloatVector.zero(FLOAT);
                int p = 0;
                for (; p < upper; p += L) {
                    FloatVector x = FloatVector.fromArray(FLOAT, b, bo + p);
                    FloatVector y = FloatVector.fromArray(FLOAT, b, bp + p);
                    FloatVector e0 = FloatVector.fromArray(FLOAT, g, g0 + p);
                    FloatVector e1 = FloatVector.fromArray(FLOAT, g, g1 + p);
                    FloatVector e2 = FloatVector.fromArray(FLOAT, g, g2 + p);
                    FloatVector e3 = FloatVector.fromArray(FLOAT, g, g3 + p);
                    s0 = e0.fma(x, s0);
                    s1 = e1.fma(x, s1);
                    s2 = e2.fma(x, s2);
                    s3 = e3.fma(x, s3);
                    u0 = e0.fma(y, u0);
                    u1 = e1.fma(y, u1);
                    u2 = e2.fma(y, u2);
                    u3 = e3.fma(y, u3);
                }
                float t0 = s0.reduceLanes(ADD);
                float t1 = s1.reduceLanes(ADD);
                float t2 = s2.reduceLanes(ADD);
                float t3 = s3.reduceLanes(ADD);
                float v0 = u0.reduceLanes(ADD);
                float v1 = u1.reduceLanes(ADD);
                float v2 = u2.reduceLanes(ADD);
                float v3 = u3.reduceLanes(ADD);
                for (; p < n; p++) {
                    float x = b[bo + p];
                    float y = b[bp + p];
                    t0 = Math.fma(g[g0 + p], x, t0);
                    t1 = Math.fma(g[g1 + p], x, t1);
                    t2 = Math.fma(g[g2 + p], x, t2);
                    t3 = Math.fma(g[g3 + p], x, t3);
                    v0 = Math.fma(g[g0 + p], y, v0);
                    v1 = Math.fma(g[g1 + p], y, v1);
                    v2 = Math.fma(g[g2 + p], y, v2);
                    v3 = Math.fma(g[g3 + p], y, v3);
                }
                m[r * depth + q] += t0;
                m[(r + 1) * depth + q] += t1;
                m[(r + 2) * depth + q] += t2;
                m[(r + 3) * depth + q] += t3;
                m[r * depth + q + 1] += v0;
                m[(r + 1) * depth + q + 1] += v1;
                m[(r + 2) * depth + q + 1] += v2;
                m[(r + 3) * depth + q + 1] += v3;
            }
            for (; q < depth; q++) {
                int bo = bOff[q];
                FloatVector s0 = FloatVector.zero(FLOAT);
                FloatVector s1 = FloatVector.zero(FLOAT);
                FloatVector s2 = FloatVector.zero(FLOAT);
                FloatVector s3 = FloatVector.zero(FLOAT);
                int p = 0;
                for (; p < upper; p += L) {
                    FloatVector x = FloatVector.fromArray(FLOAT, b, bo + p);
                    s0 = FloatVector.fromArray(FLOAT, g, g0 + p).fma(x, s0);
                    s1 = FloatVector.fromArray(FLOAT, g, g1 + p).fma(x, s1);
                    s2 = FloatVector.fromArray(FLOAT, g, g2 + p).fma(x, s2);
                    s3 = FloatVector.fromArray(FLOAT, g, g3 + p).fma(x, s3);
                }
                float t0 = s0.reduceLanes(ADD);
                float t1 = s1.reduceLanes(ADD);
                float t2 = s2.reduceLanes(ADD);
                float t3 = s3.reduceLanes(ADD);
                for (; p < n; p++) {
                    float x = b[bo + p];
                    t0 = Math.fma(g[g0 + p], x, t0);
                    t1 = Math.fma(g[g1 + p], x, t1);
                    t2 = Math.fma(g[g2 + p], x, t2);
                    t3 = Math.fma(g[g3 + p], x, t3);
                }
                m[r * depth + q] += t0;
                m[(r + 1) * depth + q] += t1;
                m[(r + 2) * depth + q] += t2;
                m[(r + 3) * depth + q] += t3;
            }
        }
        for (; r < rows; r++) {
            for (int q = 0; q < depth; q++) {
                m[r * depth + q] += dot(g, r * gStride, b, bOff[q], n);
            }
        }
    }

    @Override
    public void expNegAbs(float[] x, int n) {
        final int upper = FLOAT.loopBound(n);
        // ExpNegAbs.of lane for lane, written out in the loop: returned from a helper, the vectors
        // were boxed whenever C2 did not inline it (LearnerAllocationTest)
        final FloatVector zero = FloatVector.zero(FLOAT);
        final FloatVector one = FloatVector.broadcast(FLOAT, 1f);
        final FloatVector mLn2Hi = FloatVector.broadcast(FLOAT, -ExpNegAbs.LN2_HI);
        final FloatVector mLn2Lo = FloatVector.broadcast(FLOAT, -ExpNegAbs.LN2_LO);
        final FloatVector c2 = FloatVector.broadcast(FLOAT, ExpNegAbs.C2);
        final FloatVector c3 = FloatVector.broadcast(FLOAT, ExpNegAbs.C3);
        final FloatVector c4 = FloatVector.broadcast(FLOAT, ExpNegAbs.C4);
        final FloatVector c5 = FloatVector.broadcast(FLOAT, ExpNegAbs.C5);
        final FloatVector c6 = FloatVector.broadcast(FLOAT, ExpNegAbs.C6);
        final FloatVector c7 = FloatVector.broadcast(FLOAT, ExpNegAbs.C7);
        final IntVector bias = IntVector.broadcast(INT, 127);
        int j = 0;
        for (; j < upper; j += L) {
            FloatVector a = FloatVector.fromArray(FLOAT, x, j).lanewise(ABS);
            IntVector k = (IntVector) a.mul(ExpNegAbs.LOG2E).add(0.5f).convert(F2I, 0);
            FloatVector kf = (FloatVector) k.convert(I2F, 0);
            FloatVector r = kf.fma(mLn2Hi, a);
            FloatVector y = kf.fma(mLn2Lo, r).neg();
            FloatVector p = c7.fma(y, c6).fma(y, c5).fma(y, c4).fma(y, c3).fma(y, c2).fma(y, one).fma(y, one);
            FloatVector scale = bias.sub(k).lanewise(LSHL, 23).reinterpretAsFloats();
            FloatVector e = zero.blend(p.mul(scale), a.compare(LE, ExpNegAbs.LIMIT));
            e.intoArray(x, j);
        }
        for (; j < n; j++) {
            x[j] = ExpNegAbs.of(x[j]);
        }
    }

    @Override
    public int decayAdd(float a, float[] trace, float[] x, int n, int[] nz) {
        final int upper = FLOAT.loopBound(n);
        final FloatVector ba = FloatVector.broadcast(FLOAT, a);
        int count = 0;
        int j = 0;
        for (; j < upper; j += L) {
            FloatVector y = FloatVector.fromArray(FLOAT, trace, j).fma(ba, FloatVector.fromArray(FLOAT, x, j));
            y.intoArray(trace, j);
            long set = y.compare(NE, 0f).toLong();
            while (set != 0) {
                nz[count++] = j + Long.numberOfTrailingZeros(set);
                set &= set - 1;
            }
        }
        return ScalarFloatKernels.decayAddRange(a, trace, x, j, n, nz, count);
    }

    @Override
    public int lifStep(float a, float[] theta, float[] u, float[] v, float[] s, int[] nz, int n) {
        final int upper = FLOAT.loopBound(n);
        final FloatVector zero = FloatVector.zero(FLOAT);
        final FloatVector one = FloatVector.broadcast(FLOAT, 1f);
        final FloatVector ba = FloatVector.broadcast(FLOAT, a);
        int count = 0;
        int j = 0;
        for (; j < upper; j += L) {
            FloatVector x = FloatVector.fromArray(FLOAT, v, j).fma(ba, FloatVector.fromArray(FLOAT, u, j));
            x.intoArray(u, j);
            FloatVector th = FloatVector.fromArray(FLOAT, theta, j);
            VectorMask<Float> fire = x.compare(GE, th);
            zero.blend(one, fire).intoArray(s, j);
            x.sub(zero.blend(th, fire)).intoArray(v, j);
            long set = fire.toLong();
            while (set != 0) {
                nz[count++] = j + Long.numberOfTrailingZeros(set);
                set &= set - 1;
            }
        }
        return ScalarFloatKernels.lifRange(a, theta, u, v, s, j, n, nz, count);
    }

    @Override
    public int nonZeros(float[] x, int n, int[] nz) {
        final int upper = FLOAT.loopBound(n);
        int count = 0;
        int j = 0;
        for (; j < upper; j += L) {
            long set = FloatVector.fromArray(FLOAT, x, j).compare(NE, 0f).toLong();
            while (set != 0) {
                nz[count++] = j + Long.numberOfTrailingZeros(set);
                set &= set - 1;
            }
        }
        return ScalarFloatKernels.nonZerosRange(x, j, n, nz, count);
    }
}
