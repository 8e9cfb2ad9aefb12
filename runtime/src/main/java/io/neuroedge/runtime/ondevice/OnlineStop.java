package io.neuroedge.runtime.ondevice;

/** STOP with a per-step loss whose updates reach the masters at every step (no gradient buffer). */
final class OnlineStop extends StopRule {

    OnlineStop(DeviceLearner.Options options, int outputs) {
        super(options, outputs);
    }

    @Override
    public Buffers buffers(boolean readout) {
        return new Buffers(false, false, false);
    }

    @Override
    public void afterStep(LearnedLayer[] layers, int label, int steps) {
        errors(layers, label, steps);
        for (LearnedLayer l : layers) {
            update(l);
        }
    }

    /** ΔW = δ ⊗ ŵ, Δθ = δ·(θ̂ − 1), straight into the masters. */
    private void update(LearnedLayer l) {
        double lr = options.learningRate();
        for (int j = 0; j < l.out; j++) {
            double d = l.delta[j];
            if (d == 0) {
                continue;
            }
            FLOATS.axpy(-(float) (lr * d), l.inTrace, 0, l.master, j * l.in, l.in);
            if (!l.readout && options.thresholdRate() > 0) {
                l.theta[j] = Math.max(THRESHOLD_MIN, l.theta[j] - options.thresholdRate() * d * (l.thTrace[j] - 1));
            }
        }
    }

    @Override
    public void endSample(LearnedLayer[] layers, int label, int steps) {
        // every update has reached the masters already
    }
}
