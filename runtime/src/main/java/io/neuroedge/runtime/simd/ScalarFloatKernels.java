package io.neuroedge.runtime.simd;

/**
 * Plain loops: the fallback without the Vector API, and the reference the vector kernels are tested
 * against. Multiply-adds are fused like the vector lanes', so the spike and trace kernels agree with
 * them bit for bit; the vector kernels finish their tails here.
 */
final class ScalarFloatKernels implements FloatKernels {

    static final ScalarFloatKernels INSTANCE = new ScalarFloatKernels();

    private ScalarFloatKernels() {
    }

    @Override
    public void addRows(float[] w, int[] rows, int count, int n, float[] acc) {
        for (int k = 0; k < count; k++) {
            int base = rows[k] * n;
            for (int j = 0; j < n; j++) {
                acc[j] += w[base + j];
            }
        }
    }

    @Override
    public void axpy(float c, float[] x, int xOff, float[] acc, int accOff, int n) {
        for (int j = 0; j < n; j++) {
            acc[accOff + j] += c * x[xOff + j];
        }
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        float s = 0f;
        for (int j = 0; j < n; j++) {
            s += a[aOff + j] * b[bOff + j];
        }
        return s;
    }

    @Override
    public void matVec(float[] m, int rows, int n, float[] x, float[] out) {
        for (int i = 0; i < rows; i++) {
            int base = i * n;
            float s = 0f;
            for (int j = 0; j < n; j++) {
                s += m[base + j] * x[j];
            }
            out[i] = s;
        }
    }

    @Override
    public void decay(float a, float[] trace, float[] x, int n) {
        for (int j = 0; j < n; j++) {
            trace[j] = Math.fma(a, trace[j], x[j]);
        }
    }

    @Override
    public void decayDifference(float a, float[] trace, float[] x, int n) {
        for (int j = 0; j < n; j++) {
            trace[j] = a * (trace[j] - x[j]);
        }
    }

    @Override
    public void addProduct(float[] a, float[] b, float c, float[] acc, int n) {
        for (int j = 0; j < n; j++) {
            acc[j] += a[j] * (b[j] + c);
        }
    }

    @Override
    public void expSurrogateError(float[] u, float[] theta, float[] g, float[] delta, int n) {
        for (int j = 0; j < n; j++) {
            float d = g[j] * ExpNegAbs.of(u[j] - theta[j]);
            delta[j] = Math.abs(d) < TINY ? 0f : d;
        }
    }

    @Override
    public void rankUpdate(float[][] c, float[][] d, int terms, int rows, int n, float[] m) {
        for (int i = 0; i < rows; i++) {
            int base = i * n;
            for (int k = 0; k < terms; k++) {
                float ck = c[k][i];
                if (ck != 0f) {
                    float[] dk = d[k];
                    for (int j = 0; j < n; j++) {
                        m[base + j] += ck * dk[j];
                    }
                }
            }
        }
    }

    @Override
    public void correlate(float[] a, int rows, int depth, float[] b, int[] bOff, float[] out, int outStride, int n) {
        for (int r = 0; r < rows; r++) {
            int o = r * outStride;
            for (int q = 0; q < depth; q++) {
                float c = a[r * depth + q];
                int bo = bOff[q];
                for (int p = 0; p < n; p++) {
                    out[o + p] += c * b[bo + p];
                }
            }
        }
    }

    @Override
    public void correlateGrad(float[] g, int rows, int gStride, float[] b, int[] bOff, int depth, int n, float[] m) {
        for (int r = 0; r < rows; r++) {
            int go = r * gStride;
            for (int q = 0; q < depth; q++) {
                int bo = bOff[q];
                float s = 0f;
                for (int p = 0; p < n; p++) {
                    s += g[go + p] * b[bo + p];
                }
                m[r * depth + q] += s;
            }
        }
    }

    @Override
    public void expNegAbs(float[] x, int n) {
        for (int j = 0; j < n; j++) {
            x[j] = ExpNegAbs.of(x[j]);
        }
    }

    @Override
    public int decayAdd(float a, float[] trace, float[] x, int n, int[] nz) {
        return decayAddRange(a, trace, x, 0, n, nz, 0);
    }

    /** decayAdd over [from, n), appending to nz after count; also the vector kernel's tail. */
    static int decayAddRange(float a, float[] trace, float[] x, int from, int n, int[] nz, int count) {
        for (int j = from; j < n; j++) {
            float y = Math.fma(a, trace[j], x[j]);
            trace[j] = y;
            if (y != 0f) {
                nz[count++] = j;
            }
        }
        return count;
    }

    @Override
    public int lifStep(float a, float[] theta, float[] u, float[] v, float[] s, int[] nz, int n) {
        return lifRange(a, theta, u, v, s, 0, n, nz, 0);
    }

    /** lifStep over neurons [from, n), appending to nz after count; also the vector kernel's tail. */
    static int lifRange(float a, float[] theta, float[] u, float[] v, float[] s, int from, int n, int[] nz, int count) {
        for (int j = from; j < n; j++) {
            float x = Math.fma(a, v[j], u[j]);
            u[j] = x;
            float th = theta[j];
            boolean fire = x >= th;
            s[j] = fire ? 1f : 0f;
            v[j] = fire ? x - th : x;
            if (fire) {
                nz[count++] = j;
            }
        }
        return count;
    }

    @Override
    public int nonZeros(float[] x, int n, int[] nz) {
        return nonZerosRange(x, 0, n, nz, 0);
    }

    /** nonZeros over [from, n), appending to nz after count; also the vector kernel's tail. */
    static int nonZerosRange(float[] x, int from, int n, int[] nz, int count) {
        for (int j = from; j < n; j++) {
            if (x[j] != 0f) {
                nz[count++] = j;
            }
        }
        return count;
    }
}
