package io.neuroedge.runtime.ondevice;

import io.neuroedge.runtime.program.DenseLayer;
import io.neuroedge.runtime.program.NeuronParams;
import io.neuroedge.runtime.program.Rounding;

import java.util.Arrays;

/**
 * One dense layer of the program that learns on device: the float masters of its real weights and
 * thresholds, the forward traces read from the engine each step, and the buffers its learning rule
 * asked for. All arrays are allocated here, once.
 */
final class LearnedLayer {

    final int index;
    final DenseLayer layer;
    final NeuronParams neurons;
    final int in;
    final int out;
    final boolean readout;
    final double alpha;
    final double inputUnit;
    final double[] unit;      // real value of one state unit, per row
    final float[] scale;
    final float[] master;     // real weights, [out][in]
    final double[] theta;     // real thresholds (hidden layers)
    final float[] inTrace;    // ŵ per input (float, as the host trainer's: the update runs on the float kernels)
    final byte[] quantized;   // one row's int8 weights while re-quantizing
    final double[] thTrace;   // θ̂ per neuron
    final byte[] prevSpikes;
    final double[] u;         // real pre-reset membrane of this step
    final double[] delta;
    final long driveBudget;   // largest allowed Σ|q|·inBound per row
    final float[] grad;       // PER_SAMPLE: ΔW of the sample; ACCUMULATED hidden: Σ_t φ(t)·ŵ(t)
    final double[] thGrad;    // PER_SAMPLE: Δθ; ACCUMULATED hidden: Σ_t φ(t)·(θ̂(t) − 1)
    final double[] inTraceSum; // ACCUMULATED readout: Σ_t ŵ(t)
    final double[] uSum;      // ACCUMULATED readout: Σ_t U(t)

    /**
     * @param buffers which of the rule's per-sample buffers this layer needs (sizes 0 when unused)
     */
    LearnedLayer(int index, DenseLayer layer, int inBound, double inputUnit, boolean readout,
                 LearningRule.Buffers buffers) {
        this.index = index;
        this.layer = layer;
        this.neurons = layer.neurons();
        this.in = layer.inFeatures();
        this.out = layer.outFeatures();
        this.readout = readout;
        this.alpha = neurons.model == NeuronParams.Model.IF ? 1.0
                : neurons.membraneLeakMultiplier / (double) (1 << neurons.membraneLeakShift);
        this.inputUnit = inputUnit;
        this.unit = new double[out];
        this.scale = new float[out];
        this.master = new float[in * out];
        this.theta = new double[out];
        this.inTrace = new float[in];
        this.quantized = new byte[in];
        this.thTrace = new double[out];
        this.prevSpikes = new byte[out];
        this.u = new double[out];
        this.delta = new double[out];
        this.driveBudget = (NeuronParams.STATE_MAX >> neurons.inputShift) / Math.max(1, inBound);
        this.grad = buffers.weightGradient() ? new float[in * out] : new float[0];
        this.thGrad = buffers.thresholdGradient() ? new double[out] : new double[0];
        this.inTraceSum = buffers.traceSums() ? new double[in] : new double[0];
        this.uSum = buffers.traceSums() ? new double[out] : new double[0];
        byte[] w = layer.weights();
        for (int j = 0; j < out; j++) {
            scale[j] = layer.weightScale(j);
            unit[j] = Rounding.stateUnit(scale[j], inputUnit, neurons.inputShift);
            theta[j] = readout ? 0 : neurons.threshold(j) * unit[j];
            for (int i = 0; i < in; i++) {
                master[j * in + i] = w[j * in + i] * scale[j];
            }
        }
    }

    long bytes() {
        return 4L * (master.length + grad.length + inTrace.length + quantized.length) + 4L * scale.length
                + 8L * (unit.length + theta.length + thTrace.length + u.length + delta.length + thGrad.length
                + inTraceSum.length + uSum.length) + prevSpikes.length;
    }

    /** Clears the traces and the per-sample sums at the start of a sample. */
    void beginSample() {
        Arrays.fill(inTrace, 0);
        Arrays.fill(thTrace, 0);
        Arrays.fill(prevSpikes, (byte) 0);
        Arrays.fill(grad, 0);
        Arrays.fill(thGrad, 0);
        Arrays.fill(inTraceSum, 0);
        Arrays.fill(uSum, 0);
    }

    /**
     * Traces from the previous step's spikes and this step's input, then this step's real membrane.
     *
     * @param x      this step's input spikes or counts
     * @param v      the engine's (post-reset) membrane of this layer
     * @param spikes this step's output spikes (unused for the readout)
     */
    void observe(byte[] x, int[] v, byte[] spikes) {
        double a = alpha;
        for (int i = 0; i < in; i++) {
            inTrace[i] = (float) (a * inTrace[i] + x[i] * inputUnit);
        }
        if (readout) {
            for (int j = 0; j < out; j++) {
                u[j] = v[j] * unit[j];
            }
            return;
        }
        int[] thr = neurons.thresholdArray();
        for (int j = 0; j < out; j++) {
            thTrace[j] = a * (thTrace[j] - prevSpikes[j]);
            // the engine keeps the post-reset membrane; a subtractive reset is undone exactly
            long pre = (long) v[j] + (spikes[j] != 0 ? thr[j] : 0);
            u[j] = pre * unit[j];
        }
    }
}
