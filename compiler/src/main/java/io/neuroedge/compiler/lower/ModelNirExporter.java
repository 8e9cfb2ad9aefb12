package io.neuroedge.compiler.lower;

import io.neuroedge.compiler.nir.ConvPadding;
import io.neuroedge.compiler.nir.NirGraph;
import io.neuroedge.compiler.nir.NirNode;
import io.neuroedge.compiler.nir.NirWriter;
import io.neuroedge.compiler.nir.Shape;
import io.neuroedge.compiler.nir.Tensor;
import io.neuroedge.compiler.profile.CompileOptions;
import io.neuroedge.compiler.profile.RecordedOptions;
import io.neuroedge.proto.model.TrainedModel;
import io.neuroedge.proto.program.ReadoutSpec;
import io.neuroedge.runtime.learn.FloatNetwork;
import io.neuroedge.runtime.learn.NetworkSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Exports a trained model ({@code .nem}) as a NIR file that this compiler imports back into the same
 * program {@link ModelCompiler} makes of the model: {@code Input → [Flatten] → Linear|Conv2d → LIF|IF
 * (| SumPool2d) … → Linear → LI → Output}. The neurons' τ and r follow snnTorch's export convention
 * and are chosen so that the snnTorch profile's forward-Euler step gives back each layer's leak α and
 * an input gain of 1 exactly ({@link ExactNeuronParameters}); thresholds are written per neuron, a
 * conv layer's per-channel threshold repeated over its pixels. The compile options NIR leaves open —
 * step, profile, input bound and unit, the membrane-sum readout, an event model's camera — are
 * recorded in the graph's metadata ({@link RecordedOptions}), so {@code neuroedge compile} needs no
 * flags. A model that the import could not reproduce exactly is refused with a message naming why.
 */
public final class ModelNirExporter {

    /** dt written for static-image models: snnTorch's export step, so its importer reads α back too. */
    public static final double IMAGE_MODEL_DT = 1e-4;

    /** Largest event bin a NIR step may stand for (the importer's plausibility bound on dt). */
    private static final long MAX_BIN_US = 10_000_000;

    /**
     * Writes {@code model} to {@code file} as NIR.
     *
     * @return the compile options recorded in the file, which {@code neuroedge compile} will use
     * @throws IllegalArgumentException the model is invalid or cannot be expressed exactly
     */
    public CompileOptions export(TrainedModel model, Path file) throws IOException {
        String name = String.valueOf(file.getFileName()).replaceFirst("\\.nir$", "");
        Export export = build(model, name);
        new NirWriter().write(export.graph(), file);
        return export.options();
    }

    /** A model's NIR graph and the options recorded in its metadata. */
    private record Export(NirGraph graph, CompileOptions options) {
    }

    /** The graph {@link #export} writes; {@code name} names the model in errors. */
    private static Export build(TrainedModel model, String name) {
        ModelInput input = ModelInput.of(model, name);
        FloatNetwork net = FloatNetwork.fromModel(model);
        Shape inputShape = shape(net.spec().input());
        requireSameInputKind(input, inputShape, model, name);
        // an event model's dt must still round to its bin, as NirCompiler derives the bin from dt
        ExactNeuronParameters.Solution solution = ExactNeuronParameters.solve(nominalDt(input),
                dt -> input.events() == null || Math.round(dt * 1e6) == input.events().getBinUs(), neuronLayers(net));
        CompileOptions options = new CompileOptions(solution.dt(), ExactNeuronParameters.PROFILE,
                ExactNeuronParameters.INTEGRATOR, input.maxCount(), sensor(input, name), ReadoutSpec.Kind.MEMBRANE_SUM,
                input.unit());

        NirGraph.Builder g = NirGraph.builder().node("input", new NirNode.Input(inputShape));
        String previous = "input";
        Shape shape = inputShape;
        List<NetworkSpec.LayerSpec> layers = net.spec().layers();
        int neuronLayer = 0;
        for (int i = 0; i < layers.size(); i++) {
            // ModelCompiler's layer names, so that both programs name their layers alike
            String layer = "layer" + i;
            switch (layers.get(i)) {
                case NetworkSpec.Dense d -> {
                    if (shape.rank() == 3) {
                        String flatten = layer + ".flatten";
                        g.node(flatten, new NirNode.Flatten(0, -1, Optional.of(shape))).edge(previous, flatten);
                        previous = flatten;
                        shape = Shape.of(shape.size());
                    }
                    String synapse = layer + ".linear";
                    g.node(synapse, new NirNode.Linear(Tensor.of(doubles(net.weights(i)), d.outputs(), d.inputs())))
                            .edge(previous, synapse);
                    previous = synapse;
                    shape = Shape.of(d.outputs());
                }
                case NetworkSpec.Conv c -> {
                    String synapse = layer + ".conv";
                    int k = c.kernel();
                    g.node(synapse, new NirNode.Conv2d(
                            Tensor.of(doubles(net.weights(i)), c.outChannels(), c.inChannels(), k, k),
                            Tensor.filled(0, Shape.of(c.outChannels())), List.of(c.stride(), c.stride()),
                            new ConvPadding.Explicit(List.of(c.padding(), c.padding())), List.of(1, 1), 1,
                            Optional.of(Shape.of(shape.dim(1), shape.dim(2))))).edge(previous, synapse);
                    previous = synapse;
                    shape = shape(c.out());
                }
                case NetworkSpec.Pool p -> {
                    int k = p.kernel();
                    g.node(layer, new NirNode.SumPool2d(List.of(k, k), List.of(k, k), List.of(0, 0))).edge(previous, layer);
                    previous = layer;
                    shape = shape(p.out());
                    continue;
                }
            }
            ExactNeuronParameters.Kind kind = kind(net, i);
            Tensor threshold = kind == ExactNeuronParameters.Kind.LI ? null : perNeuron(net.thresholds(i), shape);
            g.node(layer, solution.neurons().get(neuronLayer++).node(kind, shape, threshold)).edge(previous, layer);
            previous = layer;
        }
        g.node("output", new NirNode.Output(shape)).edge(previous, "output");
        RecordedOptions.metadata(options).forEach((key, value) -> {
            if (value instanceof String s) {
                g.metadata(key, s);
            } else {
                g.metadata(key, (Tensor) value);
            }
        });
        g.metadata("neuroedge_architecture", model.getArchitecture());
        g.metadata("neuroedge_encoding", model.getEncoding().name().toLowerCase(Locale.ROOT));
        g.metadata("neuroedge_time_steps", Tensor.scalar(model.getTimeSteps()));
        return new Export(g.build(), options);
    }

    // NirCompiler gives a 2xHxW input (H, W > 1) an event encoding and nothing else one
    private static void requireSameInputKind(ModelInput input, Shape shape, TrainedModel model, String name) {
        boolean camera = shape.rank() == 3 && shape.dim(0) == 2 && shape.dim(1) > 1 && shape.dim(2) > 1;
        if (input.events() != null && !camera) {
            throw new IllegalArgumentException("model '" + name + "': event input " + shape + " is not 2xHxW with H, W > 1;"
                    + " a NIR import would not read it as an event camera");
        }
        if (input.events() == null && camera) {
            throw new IllegalArgumentException("model '" + name + "': a " + shape + " input with "
                    + model.getEncoding() + " encoding would be read as an event camera by a NIR import");
        }
        if (input.events() != null && input.events().getBinUs() > MAX_BIN_US) {
            throw new IllegalArgumentException("model '" + name + "': event bin " + input.events().getBinUs()
                    + " us is longer than the 10 s a NIR import accepts as its step");
        }
    }

    private static double nominalDt(ModelInput input) {
        return input.events() == null ? IMAGE_MODEL_DT : input.events().getBinUs() / 1e6;
    }

    private static CompileOptions.Sensor sensor(ModelInput input, String name) {
        if (input.events() == null) {
            return null;
        }
        int w = input.events().getSensorWidth();
        int h = input.events().getSensorHeight();
        if (w < input.shape().width() || h < input.shape().height()) {
            throw new IllegalArgumentException("model '" + name + "': events.sensor " + w + "x" + h
                    + " is smaller than the input " + input.shape().width() + "x" + input.shape().height());
        }
        return new CompileOptions.Sensor(w, h);
    }

    private static List<ExactNeuronParameters.Layer> neuronLayers(FloatNetwork net) {
        List<ExactNeuronParameters.Layer> out = new ArrayList<>();
        for (int i = 0; i < net.layerCount(); i++) {
            if (!(net.spec().layers().get(i) instanceof NetworkSpec.Pool)) {
                ExactNeuronParameters.Kind kind = kind(net, i);
                out.add(new ExactNeuronParameters.Layer("layer" + i, kind,
                        kind == ExactNeuronParameters.Kind.IF ? 1 : net.alpha(i)));
            }
        }
        return out;
    }

    private static ExactNeuronParameters.Kind kind(FloatNetwork net, int layer) {
        if (layer == net.layerCount() - 1) {
            return ExactNeuronParameters.Kind.LI;
        }
        return net.isIntegrateAndFire(layer) ? ExactNeuronParameters.Kind.IF : ExactNeuronParameters.Kind.LIF;
    }

    /** One threshold per neuron: a conv layer's per-channel thresholds repeated over each channel's pixels. */
    private static Tensor perNeuron(float[] theta, Shape shape) {
        int n = shape.size();
        int pixels = n / theta.length;
        double[] values = new double[n];
        for (int k = 0; k < n; k++) {
            values[k] = theta[k / pixels];
        }
        return Tensor.of(values, shape);
    }

    private static Shape shape(NetworkSpec.Dims d) {
        return d.isVector() ? Shape.of(d.channels()) : Shape.of(d.channels(), d.height(), d.width());
    }

    private static double[] doubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
