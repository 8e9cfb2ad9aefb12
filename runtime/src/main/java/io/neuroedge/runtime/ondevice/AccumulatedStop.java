package io.neuroedge.runtime.ondevice;

/**
 * STOP with the cross-entropy taken of the membrane averaged over the sample (the quantity the
 * MEMBRANE_SUM readout decides on): one error at the end, met by per-synapse eligibilities
 * {@code Σ_t φ(t)·ŵ(t)} that do not grow with T. Learns the readout and at most one hidden layer.
 */
final class AccumulatedStop extends StopRule {

    AccumulatedStop(DeviceLearner.Options options, int outputs) {
        super(options, outputs);
    }

    @Override
    public Buffers buffers(boolean readout) {
        return new Buffers(!readout, !readout, readout);
    }

    @Override
    public void check(int learnedLayers, String program) {
        if (learnedLayers > 2) {
            throw new IllegalArgumentException("a loss on the accumulated readout supports the readout and one hidden"
                    + " layer; program '" + program + "' would learn " + learnedLayers + " layers");
        }
    }

    /** This step's contributions to the sums the end-of-sample gradient needs. */
    @Override
    public void afterStep(LearnedLayer[] layers, int label, int steps) {
        LearnedLayer top = layers[layers.length - 1];
        for (int k = 0; k < top.out; k++) {
            top.uSum[k] += top.u[k];
        }
        for (int i = 0; i < top.in; i++) {
            top.inTraceSum[i] += top.inTrace[i];
        }
        if (layers.length == 2) {
            LearnedLayer h = layers[0];
            for (int j = 0; j < h.out; j++) {
                double phi = surrogate(h.u[j] - h.theta[j]);
                int row = j * h.in;
                for (int i = 0; i < h.in; i++) {
                    h.grad[row + i] += (float) (phi * h.inTrace[i]);
                }
                h.thGrad[j] += phi * (h.thTrace[j] - 1);
            }
        }
    }

    /**
     * g = softmax(mean U) − onehot is the error of every step's U (each enters the mean with 1/T),
     * so ΔW_out = g/T ⊗ Σŵ and, through the readout weights, ΔW_hidden = (W_outᵀ g/T) ⊙ Σ φ·ŵ.
     */
    @Override
    public void endSample(LearnedLayer[] layers, int label, int steps) {
        LearnedLayer top = layers[layers.length - 1];
        int n = Math.max(1, steps);
        for (int k = 0; k < top.out; k++) {
            top.u[k] = top.uSum[k] / n;
        }
        outputError(top, label, steps); // δ = (softmax(mean U) − onehot) / T
        double lr = options.learningRate();
        if (layers.length == 2) {
            LearnedLayer h = layers[0];
            for (int j = 0; j < h.out; j++) {
                double back = 0;
                for (int k = 0; k < top.out; k++) {
                    back += top.delta[k] * top.master[k * top.in + j];
                }
                int row = j * h.in;
                for (int i = 0; i < h.in; i++) {
                    h.master[row + i] -= (float) (lr * back * h.grad[row + i]);
                }
                if (options.thresholdRate() > 0) {
                    h.theta[j] = Math.max(THRESHOLD_MIN, h.theta[j] - options.thresholdRate() * back * h.thGrad[j]);
                }
            }
        }
        for (int k = 0; k < top.out; k++) {
            double d = top.delta[k];
            int row = k * top.in;
            for (int i = 0; i < top.in; i++) {
                top.master[row + i] -= (float) (lr * d * top.inTraceSum[i]);
            }
        }
    }
}
