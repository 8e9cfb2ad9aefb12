package io.neuroedge.runtime.engine;

import io.neuroedge.runtime.program.DenseLayer;
import io.neuroedge.runtime.simd.KernelProvider;

import java.util.Arrays;

/**
 * A dense (optionally recurrent) layer. Per step it lists the active inputs once, then either adds
 * the weight row of each active input (sparse path) or takes one dot product per output over all
 * inputs (dense path), whichever the input density favours.
 */
final class DenseRunner extends SynapticRunner {

    private final int in;
    private final int out;
    private final byte[] weights;
    private final byte[] weightsByInput;
    private final byte[] recurrent;
    private final byte[] recurrentByInput;
    private final int sparseLimit;
    private final int recurrentSparseLimit;
    private final int[] active;
    private final byte[] previousSpikes;
    private final int[] recurrentActive;
    private final int[] recurrentSums;

    DenseRunner(DenseLayer layer, KernelProvider kernels, EngineOptions options) {
        super(kernels, layer.neurons(), layer.outFeatures());
        this.in = layer.inFeatures();
        this.out = layer.outFeatures();
        this.weights = layer.weights();
        this.weightsByInput = layer.weightsByInput();
        this.recurrent = layer.recurrentWeights();
        this.recurrentByInput = layer.recurrentWeightsByInput();
        this.sparseLimit = options.denseSparseLimit(in, out);
        this.recurrentSparseLimit = options.denseSparseLimit(out, out);
        this.active = new int[in];
        boolean rec = layer.isRecurrent();
        this.previousSpikes = rec ? new byte[out] : null;
        this.recurrentActive = rec ? new int[out] : null;
        this.recurrentSums = rec ? new int[out] : null;
    }

    @Override
    byte[] run(byte[] x) {
        accumulate(x, in, weights, weightsByInput, active, sparseLimit, synaptic, false);
        if (recurrent != null) {
            accumulate(previousSpikes, out, recurrent, recurrentByInput, recurrentActive, recurrentSparseLimit,
                    recurrentSums, true);
        }
        neurons.step(kernels, synaptic);
        if (previousSpikes != null) {
            System.arraycopy(neurons.spikes, 0, previousSpikes, 0, out);
        }
        return neurons.spikes;
    }

    /** Computes {@code W x} into {@code sums}, or adds it to {@link #synaptic} when {@code add}. */
    private void accumulate(byte[] x, int n, byte[] w, byte[] wByInput, int[] idx, int limit, int[] sums, boolean add) {
        int nnz = kernels.nonZeroIndices(x, 0, n, idx);
        synapticOps += (long) nnz * out;
        if (nnz <= limit) {
            int[] target = add ? synaptic : sums;
            if (!add) {
                Arrays.fill(target, 0);
            }
            for (int i = 0; i < nnz; i++) {
                int j = idx[i];
                kernels.axpyI8(target, 0, wByInput, j * out, out, x[j]);
            }
        } else {
            kernels.gemvI8(w, 0, out, n, x, 0, sums, 0);
            if (add) {
                for (int k = 0; k < out; k++) {
                    synaptic[k] += sums[k];
                }
            }
        }
    }

    @Override
    void reset() {
        super.reset();
        if (previousSpikes != null) {
            Arrays.fill(previousSpikes, (byte) 0);
        }
    }

    @Override
    long allocatedBytes() {
        long bytes = super.allocatedBytes() + 4L * active.length;
        if (previousSpikes != null) {
            bytes += previousSpikes.length + 4L * recurrentActive.length + 4L * recurrentSums.length;
        }
        return bytes;
    }
}
