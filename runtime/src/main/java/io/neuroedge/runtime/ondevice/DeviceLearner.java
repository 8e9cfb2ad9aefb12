package io.neuroedge.runtime.ondevice;

import io.neuroedge.proto.program.DenseOp;
import io.neuroedge.proto.program.Layer;
import io.neuroedge.proto.program.NeuronPopulation;
import io.neuroedge.proto.program.ProgramBody;
import io.neuroedge.runtime.engine.Engine;
import io.neuroedge.runtime.program.DenseLayer;
import io.neuroedge.runtime.program.ExecutionPlan;
import io.neuroedge.runtime.simd.FloatKernels;
import io.neuroedge.runtime.simd.KernelProviders;
import io.neuroedge.runtime.program.NeuronParams;

import java.util.Arrays;

/**
 * STOP learning inside a running {@link Engine}: the trailing dense layers of the program (the
 * classifier; a conv front end stays fixed) learn their weights and, optionally, their
 * thresholds from labelled samples, online, on the very parameters inference uses.
 *
 * <p>How: the engine runs the fixed-point forward pass as always. After each step this learner
 * reads the step's spikes and membranes, converts them to real units with each row's scale, and
 * runs the STOP rule (docs/learning.md): forward traces per input and per neuron, the error of a
 * per-step cross-entropy on the readout's membrane, propagated back through the learned layers
 * within the step with the surrogate {@code exp(-|U - θ|)}. Updates go to float master copies of
 * the real weights and thresholds at every step (no O(S) gradient buffer: the masters are the only
 * synapse-sized memory). On a schedule (every {@code requantizeEvery} samples, between samples
 * when the engine's state is reset) the masters are rounded into the engine's int8 weights, scales
 * and integer thresholds: a row's scale grows when its weights outgrow int8 (the readout's rows
 * share one scale, because the readout compares membranes across outputs) and when its worst-case
 * drive would leave the bound the loader verified; thresholds are re-expressed in the new state
 * unit. So the exported program verifies by construction.
 *
 * <p>All memory is allocated in the constructor ({@link #learnerBytes()}); {@link #afterStep} does
 * not allocate. Confined to the engine's thread. The plan must be owned by this engine alone (load
 * a fresh plan for learning), because re-quantization writes into its weight arrays.
 */
public final class DeviceLearner {

    /** The process's float kernels (static final: C2 inlines the one implementation). */
    private static final FloatKernels FLOATS = KernelProviders.get().floats();

    /** When updates reach the masters. */
    public enum Schedule {
        /** At every step (no gradient buffer: the masters are the only synapse-sized memory). */
        ONLINE,
        /** Summed over the sample and applied at its end (one extra float per learned weight). */
        PER_SAMPLE
    }

    /** What the readout's cross-entropy is taken of. */
    public enum Loss {
        /** Each step's membrane: an error at every step. */
        PER_STEP,
        /**
         * The membrane averaged over the sample (the quantity the MEMBRANE_SUM readout decides on):
         * one error at the end, met by per-synapse eligibilities {@code Σ_t φ(t)·ŵ(t)} that do not
         * grow with T; needs the PER_SAMPLE schedule and at most one learned hidden layer.
         */
        ACCUMULATED
    }

    /**
     * @param learningRate      step size for weights (real units, per sample)
     * @param thresholdRate     step size for thresholds (0 = thresholds fixed: STOP-W)
     * @param requantizeEvery   samples between two re-quantizations into the engine
     * @param inputUnit         real value of one input count of the first learned layer when it reads
     *                          the program input (1 for spikes and events, 1/127 for intensities)
     */
    public record Options(double learningRate, double thresholdRate, int requantizeEvery, double inputUnit,
                          Schedule schedule, Loss loss) {
        public Options {
            if (!(learningRate > 0) || !(thresholdRate >= 0) || requantizeEvery < 1 || !(inputUnit > 0)) {
                throw new IllegalArgumentException("learning rate > 0, threshold rate >= 0, requantize every >= 1"
                        + " sample and input unit > 0 are required");
            }
            if (loss == Loss.ACCUMULATED && schedule != Schedule.PER_SAMPLE) {
                throw new IllegalArgumentException("a loss on the accumulated readout is known only at the end of a"
                        + " sample: it needs the PER_SAMPLE schedule");
            }
        }

        /** Online updates with a per-step loss. */
        public Options(double learningRate, double thresholdRate, int requantizeEvery, double inputUnit) {
            this(learningRate, thresholdRate, requantizeEvery, inputUnit, Schedule.ONLINE, Loss.PER_STEP);
        }

        public Options with(Schedule s, Loss l) {
            return new Options(learningRate, thresholdRate, requantizeEvery, inputUnit, s, l);
        }

        /**
         * Fine-tuning a trained program: weights and thresholds, re-quantized after every sample.
         * (Learning from scratch tolerates about five times larger rates.)
         */
        public static Options defaults() {
            return new Options(0.001, 0.0004, 1, 1);
        }
    }

    private static final double THRESHOLD_MIN = 1e-3;

    private final Engine engine;
    private final Options options;
    private final Learned[] layers;
    private final double[] softmax;
    private int steps;
    private int label = -1;
    private long samples;
    private long updates;
    private final long bytes;

    /** One learned dense layer: masters, traces and the per-step error. */
    private static final class Learned {
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

        Learned(int index, DenseLayer layer, int inBound, double inputUnit, boolean readout, Options options) {
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
            boolean accumulated = options.loss() == Loss.ACCUMULATED;
            boolean sampled = options.schedule() == Schedule.PER_SAMPLE;
            this.grad = sampled && !(accumulated && readout) ? new float[in * out] : new float[0];
            this.thGrad = sampled && !readout ? new double[out] : new double[0];
            this.inTraceSum = accumulated && readout ? new double[in] : new double[0];
            this.uSum = accumulated && readout ? new double[out] : new double[0];
            byte[] w = layer.weights();
            for (int j = 0; j < out; j++) {
                scale[j] = layer.weightScale(j);
                unit[j] = scale[j] * inputUnit / (double) (1L << neurons.inputShift);
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
    }

    /**
     * @param steps time steps per sample, used to average the per-step loss
     * @throws IllegalArgumentException if the program has no trailing dense layers ending in an LI
     *                                  readout, or a learned hidden layer does not reset by subtraction
     */
    public DeviceLearner(Engine engine, int steps, Options options) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps per sample must be >= 1, got " + steps);
        }
        this.engine = engine;
        this.options = options;
        this.steps = steps;
        ExecutionPlan plan = engine.plan();
        int last = plan.layers().size() - 1;
        if (!(plan.layers().get(last) instanceof DenseLayer readout) || readout.neurons().model != NeuronParams.Model.LI) {
            throw new IllegalArgumentException("on-device learning needs a dense LI readout as the last layer"
                    + " (a model from `neuroedge train`); program '" + plan.name() + "' ends in "
                    + plan.layers().get(last).name());
        }
        int first = last;
        while (first > 0 && plan.layers().get(first - 1) instanceof DenseLayer) {
            first--;
        }
        this.layers = new Learned[last - first + 1];
        if (options.loss() == Loss.ACCUMULATED && layers.length > 2) {
            throw new IllegalArgumentException("a loss on the accumulated readout supports the readout and one hidden"
                    + " layer; program '" + plan.name() + "' would learn " + layers.length + " layers");
        }
        long total = 0;
        for (int l = first; l <= last; l++) {
            DenseLayer d = (DenseLayer) plan.layers().get(l);
            if (d.isRecurrent()) {
                throw new IllegalArgumentException("layer '" + d.name() + "': recurrent layers cannot learn on device");
            }
            if (l < last && (!d.neurons().resetBySubtraction || d.neurons().model == NeuronParams.Model.CUBA_LIF)) {
                throw new IllegalArgumentException("layer '" + d.name() + "': on-device learning needs LIF/IF"
                        + " neurons that reset by subtraction");
            }
            int inBound = l == 0 ? plan.input().maxCount() : plan.layers().get(l - 1).outputBound();
            Learned learned = new Learned(l, d, inBound, l == 0 ? options.inputUnit() : 1.0, l == last, options);
            layers[l - first] = learned;
            total += learned.bytes();
        }
        this.softmax = new double[plan.outputSize()];
        this.bytes = total + 8L * softmax.length;
        beginSample();
    }

    /**
     * Steps per sample the per-step loss is averaged over, for streams whose windows change length
     * (the agent passes the length of the windows it sees).
     */
    public void setStepsPerSample(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps per sample must be >= 1, got " + steps);
        }
        this.steps = steps;
    }

    /** Bytes this learner allocated, all in the constructor. */
    public long learnerBytes() {
        return bytes;
    }

    /** Number of outputs (classes) of the readout. */
    public int outputs() {
        return softmax.length;
    }

    /** Samples seen (with a label) since construction. */
    public long samples() {
        return samples;
    }

    /** Re-quantizations into the engine so far. */
    public long updates() {
        return updates;
    }

    /** Clears the traces; call together with {@code engine.reset()} at the start of each sample. */
    public void beginSample() {
        for (Learned l : layers) {
            Arrays.fill(l.inTrace, 0);
            Arrays.fill(l.thTrace, 0);
            Arrays.fill(l.prevSpikes, (byte) 0);
            Arrays.fill(l.grad, 0);
            Arrays.fill(l.thGrad, 0);
            Arrays.fill(l.inTraceSum, 0);
            Arrays.fill(l.uSum, 0);
        }
    }

    /**
     * Learns from the step the engine has just taken.
     *
     * @param label the sample's class (0-based output index)
     */
    public void afterStep(int label) {
        if (label < 0 || label >= softmax.length) {
            throw new IllegalArgumentException("label " + label + " outside 0.." + (softmax.length - 1));
        }
        for (Learned l : layers) {
            traces(l);
        }
        Learned top = layers[layers.length - 1];
        this.label = label;
        if (options.loss() == Loss.ACCUMULATED) {
            accumulate();
            return;
        }
        outputError(top, label);
        for (int k = layers.length - 2; k >= 0; k--) {
            hiddenError(layers[k], layers[k + 1]);
        }
        for (Learned l : layers) {
            update(l);
        }
    }

    /** Ends a labelled sample; re-quantizes into the engine when the schedule says so. */
    public void endSample() {
        if (label >= 0 && options.schedule() == Schedule.PER_SAMPLE) {
            if (options.loss() == Loss.ACCUMULATED) {
                applyAccumulatedLoss();
            } else {
                applySampleGradients();
            }
        }
        label = -1;
        samples++;
        if (samples % options.requantizeEvery() == 0) {
            requantize();
        }
    }

    private byte[] inputOf(Learned l) {
        return l.index == 0 ? engine.input() : engine.layerOutput(l.index - 1);
    }

    /** Traces from the previous step's spikes and this step's input, then this step's real membrane. */
    private void traces(Learned l) {
        byte[] x = inputOf(l);
        double a = l.alpha;
        for (int i = 0; i < l.in; i++) {
            l.inTrace[i] = (float) (a * l.inTrace[i] + x[i] * l.inputUnit);
        }
        int[] v = engine.membrane(l.index);
        if (l.readout) {
            for (int j = 0; j < l.out; j++) {
                l.u[j] = v[j] * l.unit[j];
            }
            return;
        }
        byte[] s = engine.layerOutput(l.index);
        int[] thr = l.neurons.thresholdArray();
        for (int j = 0; j < l.out; j++) {
            l.thTrace[j] = a * (l.thTrace[j] - l.prevSpikes[j]);
            // the engine keeps the post-reset membrane; a subtractive reset is undone exactly
            long pre = (long) v[j] + (s[j] != 0 ? thr[j] : 0);
            l.u[j] = pre * l.unit[j];
        }
    }

    /** δ of the readout: softmax of its membrane minus the one-hot label, averaged over the steps. */
    private void outputError(Learned top, int label) {
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

    /** δ of a hidden layer: the next layer's error through its real weights, times the surrogate. */
    private static void hiddenError(Learned l, Learned next) {
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

    /** The spike's surrogate derivative, exp(−|U − θ|): the host trainer's default ({@code Surrogate.EXP}). */
    private static double surrogate(double x) {
        return Math.exp(-Math.abs(x));
    }

    /** Online STOP update of the masters: ΔW = δ ⊗ ŵ, Δθ = δ·(θ̂ − 1). */
    private void update(Learned l) {
        double lr = options.learningRate();
        for (int j = 0; j < l.out; j++) {
            double d = l.delta[j];
            if (d == 0) {
                continue;
            }
            boolean online = options.schedule() == Schedule.ONLINE;
            float[] target = online ? l.master : l.grad;
            float step = (float) (online ? lr * d : d);
            FLOATS.axpy(-step, l.inTrace, 0, target, j * l.in, l.in);
            if (!l.readout && options.thresholdRate() > 0) {
                if (online) {
                    l.theta[j] = Math.max(THRESHOLD_MIN, l.theta[j] - options.thresholdRate() * d * (l.thTrace[j] - 1));
                } else {
                    l.thGrad[j] += d * (l.thTrace[j] - 1);
                }
            }
        }
        if (!l.readout) {
            System.arraycopy(engine.layerOutput(l.index), 0, l.prevSpikes, 0, l.out);
        }
    }

    /** PER_SAMPLE: the summed (negative) gradients of the sample go into the masters. */
    private void applySampleGradients() {
        double lr = options.learningRate();
        for (Learned l : layers) {
            for (int k = 0; k < l.grad.length; k++) {
                l.master[k] += (float) (lr * l.grad[k]);
            }
            for (int j = 0; j < l.thGrad.length; j++) {
                l.theta[j] = Math.max(THRESHOLD_MIN, l.theta[j] - options.thresholdRate() * l.thGrad[j]);
            }
        }
    }

    /** ACCUMULATED: this step's contributions to the sums the end-of-sample gradient needs. */
    private void accumulate() {
        Learned top = layers[layers.length - 1];
        for (int k = 0; k < top.out; k++) {
            top.uSum[k] += top.u[k];
        }
        for (int i = 0; i < top.in; i++) {
            top.inTraceSum[i] += top.inTrace[i];
        }
        if (layers.length == 2) {
            Learned h = layers[0];
            for (int j = 0; j < h.out; j++) {
                double phi = surrogate(h.u[j] - h.theta[j]);
                int row = j * h.in;
                for (int i = 0; i < h.in; i++) {
                    h.grad[row + i] += (float) (phi * h.inTrace[i]);
                }
                h.thGrad[j] += phi * (h.thTrace[j] - 1);
            }
            System.arraycopy(engine.layerOutput(h.index), 0, h.prevSpikes, 0, h.out);
        }
    }

    /**
     * ACCUMULATED: g = softmax(mean U) − onehot is the error of every step's U (each enters the
     * mean with 1/T), so ΔW_out = g/T ⊗ Σŵ and, through the readout weights, ΔW_hidden =
     * (W_outᵀ g/T) ⊙ Σ φ·ŵ.
     */
    private void applyAccumulatedLoss() {
        Learned top = layers[layers.length - 1];
        int n = Math.max(1, steps);
        for (int k = 0; k < top.out; k++) {
            top.u[k] = top.uSum[k] / n;
        }
        outputError(top, label); // δ = (softmax(mean U) − onehot) / T
        double lr = options.learningRate();
        if (layers.length == 2) {
            Learned h = layers[0];
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

    /** Rounds the masters into the engine's int8 weights, scales and integer thresholds now. */
    public void requantize() {
        for (Learned l : layers) {
            if (l.readout) {
                float shared = 0;
                for (int j = 0; j < l.out; j++) {
                    shared = Math.max(shared, rowScale(l, j));
                }
                for (int j = 0; j < l.out; j++) {
                    l.scale[j] = shared;
                }
            } else {
                for (int j = 0; j < l.out; j++) {
                    l.scale[j] = rowScale(l, j);
                }
            }
            for (int j = 0; j < l.out; j++) {
                write(l, j);
            }
        }
        updates++;
    }

    /** The row's scale: kept unless its weights outgrow int8 or its drive the verified bound. */
    private static float rowScale(Learned l, int j) {
        int row = j * l.in;
        float max = 0;
        for (int i = 0; i < l.in; i++) {
            max = Math.max(max, Math.abs(l.master[row + i]));
        }
        float scale = Math.max(l.scale[j], max / 127f);
        for (long sum = quantizedL1(l, row, scale); sum > l.driveBudget; sum = quantizedL1(l, row, scale)) {
            scale *= 1.01f * sum / l.driveBudget;
        }
        return scale;
    }

    private static long quantizedL1(Learned l, int row, float scale) {
        float inv = 1f / scale;
        long sum = 0;
        for (int i = 0; i < l.in; i++) {
            sum += Math.min(127, Math.abs(Math.round(l.master[row + i] * inv)));
        }
        return sum;
    }

    /** Multiplies by the reciprocal scale (a division per weight made re-quantizing the slow part of learning). */
    private void write(Learned l, int j) {
        DenseLayer layer = l.layer;
        int row = j * l.in;
        float scale = l.scale[j];
        float inv = 1f / scale;
        layer.overwriteWeightScale(j, scale);
        byte[] q = l.quantized;
        for (int i = 0; i < l.in; i++) {
            q[i] = (byte) Math.max(-127, Math.min(127, Math.round(l.master[row + i] * inv)));
        }
        layer.overwriteWeightRow(j, q);
        l.unit[j] = scale * l.inputUnit / (double) (1L << l.neurons.inputShift);
        if (!l.readout) {
            long t = Math.round(l.theta[j] / l.unit[j]);
            l.neurons.overwriteThreshold(j, (int) Math.max(1, Math.min(NeuronParams.STATE_MAX, t)));
        }
    }

    /**
     * The learned program: {@code original} (the body the engine's plan was loaded from) with the
     * engine's current weights and thresholds. Seal it with {@code SpikePrograms.seal}.
     */
    public ProgramBody export(ProgramBody original) {
        ExecutionPlan plan = engine.plan();
        if (original.getLayersCount() != plan.layers().size()) {
            throw new IllegalArgumentException("the body has " + original.getLayersCount() + " layers, the engine's"
                    + " program " + plan.layers().size());
        }
        ProgramBody.Builder b = original.toBuilder();
        for (Learned l : layers) {
            Layer layer = original.getLayers(l.index);
            DenseOp.Builder dense = layer.getDense().toBuilder()
                    .setWeights(com.google.protobuf.ByteString.copyFrom(l.layer.weights())).clearWeightScale();
            for (int j = 0; j < l.out; j++) {
                dense.addWeightScale(l.layer.weightScale(j));
            }
            Layer.Builder lb = layer.toBuilder().setDense(dense);
            if (!l.readout) {
                NeuronPopulation.Builder pop = layer.getNeurons().toBuilder().clearThreshold();
                for (int t : l.neurons.thresholdArray()) {
                    pop.addThreshold(t);
                }
                lb.setNeurons(pop);
            }
            b.setLayers(l.index, lb);
        }
        b.setHeader(original.getHeader().toBuilder().setCreatedBy(original.getHeader().getCreatedBy()
                + " + on-device STOP, " + samples + " samples"));
        return b.build();
    }

    /** Layers that learn, by program layer index. */
    public int[] learnedLayers() {
        int[] out = new int[layers.length];
        for (int i = 0; i < layers.length; i++) {
            out[i] = layers[i].index;
        }
        return out;
    }
}
