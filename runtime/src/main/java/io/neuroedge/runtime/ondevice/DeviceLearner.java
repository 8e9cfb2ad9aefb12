package io.neuroedge.runtime.ondevice;

import io.neuroedge.proto.program.ProgramBody;
import io.neuroedge.runtime.engine.Engine;
import io.neuroedge.runtime.program.DenseLayer;
import io.neuroedge.runtime.program.ExecutionPlan;
import io.neuroedge.runtime.program.LearnedBody;
import io.neuroedge.runtime.program.NeuronParams;

/**
 * STOP learning inside a running {@link Engine}: the trailing dense layers of the program (the
 * classifier; a conv front end stays fixed) learn their weights and, optionally, their
 * thresholds from labelled samples, online, on the very parameters inference uses.
 *
 * <p>How: the engine runs the fixed-point forward pass as always. After each step this learner
 * reads the step's spikes and membranes into each {@link LearnedLayer}'s traces, in real units
 * with each row's scale, and hands them to its {@link LearningRule}: STOP (docs/learning.md), whose
 * error is a cross-entropy on the readout's membrane propagated back through the learned layers
 * within the step with the host trainer's surrogate {@code exp(-|U - θ|)}, one class per schedule
 * and loss ({@link OnlineStop}, {@link PerSampleStop}, {@link AccumulatedStop}). Updates go to float
 * master copies of the real weights and thresholds. On a schedule (every {@code requantizeEvery}
 * samples, between samples when the engine's state is reset) the {@link Requantizer} rounds the
 * masters into the engine's int8 weights, scales and integer thresholds so that the program still
 * verifies; {@link #export} writes them into a program body ({@code LearnedBody}).
 *
 * <p>All memory is allocated in the constructor ({@link #learnerBytes()}); {@link #afterStep} does
 * not allocate. Confined to the engine's thread. The plan must be owned by this engine alone (load
 * a fresh plan for learning), because re-quantization writes into its weight arrays.
 */
public final class DeviceLearner {

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

    private final Engine engine;
    private final int requantizeEvery;
    private final LearningRule rule;
    private final LearnedLayer[] layers;
    private final int outputs;
    private int steps;
    private int label = -1;
    private long samples;
    private long updates;
    private final long bytes;

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
        this.requantizeEvery = options.requantizeEvery();
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
        this.outputs = plan.outputSize();
        this.rule = StopRule.of(options, outputs);
        this.layers = new LearnedLayer[last - first + 1];
        rule.check(layers.length, plan.name());
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
            LearnedLayer learned = new LearnedLayer(l, d, inBound, l == 0 ? options.inputUnit() : 1.0, l == last,
                    rule.buffers(l == last));
            layers[l - first] = learned;
            total += learned.bytes();
        }
        this.bytes = total + rule.bytes();
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
        return outputs;
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
        for (LearnedLayer l : layers) {
            l.beginSample();
        }
    }

    /**
     * Learns from the step the engine has just taken.
     *
     * @param label the sample's class (0-based output index)
     */
    public void afterStep(int label) {
        if (label < 0 || label >= outputs) {
            throw new IllegalArgumentException("label " + label + " outside 0.." + (outputs - 1));
        }
        for (LearnedLayer l : layers) {
            l.observe(inputOf(l), engine.membrane(l.index), l.readout ? null : engine.layerOutput(l.index));
        }
        this.label = label;
        rule.afterStep(layers, label, steps);
        for (LearnedLayer l : layers) {
            if (!l.readout) {
                System.arraycopy(engine.layerOutput(l.index), 0, l.prevSpikes, 0, l.out);
            }
        }
    }

    /** Ends a labelled sample; re-quantizes into the engine when the schedule says so. */
    public void endSample() {
        if (label >= 0) {
            rule.endSample(layers, label, steps);
        }
        label = -1;
        samples++;
        if (samples % requantizeEvery == 0) {
            requantize();
        }
    }

    private byte[] inputOf(LearnedLayer l) {
        return l.index == 0 ? engine.input() : engine.layerOutput(l.index - 1);
    }

    /** Rounds the masters into the engine's int8 weights, scales and integer thresholds now. */
    public void requantize() {
        Requantizer.requantize(layers);
        updates++;
    }

    /**
     * The learned program: {@code original} (the body the engine's plan was loaded from) with the
     * engine's current weights and thresholds. Seal it with {@code SpikePrograms.seal}.
     */
    public ProgramBody export(ProgramBody original) {
        return LearnedBody.of(original, engine.plan(), learnedLayers(),
                "on-device " + rule.name() + ", " + samples + " samples");
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
