package io.neuroedge.runtime.learn;

/**
 * Dense synapses stored transposed, {@code [in][out]}: a non-zero input adds one contiguous weight
 * row to the current, and the gradient outer product writes contiguous rows for each non-zero
 * trace entry. Both are plain float loops that C2 vectorises; with sparse spikes they touch only
 * the active rows, which is what makes the learners fast.
 */
final class DenseOp implements LayerOp {

    private final int in;
    private final int out;

    DenseOp(int in, int out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public int inSize() {
        return in;
    }

    @Override
    public int outSize() {
        return out;
    }

    @Override
    public void forward(float[] w, float[] x, int[] nz, int nnz, float[] cur) {
        final int n = out;
        int k = 0;
        // four active binary inputs per pass: the current row is loaded and stored once for four
        // weight rows (the loop is bound by memory operations, not by additions)
        for (; k + 3 < nnz; k += 4) {
            int i0 = nz[k];
            int i1 = nz[k + 1];
            int i2 = nz[k + 2];
            int i3 = nz[k + 3];
            if (x[i0] != 1f || x[i1] != 1f || x[i2] != 1f || x[i3] != 1f) {
                break;
            }
            int b0 = i0 * n;
            int b1 = i1 * n;
            int b2 = i2 * n;
            int b3 = i3 * n;
            for (int j = 0; j < n; j++) {
                cur[j] += (w[b0 + j] + w[b1 + j]) + (w[b2 + j] + w[b3 + j]);
            }
        }
        for (; k < nnz; k++) {
            int i = nz[k];
            float v = x[i];
            int base = i * n;
            if (v == 1f) {
                for (int j = 0; j < n; j++) {
                    cur[j] += w[base + j];
                }
            } else {
                for (int j = 0; j < n; j++) {
                    cur[j] += v * w[base + j];
                }
            }
        }
    }

    @Override
    public void backwardInput(float[] w, float[] g, float[] gIn) {
        final int n = out;
        for (int i = 0; i < in; i++) {
            int base = i * n;
            float s = 0f;
            for (int j = 0; j < n; j++) {
                s += w[base + j] * g[j];
            }
            gIn[i] = s;
        }
    }

    @Override
    public void accumulateWeightGrad(float[] g, float[] x, int[] nz, int nnz, float[] gw) {
        final int n = out;
        for (int k = 0; k < nnz; k++) {
            int i = nz[k];
            float v = x[i];
            int base = i * n;
            for (int j = 0; j < n; j++) {
                gw[base + j] += v * g[j];
            }
        }
    }

    /** Model layout is row-major [out][in]. */
    @Override
    public float[] fromModelLayout(float[] w) {
        return transpose(w, out, in);
    }

    @Override
    public float[] toModelLayout(float[] w) {
        return transpose(w, in, out);
    }

    private static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = a[r * cols + c];
            }
        }
        return t;
    }
}
