package io.neuroedge.runtime.ondevice;

import io.neuroedge.runtime.learn.Surrogate;
import io.neuroedge.runtime.simd.FloatKernels;
import io.neuroedge.runtime.simd.KernelProviders;

import java.util.Arrays;

/**
 * What every STOP schedule shares (docs/learning.md): the error of a cross-entropy on the readout's
 * membrane, propagated back through the learned layers within the step with the surrogate
 * derivative. Subclasses decide when the updates reach the masters.
 */
abstract class StopRule implements LearningRule {

    /** The process's float kernels (static final: C2 inlines the one implementation). */
    static final FloatKernels FLOATS = KernelProviders.get().floats();

    static final double THRESHOLD_MIN = 1e-3;

    final DeviceLearner.Options options;
    private final double[] softmax;

    StopRule(DeviceLearner.Options options, int outputs) {
        this.options = options;
        this.softmax = new double[outputs];
    }

    /** The STOP rule for the options' schedule and loss. */
    static StopRule of(DeviceLearner.Options options, int outputs) {
        if (options.loss() == DeviceLearner.Loss.ACCUMULATED) {
            return new AccumulatedStop(options, outputs);
        }
        return options.schedule() == DeviceLearner.Schedule.ONLINE
                ? new OnlineStop(options, outputs) : new PerSampleStop(options, outputs);
    }

    @Override
    public String name() {
        return "STOP";
    }

    @Override
    public long bytes() {
        return 8L * softmax.length;
    }

    /** δ of the readout: softmax of its membrane minus the one-hot label, averaged over the steps. */
    final void outputError(LearnedLayer top, int label, int steps) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < top.out; k++) {
            max = Math.max(max, top.u[k]);
        }
        double sum = 0;
        for (int k = 0; k < top.out; k++) {
            softmax[k] = Math.exp(top.u[k] - max);
            sum += softmax[k];
        }
        for (int k = 0; k < top.out; k++) {
            top.delta[k] = (softmax[k] / sum - (k == label ? 1 : 0)) / steps;
        }
    }

    /** δ of every learned layer for this step: the readout's, then back through the hidden ones. */
    final void errors(LearnedLayer[] layers, int label, int steps) {
        outputError(layers[layers.length - 1], label, steps);
        for (int k = layers.length - 2; k >= 0; k--) {
            hiddenError(layers[k], layers[k + 1]);
        }
    }

    /** δ of a hidden layer: the next layer's error through its real weights, times the surrogate. */
    private static void hiddenError(LearnedLayer l, LearnedLayer next) {
        Arrays.fill(l.delta, 0);
        for (int k = 0; k < next.out; k++) {
            double dk = next.delta[k];
            if (dk == 0) {
                continue;
            }
            int row = k * next.in;
            for (int j = 0; j < l.out; j++) {
                l.delta[j] += dk * next.master[row + j];
            }
        }
        for (int j = 0; j < l.out; j++) {
            l.delta[j] *= surrogate(l.u[j] - l.theta[j]);
        }
    }

    /** The spike's surrogate derivative, exp(−|U − θ|): the host trainer's ({@link Surrogate#EXP}). */
    static double surrogate(double x) {
        return Surrogate.expNegAbs(x);
    }
}
