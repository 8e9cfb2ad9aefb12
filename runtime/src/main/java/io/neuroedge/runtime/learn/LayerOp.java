package io.neuroedge.runtime.learn;

/**
 * The synaptic part of one layer (no neuron state): forward current, the transposed product for the
 * spatial error, and the weight-gradient outer product. Shared by the STOP and BPTT learners and the
 * predictor so that all of them run the same arithmetic. Inputs come as a dense array plus the list
 * of its non-zero entries (spikes are sparse; zero entries contribute nothing).
 */
interface LayerOp {

    int inSize();

    int outSize();

    /** out[j] += Σ_i W_ji x_i over the non-zero inputs listed in nz[0..nnz). */
    void forward(float[] w, float[] x, int[] nz, int nnz, float[] out);

    /** gIn = Wᵀ g (gIn is overwritten). */
    void backwardInput(float[] w, float[] g, float[] gIn);

    /** gw[j,i] += g_j x_i, only over non-zero x (listed in nz). */
    void accumulateWeightGrad(float[] g, float[] x, int[] nz, int nnz, float[] gw);

    /**
     * Bytes of per-thread working buffers the op allocates on its first use in a thread (each
     * learner counts them with its own buffers).
     */
    default long scratchBytes() {
        return 0;
    }

    /** Weights in the internal layout from the model layout, and back. */
    default float[] fromModelLayout(float[] w) {
        return w.clone();
    }

    default float[] toModelLayout(float[] w) {
        return w.clone();
    }

    static LayerOp of(NetworkSpec.LayerSpec spec) {
        return switch (spec) {
            case NetworkSpec.Dense d -> new DenseOp(d.inputs(), d.outputs());
            case NetworkSpec.Conv c -> new ConvOp(c);
            case NetworkSpec.Pool p -> new PoolOp(p);
        };
    }
}
