package io.neuroedge.compiler.lower;

import io.neuroedge.compiler.nir.NirAnalysis;
import io.neuroedge.compiler.nir.NirFormatException;
import io.neuroedge.compiler.nir.NirNode;
import io.neuroedge.compiler.nir.NirReader;
import io.neuroedge.compiler.nir.NirValidator;
import io.neuroedge.compiler.nir.Shape;
import io.neuroedge.compiler.profile.CompileOptions;
import io.neuroedge.compiler.quant.FixedPointFactor;
import io.neuroedge.compiler.report.CompileReport;
import io.neuroedge.compiler.report.LayerReport;
import io.neuroedge.proto.program.NeuronPopulation;
import io.neuroedge.proto.program.ProgramBody;
import io.neuroedge.proto.program.ReadoutSpec;
import io.neuroedge.runtime.program.ExecutionPlan;
import io.neuroedge.runtime.program.InvalidProgramException;
import io.neuroedge.runtime.program.ProgramBuilder;
import io.neuroedge.runtime.program.ProgramLoader;
import io.neuroedge.runtime.program.SpikePrograms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a NIR file into a fixed-point spike program: read, validate, reduce to a chain
 * ({@link ChainExtractor}), discretise each neuron ({@link Discretiser}), quantize each layer
 * ({@link LayerQuantizer}), assemble and verify the program. Stateless.
 */
public final class NirCompiler {

    /**
     * Compiles {@code nirFile}.
     *
     * @param createdBy recorded in the header, e.g. the command line
     * @throws NirFormatException       the file is not valid NIR
     * @throws UnsupportedModelException the graph uses something the runtime cannot execute
     */
    public CompiledProgram compile(Path nirFile, CompileOptions options, String createdBy)
            throws IOException, NirFormatException {
        byte[] bytes = Files.readAllBytes(nirFile);
        NirAnalysis analysis = new NirValidator().validate(new NirReader().read(nirFile));
        String name = nirFile.getFileName().toString().replaceFirst("\\.nir$", "");
        return compile(analysis, name, bytes, options, createdBy);
    }

    /** Compiles an already validated graph; {@code source} is hashed into the header. */
    public CompiledProgram compile(NirAnalysis analysis, String name, byte[] source, CompileOptions options,
                                   String createdBy) {
        Chain chain = new ChainExtractor().extract(analysis);
        List<String> notes = new ArrayList<>(analysis.notes());
        Discretiser discretiser = new Discretiser(options, notes);
        io.neuroedge.runtime.program.Shape in = programShape(chain.inputName(), chain.inputShape());
        ProgramBuilder b = new ProgramBuilder(name, in, options.maxCount());
        String events = "";
        if (in.channels() == 2 && in.height() > 1 && in.width() > 1) {
            long binUs = Math.round(options.dt() * 1e6);
            if (binUs < 1) {
                throw new IllegalArgumentException("--dt " + options.dt() + " s is shorter than the 1 us event clock");
            }
            SensorFit fit = SensorFit.of(in, options.sensor());
            b.events(fit.width(), fit.height(), 0, 1, fit.cropX(), fit.cropY(), fit.shift(), binUs);
            events = "sensor " + fit.width() + "x" + fit.height() + fit.describe()
                    + ", OFF->channel 0, ON->channel 1, bin " + binUs + " us";
        }
        int bound = options.maxCount();
        double unit = 1;
        List<Partial> partials = new ArrayList<>();
        NeuronPopulation.Model lastModel = null;
        for (Stage s : chain.stages()) {
            switch (s) {
                case Stage.Synaptic syn -> {
                    NeuronDynamics d = discretiser.discretise(syn.neuronName(), syn.neuron(), syn.outputShape());
                    QuantizedLayer q = LayerQuantizer.quantize(syn, d, bound, unit);
                    addSynaptic(b, syn, q);
                    partials.add(new Partial(syn, q));
                    lastModel = d.model();
                    bound = 1;
                    unit = 1;
                }
                case Stage.Pool p -> {
                    b.pool(p.name(), p.average(), p.kernel(), p.stride(), p.padding());
                    bound = Math.min(127, p.kernel() * p.kernel() * bound);
                    if (p.average()) {
                        unit /= p.kernel() * p.kernel();
                    }
                    partials.add(new Partial(s, null));
                }
                case Stage.Flatten f -> {
                    b.flatten(f.name());
                    partials.add(new Partial(s, null));
                }
            }
        }
        String readout = lastModel == NeuronPopulation.Model.LI ? "membrane" : "spike_count";
        b.readout(lastModel == NeuronPopulation.Model.LI ? ReadoutSpec.Kind.MEMBRANE : ReadoutSpec.Kind.SPIKE_COUNT);
        byte[] digest = SpikePrograms.sha256(source);
        b.header(createdBy, digest);
        try {
            ProgramBody body = b.build();
            ExecutionPlan plan = new ProgramLoader().load(SpikePrograms.seal(body).toByteArray());
            CompileReport report = new CompileReport(name, SpikePrograms.hex(digest), options.dt(),
                    options.profile().id(), options.integrator().id(), options.maxCount(), events, readout,
                    layerReports(partials, plan), plan.memory().weightBytes(), plan.memory().stateBytes(),
                    plan.memory().scratchBytes(), plan.denseSynapticOpsPerStep(), notes);
            return new CompiledProgram(body, plan, report);
        } catch (InvalidProgramException e) {
            // the compiler produced something the verifier rejects: a compiler bug, not a user error
            throw new IllegalStateException("compiled program fails verification: " + e.getMessage(), e);
        }
    }

    private record Partial(Stage stage, QuantizedLayer q) {
    }

    private static io.neuroedge.runtime.program.Shape programShape(String name, Shape s) {
        return switch (s.rank()) {
            case 1 -> io.neuroedge.runtime.program.Shape.vector(s.dim(0));
            case 3 -> new io.neuroedge.runtime.program.Shape(s.dim(0), s.dim(1), s.dim(2));
            default -> throw new UnsupportedModelException("Input '" + name + "' has shape " + s
                    + "; the runtime takes a vector N or CxHxW");
        };
    }

    private static void addSynaptic(ProgramBuilder b, Stage.Synaptic s, QuantizedLayer q) {
        if (s.synapse() instanceof NirNode.Conv2d c) {
            int k = c.weight().dim(2);
            b.conv2d(s.name(), c.weight().dim(0), k, c.stride().get(0), ChainExtractor.convPadding(s.synapseName(), c),
                    c.groups(), q.weights(), q.scales(), q.neurons());
        } else {
            b.dense(s.name(), s.outputShape().size(), q.weights(), q.scales(), q.recurrent(), q.neurons());
        }
    }

    private static List<LayerReport> layerReports(List<Partial> partials, ExecutionPlan plan) {
        List<LayerReport> out = new ArrayList<>();
        for (int i = 0; i < partials.size(); i++) {
            Partial p = partials.get(i);
            var layer = plan.layers().get(i);
            long ops = ExecutionPlan.denseSynapticOps(layer);
            String inShape = layer.inputShape().toString();
            String outShape = layer.outputShape().toString();
            long activations = layer.outputShape().size();
            if (p.q() == null) {
                String kind = p.stage() instanceof Stage.Pool pool
                        ? (pool.average() ? "avgpool" : "sumpool") + " k" + pool.kernel() + " s" + pool.stride()
                        : "flatten";
                out.add(new LayerReport(i, p.stage().name(), kind, "-", inShape, outShape, Double.NaN, Double.NaN,
                        Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, -1, 0, 0, 0,
                        p.stage() instanceof Stage.Pool ? activations : 0, ops));
                continue;
            }
            Stage.Synaptic s = (Stage.Synaptic) p.stage();
            QuantizedLayer q = p.q();
            NeuronPopulation pop = q.neurons();
            int rec = q.recurrent() == null ? 0 : q.recurrent().length;
            long params = 2L * (q.weights().length + rec) + 4L * q.scales().length + 12L * activations
                    + (s.synapse() instanceof NirNode.Conv2d ? 4L * layer.inputShape().size() : 0);
            long state = activations * (pop.getModel() == NeuronPopulation.Model.CUBA_LIF ? 9 : 5)
                    + (rec > 0 ? activations : 0);
            String kind = s.synapse() instanceof NirNode.Conv2d c
                    ? "conv2d " + c.weight().dim(1) * c.groups() + "->" + c.weight().dim(0) + " k" + c.weight().dim(2)
                      + " s" + c.stride().get(0) + " p" + ChainExtractor.convPadding(s.synapseName(), c)
                      + (c.groups() > 1 ? " g" + c.groups() : "")
                    : "dense " + layer.inputShape().size() + "->" + activations + (rec > 0 ? " +rec" : "");
            double scaleMin = Double.MAX_VALUE;
            double scaleMax = 0;
            for (float f : q.scales()) {
                scaleMin = Math.min(scaleMin, f);
                scaleMax = Math.max(scaleMax, f);
            }
            out.add(new LayerReport(i, s.name(), kind, pop.getModel().name(), inShape, outShape, scaleMin, scaleMax,
                    q.maxRelWeightError(), q.beta(), FixedPointFactor.of(q.beta()).value(), q.alpha(),
                    q.alpha() > 0 ? FixedPointFactor.of(q.alpha()).value() : 0, pop.getInputShift(), q.thresholdMin(),
                    q.thresholdMax(), params, state, ops));
        }
        return out;
    }
}
