package io.neuroedge.runtime.ondevice;

/** STOP with a per-step loss, summed over the sample and applied at its end (one float per weight). */
final class PerSampleStop extends StopRule {

    PerSampleStop(DeviceLearner.Options options, int outputs) {
        super(options, outputs);
    }

    @Override
    public Buffers buffers(boolean readout) {
        return new Buffers(true, !readout, false);
    }

    @Override
    public void afterStep(LearnedLayer[] layers, int label, int steps) {
        errors(layers, label, steps);
        for (LearnedLayer l : layers) {
            sum(l);
        }
    }

    /** Adds this step's δ ⊗ ŵ and δ·(θ̂ − 1) to the sample's gradients. */
    private void sum(LearnedLayer l) {
        for (int j = 0; j < l.out; j++) {
            double d = l.delta[j];
            if (d == 0) {
                continue;
            }
            FLOATS.axpy(-(float) d, l.inTrace, 0, l.grad, j * l.in, l.in);
            if (!l.readout && options.thresholdRate() > 0) {
                l.thGrad[j] += d * (l.thTrace[j] - 1);
            }
        }
    }

    /** The summed (negative) gradients of the sample go into the masters. */
    @Override
    public void endSample(LearnedLayer[] layers, int label, int steps) {
        double lr = options.learningRate();
        for (LearnedLayer l : layers) {
            for (int k = 0; k < l.grad.length; k++) {
                l.master[k] += (float) (lr * l.grad[k]);
            }
            for (int j = 0; j < l.thGrad.length; j++) {
                l.theta[j] = Math.max(THRESHOLD_MIN, l.theta[j] - options.thresholdRate() * l.thGrad[j]);
            }
        }
    }
}
