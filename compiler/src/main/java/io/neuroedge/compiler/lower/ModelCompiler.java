package io.neuroedge.compiler.lower;

import com.google.protobuf.InvalidProtocolBufferException;
import io.neuroedge.compiler.nir.ConvPadding;
import io.neuroedge.compiler.nir.NirNode;
import io.neuroedge.compiler.nir.Shape;
import io.neuroedge.compiler.nir.Tensor;
import io.neuroedge.compiler.profile.CompileOptions;
import io.neuroedge.proto.model.ConvWeights;
import io.neuroedge.proto.model.DenseWeights;
import io.neuroedge.proto.model.InputEncoding;
import io.neuroedge.proto.model.ModelLayer;
import io.neuroedge.proto.model.Neurons;
import io.neuroedge.proto.model.TrainedModel;
import io.neuroedge.proto.program.NeuronPopulation.Model;
import io.neuroedge.proto.program.NeuronPopulation.Reset;
import io.neuroedge.proto.program.ReadoutSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Compiles a trained model ({@code .nem}, written by {@code neuroedge train}) into a spike program.
 * The model is already in discrete time (per-step leak α, threshold θ, soft reset), so there is no
 * profile or dt: each layer maps onto a program layer one to one, the leaky readout onto an LI
 * population read out by its summed membrane, exactly the decision rule training used.
 */
public final class ModelCompiler {

    /** "NEM1". */
    public static final int MAGIC = 0x4E454D31;
    public static final int FORMAT_VERSION = 1;

    /** Intensities (0..255) of DIRECT-encoded models are fed as counts 0..127 (one count = 1/127). */
    public static final int DIRECT_MAX_COUNT = 127;

    /** Whether {@code bytes} start like a trained model (protobuf field 1, fixed32 magic). */
    public static boolean looksLikeModel(byte[] bytes) {
        return bytes.length >= 5 && bytes[0] == 0x0D && (bytes[1] & 0xFF) == (MAGIC & 0xFF)
                && (bytes[2] & 0xFF) == (MAGIC >>> 8 & 0xFF) && (bytes[3] & 0xFF) == (MAGIC >>> 16 & 0xFF)
                && (bytes[4] & 0xFF) == (MAGIC >>> 24);
    }

    /** Parses and checks the container; the layers are checked when compiled. */
    public static TrainedModel parse(byte[] bytes, String what) {
        TrainedModel m;
        try {
            m = TrainedModel.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(what + ": not a trained model (" + e.getMessage() + ")", e);
        }
        if (m.getMagic() != MAGIC) {
            throw new IllegalArgumentException(what + ": bad magic 0x" + Integer.toHexString(m.getMagic())
                    + ", a trained model starts with 0x4e454d31 (NEM1)");
        }
        if (m.getFormatVersion() != FORMAT_VERSION) {
            throw new IllegalArgumentException(what + ": trained-model format version " + m.getFormatVersion()
                    + " is not supported (this build reads version " + FORMAT_VERSION + ")");
        }
        return m;
    }

    /**
     * @param sensor    camera size when larger than an event model's input, or null
     * @param createdBy recorded in the program header
     */
    public CompiledProgram compile(Path file, CompileOptions.Sensor sensor, String createdBy) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String name = file.getFileName().toString().replaceFirst("\\.nem$", "");
        return compile(parse(bytes, file.toString()), name, bytes, sensor, createdBy);
    }

    public CompiledProgram compile(TrainedModel model, String name, byte[] source, CompileOptions.Sensor sensor,
                                   String createdBy) {
        io.neuroedge.runtime.program.Shape in = inputShape(model);
        int maxCount;
        double unit;
        double dt = Double.NaN;
        switch (model.getEncoding()) {
            case RATE -> {
                maxCount = 1;
                unit = 1;
            }
            case DIRECT -> {
                maxCount = DIRECT_MAX_COUNT;
                unit = 1.0 / DIRECT_MAX_COUNT;
            }
            case EVENTS -> {
                if (!model.hasEvents() || model.getEvents().getBinUs() < 1 || model.getEvents().getMaxCount() < 1
                        || model.getEvents().getMaxCount() > 127) {
                    throw new IllegalArgumentException("model '" + name + "': EVENTS encoding needs events.bin_us >= 1"
                            + " and events.max_count in 1..127");
                }
                maxCount = model.getEvents().getMaxCount();
                unit = 1;
                dt = model.getEvents().getBinUs() * 1e-6;
            }
            default -> throw new IllegalArgumentException("model '" + name + "': input encoding "
                    + model.getEncoding() + " is not RATE, DIRECT or EVENTS");
        }
        ProgramAssembler assembler = new ProgramAssembler(name, in, maxCount, unit);
        if (model.getEncoding() == InputEncoding.EVENTS) {
            if (in.channels() != 2) {
                throw new IllegalArgumentException("model '" + name + "': an event model's input has 2 channels"
                        + " (OFF, ON), found " + in.channels());
            }
            CompileOptions.Sensor s = sensor != null ? sensor
                    : new CompileOptions.Sensor(model.getEvents().getSensorWidth(), model.getEvents().getSensorHeight());
            assembler.events(SensorFit.of(in, s), model.getEvents().getBinUs());
        }
        Shape shape = in.height() == 1 && in.width() == 1 ? Shape.of(in.channels())
                : Shape.of(in.channels(), in.height(), in.width());
        List<ModelLayer> layers = model.getLayersList();
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("model '" + name + "' has no layers");
        }
        for (int i = 0; i < layers.size(); i++) {
            ModelLayer layer = layers.get(i);
            String layerName = "layer" + i;
            boolean last = i == layers.size() - 1;
            switch (layer.getOpCase()) {
                case DENSE -> {
                    if (shape.rank() == 3) {
                        Shape flat = Shape.of(shape.size());
                        assembler.stage(new Stage.Flatten(layerName + ".flatten", shape, flat));
                        shape = flat;
                    }
                    DenseWeights d = layer.getDense();
                    check(d.getInputs() == shape.size(), layerName, "dense layer takes " + d.getInputs()
                            + " inputs but its input has " + shape.size());
                    check(d.getOutputs() >= 1 && d.getWeightsCount() == (long) d.getInputs() * d.getOutputs(),
                            layerName, "dense weights hold " + d.getWeightsCount() + " values, expected "
                                    + d.getInputs() + " x " + d.getOutputs());
                    Shape out = Shape.of(d.getOutputs());
                    NirNode.Linear lin = new NirNode.Linear(Tensor.of(finite(d.getWeightsList(), layerName),
                            (int) d.getOutputs(), (int) d.getInputs()));
                    assembler.synaptic(new Stage.Synaptic(layerName, lin, null, layerName, null, null, null, shape, out),
                            dynamics(layer, layerName, out, last));
                    shape = out;
                }
                case CONV -> {
                    ConvWeights c = layer.getConv();
                    check(shape.rank() == 3 && c.getInChannels() == shape.dim(0), layerName, "conv takes "
                            + c.getInChannels() + " channels but its input is " + shape);
                    int k = (int) c.getKernel();
                    int stride = Math.max(1, (int) c.getStride());
                    int pad = (int) c.getPadding();
                    int oh = (shape.dim(1) + 2 * pad - k) / stride + 1;
                    int ow = (shape.dim(2) + 2 * pad - k) / stride + 1;
                    check(k >= 1 && oh >= 1 && ow >= 1 && c.getOutChannels() >= 1, layerName, "kernel " + k
                            + " does not fit input " + shape + " with padding " + pad);
                    check(c.getWeightsCount() == (long) c.getOutChannels() * c.getInChannels() * k * k, layerName,
                            "conv weights hold " + c.getWeightsCount() + " values, expected out x in x k x k");
                    Shape out = Shape.of((int) c.getOutChannels(), oh, ow);
                    NirNode.Conv2d conv = new NirNode.Conv2d(Tensor.of(finite(c.getWeightsList(), layerName),
                            (int) c.getOutChannels(), (int) c.getInChannels(), k, k),
                            Tensor.of(new double[(int) c.getOutChannels()], (int) c.getOutChannels()),
                            List.of(stride, stride), new ConvPadding.Explicit(List.of(pad, pad)), List.of(1, 1), 1,
                            Optional.of(Shape.of(shape.dim(1), shape.dim(2))));
                    assembler.synaptic(new Stage.Synaptic(layerName, conv, null, layerName, null, null, null, shape,
                            out), dynamics(layer, layerName, out, last));
                    shape = out;
                }
                case POOL -> {
                    int k = (int) layer.getPool().getKernel();
                    check(!last, layerName, "the last layer must be the readout, not a pool");
                    check(shape.rank() == 3 && k >= 1 && shape.dim(1) >= k && shape.dim(2) >= k, layerName,
                            "pool kernel " + k + " does not fit input " + shape);
                    Shape out = Shape.of(shape.dim(0), shape.dim(1) / k, shape.dim(2) / k);
                    assembler.stage(new Stage.Pool(layerName, false, k, k, 0, shape, out));
                    shape = out;
                }
                default -> throw new IllegalArgumentException("model '" + name + "' " + layerName + " has no operation");
            }
        }
        List<String> notes = new ArrayList<>();
        notes.add("trained model: " + model.getArchitecture() + ", " + model.getEncoding().name().toLowerCase(
                java.util.Locale.ROOT) + " input, T = " + model.getTimeSteps() + " steps per sample");
        return assembler.finish(ReadoutSpec.Kind.MEMBRANE_SUM, source, createdBy, dt, "trained", "discrete", notes);
    }

    private static io.neuroedge.runtime.program.Shape inputShape(TrainedModel m) {
        var s = m.getInput();
        if (s.getChannels() < 1 || s.getHeight() < 1 || s.getWidth() < 1) {
            throw new IllegalArgumentException("model input shape " + s.getChannels() + "x" + s.getHeight() + "x"
                    + s.getWidth() + " has an empty dimension");
        }
        return new io.neuroedge.runtime.program.Shape((int) s.getChannels(), (int) s.getHeight(), (int) s.getWidth());
    }

    private static NeuronDynamics dynamics(ModelLayer layer, String name, Shape out, boolean last) {
        Neurons n = layer.getNeurons();
        float alpha = n.getAlpha();
        boolean integrate = !last && n.getKind() == Neurons.Kind.IF_SOFT_RESET;
        if (integrate) {
            check(alpha == 1f, name, "an IF layer has alpha 1, found " + alpha);
        } else {
            check(alpha >= 0 && alpha < 1, name, "leak alpha " + alpha + " is not in [0, 1)");
        }
        int size = out.size();
        double[] gain = new double[size];
        Arrays.fill(gain, 1);
        if (last) {
            check(n.getKind() == Neurons.Kind.LEAKY_READOUT, name, "the last layer must be a LEAKY_READOUT, found "
                    + n.getKind());
            return new NeuronDynamics(Model.LI, Reset.ZERO, alpha, 0, gain, new double[size], null, null);
        }
        check(n.getKind() == Neurons.Kind.LIF_SOFT_RESET || integrate, name,
                "hidden layers must be LIF_SOFT_RESET or IF_SOFT_RESET, found " + n.getKind());
        int channels = out.rank() == 3 ? out.dim(0) : size;
        int perChannel = size / channels;
        check(n.getThresholdCount() == channels, name, n.getThresholdCount() + " thresholds for " + channels
                + (out.rank() == 3 ? " channels" : " neurons"));
        double[] threshold = new double[size];
        for (int k = 0; k < size; k++) {
            float t = n.getThreshold(k / perChannel);
            check(t > 0 && Float.isFinite(t), name, "threshold " + t + " is not a positive number");
            threshold[k] = t;
        }
        return new NeuronDynamics(integrate ? Model.IF : Model.LIF, Reset.SUBTRACT, integrate ? 1 : alpha, 0, gain,
                new double[size], threshold, null);
    }

    private static double[] finite(List<Float> values, String name) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            float v = values.get(i);
            check(Float.isFinite(v), name, "weight " + i + " is " + v);
            out[i] = v;
        }
        return out;
    }

    private static void check(boolean ok, String layer, String message) {
        if (!ok) {
            throw new IllegalArgumentException(layer + ": " + message);
        }
    }
}
