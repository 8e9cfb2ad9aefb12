package io.neuroedge.runtime.learn;

import static io.neuroedge.runtime.learn.LearnKernels.FLOAT_KERNELS;

import java.util.Arrays;

/**
 * Dense synapses in one of two layouts, chosen by shape so that the long dimension is the
 * contiguous one the vector kernels run along:
 * <ul>
 *   <li>input-major {@code [in][out]} (hidden layers): a non-zero input adds one contiguous weight
 *       row to the current, and the gradient updates one contiguous row per non-zero trace entry;
 *   <li>output-major {@code [out][in]}, the model's own layout, when there are fewer than
 *       {@value #NARROW_OUTPUTS} outputs (a readout's ten classes would fill no vector as rows):
 *       the gradient and the spatial error then run along the long input dimension, and the few
 *       output currents gather their active inputs.
 * </ul>
 * With sparse spikes both touch only the active entries, which is what makes the learners fast.
 */
final class DenseOp implements LayerOp {

    static final int NARROW_OUTPUTS = 32;

    private final int in;
    private final int out;
    private final boolean outputMajor;

    DenseOp(int in, int out) {
        this.in = in;
        this.out = out;
        this.outputMajor = out < NARROW_OUTPUTS;
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
        if (outputMajor) {
            for (int j = 0; j < out; j++) {
                int base = j * in;
                float s = 0f;
                for (int k = 0; k < nnz; k++) {
                    int i = nz[k];
                    s += w[base + i] * x[i];
                }
                cur[j] += s;
            }
            return;
        }
        if (allOnes(x, nz, nnz)) {
            FLOAT_KERNELS.addRows(w, nz, nnz, out, cur);
            return;
        }
        for (int k = 0; k < nnz; k++) {
            int i = nz[k];
            FLOAT_KERNELS.axpy(x[i], w, i * out, cur, 0, out);
        }
    }

    /** Spikes and rate-coded pixels are all 1: their rows are added without multiplications. */
    private static boolean allOnes(float[] x, int[] nz, int nnz) {
        for (int k = 0; k < nnz; k++) {
            if (x[nz[k]] != 1f) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void backwardInput(float[] w, float[] g, float[] gIn) {
        if (outputMajor) {
            Arrays.fill(gIn, 0, in, 0f);
            for (int j = 0; j < out; j++) {
                FLOAT_KERNELS.axpy(g[j], w, j * in, gIn, 0, in);
            }
        } else {
            FLOAT_KERNELS.matVec(w, in, out, g, gIn);
        }
    }

    @Override
    public void accumulateWeightGrad(float[] g, float[] x, int[] nz, int nnz, float[] gw) {
        if (outputMajor) {
            for (int j = 0; j < out; j++) {
                int base = j * in;
                float gj = g[j];
                for (int k = 0; k < nnz; k++) {
                    int i = nz[k];
                    gw[base + i] += gj * x[i];
                }
            }
            return;
        }
        for (int k = 0; k < nnz; k++) {
            int i = nz[k];
            FLOAT_KERNELS.axpy(x[i], g, 0, gw, i * out, out);
        }
    }

    /**
     * The weight gradient of several steps at once, {@code gw[j,i] += Σ_k g[k][j]·x[k][i]} (dense
     * {@code x}; all-zero input entries are skipped): each gradient row is loaded and stored once for
     * all of them.
     */
    void accumulateWeightGradBlock(float[][] g, float[][] x, int terms, float[] gw) {
        if (outputMajor) {
            FLOAT_KERNELS.rankUpdate(g, x, terms, out, in, gw);
        } else {
            FLOAT_KERNELS.rankUpdate(x, g, terms, in, out, gw);
        }
    }

    /** Model layout is row-major [out][in]. */
    @Override
    public float[] fromModelLayout(float[] w) {
        return outputMajor ? w.clone() : transpose(w, out, in);
    }

    @Override
    public float[] toModelLayout(float[] w) {
        return outputMajor ? w.clone() : transpose(w, in, out);
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
