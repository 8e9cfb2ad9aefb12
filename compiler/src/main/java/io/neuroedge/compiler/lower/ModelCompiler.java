package io.neuroedge.compiler.lower;

import com.google.protobuf.InvalidProtocolBufferException;
import io.neuroedge.compiler.nir.ConvPadding;
import io.neuroedge.compiler.nir.NirNode;
import io.neuroedge.compiler.nir.Shape;
import io.neuroedge.compiler.nir.Tensor;
import io.neuroedge.compiler.profile.CompileOptions;
import io.neuroedge.proto.model.TrainedModel;
import io.neuroedge.proto.program.NeuronPopulation.Model;
import io.neuroedge.proto.program.NeuronPopulation.Reset;
import io.neuroedge.proto.program.ReadoutSpec;
import io.neuroedge.runtime.learn.FloatNetwork;
import io.neuroedge.runtime.learn.NetworkSpec;
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
    public static final int MAGIC = FloatNetwork.MAGIC;
    public static final int FORMAT_VERSION = FloatNetwork.FORMAT_VERSION;

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
        ModelInput input = ModelInput.of(model, name);
        io.neuroedge.runtime.program.Shape in = input.shape();
        ProgramAssembler assembler = new ProgramAssembler(name, in, input.maxCount(), input.unit());
        double dt = Double.NaN;
        if (input.events() != null) {
            CompileOptions.Sensor s = sensor != null ? sensor
                    : new CompileOptions.Sensor(input.events().getSensorWidth(), input.events().getSensorHeight());
            assembler.events(SensorFit.of(in, s), input.events().getBinUs());
            dt = input.events().getBinUs() * 1e-6;
        }
        // the runtime's model reader checks layers, shapes, weights, leaks and thresholds once for
        // training and compiling alike
        FloatNetwork net = FloatNetwork.fromModel(model);
        List<NetworkSpec.LayerSpec> layers = net.spec().layers();
        Shape shape = nirShape(net.spec().input());
        for (int i = 0; i < layers.size(); i++) {
            String layerName = "layer" + i;
            boolean last = i == layers.size() - 1;
            switch (layers.get(i)) {
                case NetworkSpec.Dense d -> {
                    if (shape.rank() == 3) {
                        Shape flat = Shape.of(shape.size());
                        assembler.stage(new Stage.Flatten(layerName + ".flatten", shape, flat));
                        shape = flat;
                    }
                    Shape out = Shape.of(d.outputs());
                    NirNode.Linear lin = new NirNode.Linear(Tensor.of(doubles(net.weights(i)), d.outputs(), d.inputs()));
                    assembler.synaptic(new Stage.Synaptic(layerName, lin, null, layerName, null, null, null, shape, out),
                            dynamics(net, i, out, last));
                    shape = out;
                }
                case NetworkSpec.Conv c -> {
                    int k = c.kernel();
                    Shape out = nirShape(c.out());
                    NirNode.Conv2d conv = new NirNode.Conv2d(Tensor.of(doubles(net.weights(i)), c.outChannels(),
                            c.inChannels(), k, k), Tensor.of(new double[c.outChannels()], c.outChannels()),
                            List.of(c.stride(), c.stride()), new ConvPadding.Explicit(List.of(c.padding(), c.padding())),
                            List.of(1, 1), 1, Optional.of(Shape.of(shape.dim(1), shape.dim(2))));
                    assembler.synaptic(new Stage.Synaptic(layerName, conv, null, layerName, null, null, null, shape,
                            out), dynamics(net, i, out, last));
                    shape = out;
                }
                case NetworkSpec.Pool pool -> {
                    Shape out = nirShape(pool.out());
                    assembler.stage(new Stage.Pool(layerName, false, pool.kernel(), pool.kernel(), 0, shape, out));
                    shape = out;
                }
            }
        }
        List<String> notes = new ArrayList<>();
        notes.add("trained model: " + model.getArchitecture() + ", " + model.getEncoding().name().toLowerCase(
                java.util.Locale.ROOT) + " input, T = " + model.getTimeSteps() + " steps per sample");
        return assembler.finish(ReadoutSpec.Kind.MEMBRANE_SUM, source, createdBy, dt, "trained", "discrete", notes);
    }

    private static Shape nirShape(NetworkSpec.Dims d) {
        return d.isVector() ? Shape.of(d.channels()) : Shape.of(d.channels(), d.height(), d.width());
    }

    /** LIF or IF with subtractive reset, or the LI readout, with thresholds expanded per neuron. */
    private static NeuronDynamics dynamics(FloatNetwork net, int layer, Shape out, boolean last) {
        int size = out.size();
        double[] gain = new double[size];
        Arrays.fill(gain, 1);
        float alpha = net.alpha(layer);
        if (last) {
            return new NeuronDynamics(Model.LI, Reset.ZERO, alpha, 0, gain, new double[size], null, null);
        }
        float[] theta = net.thresholds(layer);
        int perChannel = size / theta.length;
        double[] threshold = new double[size];
        for (int k = 0; k < size; k++) {
            threshold[k] = theta[k / perChannel];
        }
        boolean integrate = net.isIntegrateAndFire(layer);
        return new NeuronDynamics(integrate ? Model.IF : Model.LIF, Reset.SUBTRACT, integrate ? 1 : alpha, 0, gain,
                new double[size], threshold, null);
    }

    private static double[] doubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
