package io.neuroedge.runtime.learn;

import io.neuroedge.proto.model.ConvWeights;
import io.neuroedge.proto.model.DenseWeights;
import io.neuroedge.proto.model.InputEncoding;
import io.neuroedge.proto.model.ModelLayer;
import io.neuroedge.proto.model.ModelShape;
import io.neuroedge.proto.model.Neurons;
import io.neuroedge.proto.model.SumPool;
import io.neuroedge.proto.model.TrainedModel;
import io.neuroedge.proto.model.TrainingInfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The trainable float parameters of a spiking network: per layer the weights, the thresholds θ
 * (per neuron for dense, per output channel for conv; none for pools and the readout) and one leak
 * α. Every spiking layer is LIF with soft reset, the last layer a non-spiking leaky readout
 * (trained_model.proto). Mutable: the trainer updates the arrays in place between batches, learners
 * only read them.
 */
public final class FloatNetwork {

    /** File-format constants of trained_model.proto. */
    public static final int MAGIC = 0x4E454D31;
    public static final int FORMAT_VERSION = 1;

    /** What a parameter tensor holds. */
    public enum Kind { WEIGHTS, THRESHOLD, ALPHA }

    /** One parameter tensor; {@code data} is the live array (internal layout). */
    public record Tensor(String name, int layer, Kind kind, float[] data) {
    }

    private final NetworkSpec spec;
    final LayerOp[] ops;
    final float[][] weights;
    final float[][] theta;
    final float[][] alpha;
    /** Spiking layers without leak (IF): α is 1 and never learned. */
    final boolean[] integrateAndFire;
    /** Neurons sharing one threshold (1 for dense, H·W for conv), 0 for pool. */
    final int[] thetaPlane;
    private final List<Tensor> tensors;

    private FloatNetwork(NetworkSpec spec) {
        this.spec = spec;
        int n = spec.layers().size();
        ops = new LayerOp[n];
        weights = new float[n][];
        theta = new float[n][];
        alpha = new float[n][];
        integrateAndFire = new boolean[n];
        thetaPlane = new int[n];
        for (int l = 0; l < n; l++) {
            NetworkSpec.LayerSpec ls = spec.layers().get(l);
            ops[l] = LayerOp.of(ls);
            boolean readout = l == n - 1;
            switch (ls) {
                case NetworkSpec.Dense d -> {
                    weights[l] = new float[Math.multiplyExact(d.inputs(), d.outputs())];
                    thetaPlane[l] = 1;
                    if (!readout) {
                        theta[l] = new float[d.outputs()];
                    }
                    alpha[l] = new float[1];
                }
                case NetworkSpec.Conv c -> {
                    weights[l] = new float[c.outChannels() * c.inChannels() * c.kernel() * c.kernel()];
                    thetaPlane[l] = c.out().height() * c.out().width();
                    theta[l] = new float[c.outChannels()];
                    alpha[l] = new float[1];
                }
                case NetworkSpec.Pool p -> thetaPlane[l] = 0;
            }
        }
        List<Tensor> t = new ArrayList<>();
        for (int l = 0; l < n; l++) {
            if (weights[l] != null) {
                t.add(new Tensor("layer" + l + ".weights", l, Kind.WEIGHTS, weights[l]));
            }
            if (theta[l] != null) {
                t.add(new Tensor("layer" + l + ".threshold", l, Kind.THRESHOLD, theta[l]));
            }
            if (alpha[l] != null) {
                t.add(new Tensor("layer" + l + ".alpha", l, Kind.ALPHA, alpha[l]));
            }
        }
        tensors = List.copyOf(t);
    }

    /**
     * Seeded initialisation like stop_reference.py: weights randn·sqrt(1/fan_in) (fan_in = inputs of
     * a dense layer, in_channels·k² of a conv), θ = 1, α = 0.9.
     */
    public static FloatNetwork initialize(NetworkSpec spec, long seed) {
        FloatNetwork net = new FloatNetwork(spec);
        Random rnd = new Random(seed);
        for (int l = 0; l < net.ops.length; l++) {
            NetworkSpec.LayerSpec ls = spec.layers().get(l);
            if (net.weights[l] == null) {
                continue;
            }
            int fanIn = switch (ls) {
                case NetworkSpec.Dense d -> d.inputs();
                case NetworkSpec.Conv c -> c.inChannels() * c.kernel() * c.kernel();
                case NetworkSpec.Pool p -> 1;
            };
            double scale = Math.sqrt(1.0 / fanIn);
            float[] w = new float[net.weights[l].length];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (rnd.nextGaussian() * scale);
            }
            System.arraycopy(net.ops[l].fromModelLayout(w), 0, net.weights[l], 0, w.length);
            if (net.theta[l] != null) {
                Arrays.fill(net.theta[l], 1f);
            }
            net.alpha[l][0] = 0.9f;
        }
        return net;
    }

    public static FloatNetwork initialize(String spec, long seed) {
        return initialize(NetworkSpec.parse(spec), seed);
    }

    public NetworkSpec spec() {
        return spec;
    }

    public int layerCount() {
        return ops.length;
    }

    /** Parameter tensors in a fixed order (layer, then weights/threshold/alpha); live arrays. */
    public List<Tensor> tensors() {
        return tensors;
    }

    /** Weights of a layer in the model layout (dense [out][in], conv [out][in][k][k]); a copy. */
    public float[] weights(int layer) {
        return weights[layer] == null ? new float[0] : ops[layer].toModelLayout(weights[layer]);
    }

    /** Replaces a layer's weights, given in the model layout. */
    public void setWeights(int layer, float[] modelLayout) {
        if (weights[layer] == null || modelLayout.length != weights[layer].length) {
            throw new IllegalArgumentException("layer " + layer + " expects " + (weights[layer] == null ? 0 : weights[layer].length) + " weights, got " + modelLayout.length);
        }
        System.arraycopy(ops[layer].fromModelLayout(modelLayout), 0, weights[layer], 0, modelLayout.length);
    }

    /** Thresholds of a layer (live array; empty for pool and readout). */
    public float[] thresholds(int layer) {
        return theta[layer] == null ? new float[0] : theta[layer];
    }

    /** Leak of a layer (NaN for pool). */
    public float alpha(int layer) {
        return alpha[layer] == null ? Float.NaN : alpha[layer][0];
    }

    public void setAlpha(int layer, float a) {
        if (alpha[layer] == null) {
            throw new IllegalArgumentException("layer " + layer + " is a pool and has no leak");
        }
        alpha[layer][0] = a;
    }

    /**
     * Makes every spiking layer an integrate-and-fire layer: α = 1 (no leak), never learned. The
     * readout keeps its leak.
     */
    public FloatNetwork integrateAndFire() {
        int last = ops.length - 1;
        for (int l = 0; l < last; l++) {
            if (alpha[l] != null) {
                alpha[l][0] = 1f;
                integrateAndFire[l] = true;
            }
        }
        return this;
    }

    /** Whether layer {@code l} is IF (α fixed at 1). */
    public boolean isIntegrateAndFire(int l) {
        return integrateAndFire[l];
    }

    /** Deep copy. */
    public FloatNetwork copy() {
        FloatNetwork c = new FloatNetwork(spec);
        System.arraycopy(integrateAndFire, 0, c.integrateAndFire, 0, integrateAndFire.length);
        for (int i = 0; i < tensors.size(); i++) {
            System.arraycopy(tensors.get(i).data(), 0, c.tensors.get(i).data(), 0, tensors.get(i).data().length);
        }
        return c;
    }

    /** Exact equality of all parameters (bit patterns). */
    public boolean sameParameters(FloatNetwork o) {
        if (!spec.text().equals(o.spec.text())) {
            return false;
        }
        for (int i = 0; i < tensors.size(); i++) {
            if (!Arrays.equals(tensors.get(i).data(), o.tensors.get(i).data())) {
                return false;
            }
        }
        return true;
    }

    /** The model file content; {@code training} and {@code labels} may be null/empty. */
    public TrainedModel toModel(InputEncoding encoding, int timeSteps, TrainingInfo training, List<String> labels) {
        NetworkSpec.Dims in = spec.input();
        TrainedModel.Builder b = TrainedModel.newBuilder()
                .setMagic(MAGIC)
                .setFormatVersion(FORMAT_VERSION)
                .setArchitecture(spec.text())
                .setInput(ModelShape.newBuilder().setChannels(in.channels()).setHeight(in.height()).setWidth(in.width()))
                .setEncoding(encoding)
                .setTimeSteps(timeSteps);
        if (training != null) {
            b.setTraining(training);
        }
        if (labels != null) {
            b.addAllLabels(labels);
        }
        int last = ops.length - 1;
        for (int l = 0; l < ops.length; l++) {
            ModelLayer.Builder lb = ModelLayer.newBuilder();
            switch (spec.layers().get(l)) {
                case NetworkSpec.Dense d -> lb.setDense(DenseWeights.newBuilder().setInputs(d.inputs()).setOutputs(d.outputs())
                        .addAllWeights(boxed(weights(l))));
                case NetworkSpec.Conv c -> lb.setConv(ConvWeights.newBuilder().setInChannels(c.inChannels())
                        .setOutChannels(c.outChannels()).setKernel(c.kernel()).setStride(c.stride()).setPadding(c.padding())
                        .addAllWeights(boxed(weights(l))));
                case NetworkSpec.Pool p -> lb.setPool(SumPool.newBuilder().setKernel(p.kernel()));
            }
            if (alpha[l] != null) {
                Neurons.Builder nb = Neurons.newBuilder()
                        .setKind(l == last ? Neurons.Kind.LEAKY_READOUT
                                : integrateAndFire[l] ? Neurons.Kind.IF_SOFT_RESET : Neurons.Kind.LIF_SOFT_RESET)
                        .setAlpha(alpha[l][0]);
                if (theta[l] != null) {
                    nb.addAllThreshold(boxed(theta[l]));
                }
                lb.setNeurons(nb);
            }
            b.addLayers(lb);
        }
        return b.build();
    }

    /** Rebuilds a network from a model file, checking it against its own architecture string. */
    public static FloatNetwork fromModel(TrainedModel m) {
        if (m.getMagic() != MAGIC) {
            throw new IllegalArgumentException(String.format("not a NeuroEdge model: magic 0x%08X, expected 0x%08X", m.getMagic(), MAGIC));
        }
        if (m.getFormatVersion() != FORMAT_VERSION) {
            throw new IllegalArgumentException("unsupported model format version " + m.getFormatVersion() + " (this runtime reads " + FORMAT_VERSION + ")");
        }
        NetworkSpec spec = NetworkSpec.parse(m.getArchitecture());
        NetworkSpec.Dims in = spec.input();
        ModelShape ms = m.getInput();
        if (ms.getChannels() != in.channels() || ms.getHeight() != in.height() || ms.getWidth() != in.width()) {
            throw new IllegalArgumentException("model input " + ms.getChannels() + "x" + ms.getHeight() + "x" + ms.getWidth()
                    + " does not match architecture '" + spec.text() + "' (" + in + ")");
        }
        if (m.getLayersCount() != spec.layers().size()) {
            throw new IllegalArgumentException("model has " + m.getLayersCount() + " layers, architecture '" + spec.text() + "' has " + spec.layers().size());
        }
        FloatNetwork net = new FloatNetwork(spec);
        int last = spec.layers().size() - 1;
        for (int l = 0; l <= last; l++) {
            ModelLayer ml = m.getLayers(l);
            String where = "model layer " + l + ": ";
            switch (spec.layers().get(l)) {
                case NetworkSpec.Dense d -> {
                    if (!ml.hasDense() || ml.getDense().getInputs() != d.inputs() || ml.getDense().getOutputs() != d.outputs()) {
                        throw new IllegalArgumentException(where + "expected dense " + d.inputs() + "->" + d.outputs());
                    }
                    net.setWeights(l, unboxed(ml.getDense().getWeightsList(), net.weights[l].length, where + "weights"));
                }
                case NetworkSpec.Conv c -> {
                    ConvWeights cw = ml.getConv();
                    if (!ml.hasConv() || cw.getInChannels() != c.inChannels() || cw.getOutChannels() != c.outChannels()
                            || cw.getKernel() != c.kernel() || cw.getStride() != c.stride() || cw.getPadding() != c.padding()) {
                        throw new IllegalArgumentException(where + "expected conv " + c);
                    }
                    net.setWeights(l, unboxed(cw.getWeightsList(), net.weights[l].length, where + "weights"));
                }
                case NetworkSpec.Pool p -> {
                    if (!ml.hasPool() || ml.getPool().getKernel() != p.kernel()) {
                        throw new IllegalArgumentException(where + "expected sum pool " + p.kernel());
                    }
                    if (ml.hasNeurons()) {
                        throw new IllegalArgumentException(where + "a pool layer has no neurons");
                    }
                }
            }
            if (net.alpha[l] != null) {
                if (!ml.hasNeurons()) {
                    throw new IllegalArgumentException(where + "missing neurons");
                }
                Neurons nr = ml.getNeurons();
                boolean integrate = l != last && nr.getKind() == Neurons.Kind.IF_SOFT_RESET;
                Neurons.Kind want = l == last ? Neurons.Kind.LEAKY_READOUT : Neurons.Kind.LIF_SOFT_RESET;
                if (nr.getKind() != want && !integrate) {
                    throw new IllegalArgumentException(where + "neuron kind " + nr.getKind() + ", expected " + want
                            + (l == last ? "" : " or IF_SOFT_RESET"));
                }
                float a = nr.getAlpha();
                if (integrate ? a != 1f : !(a >= 0f && a < 1f)) {
                    throw new IllegalArgumentException(where + "alpha " + a + (integrate ? " of an IF layer must be 1"
                            : " outside [0, 1)"));
                }
                net.integrateAndFire[l] = integrate;
                net.alpha[l][0] = a;
                if (net.theta[l] == null) {
                    if (nr.getThresholdCount() != 0) {
                        throw new IllegalArgumentException(where + "a readout has no thresholds, got " + nr.getThresholdCount());
                    }
                } else {
                    float[] th = unboxed(nr.getThresholdList(), net.theta[l].length, where + "thresholds");
                    for (float v : th) {
                        if (!(v > 0f) || Float.isInfinite(v)) {
                            throw new IllegalArgumentException(where + "threshold " + v + " is not positive and finite");
                        }
                    }
                    System.arraycopy(th, 0, net.theta[l], 0, th.length);
                }
            }
        }
        return net;
    }

    private static List<Float> boxed(float[] a) {
        List<Float> l = new ArrayList<>(a.length);
        for (float v : a) {
            l.add(v);
        }
        return l;
    }

    static float[] unboxed(List<Float> l, int expected, String what) {
        if (l.size() != expected) {
            throw new IllegalArgumentException(what + ": expected " + expected + " values, got " + l.size());
        }
        float[] a = new float[expected];
        for (int i = 0; i < expected; i++) {
            float v = l.get(i);
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException(what + "[" + i + "] is not finite: " + v);
            }
            a[i] = v;
        }
        return a;
    }
}
