package io.neuroedge.compiler.lower;

import io.neuroedge.compiler.nir.NirNode;
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
import io.neuroedge.runtime.program.Shape;
import io.neuroedge.runtime.program.SpikePrograms;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a chain of stages with their discrete neuron dynamics into a verified program and its report.
 * Shared by the NIR compiler and the trained-model compiler, which differ only in where the stages
 * and dynamics come from. One use per program.
 */
final class ProgramAssembler {

    private final String name;
    private final int maxCount;
    private final ProgramBuilder builder;
    private final List<Partial> partials = new ArrayList<>();
    private String events = "";
    private int bound;
    private double unit;
    private NeuronPopulation.Model lastModel;

    /**
     * @param inputUnit real value of one input count (1 for spikes and events; 1/127 for an intensity
     *                  fed as counts 0..127)
     */
    ProgramAssembler(String name, Shape input, int maxCount, double inputUnit) {
        this.name = name;
        this.maxCount = maxCount;
        this.builder = new ProgramBuilder(name, input, maxCount);
        this.bound = maxCount;
        this.unit = inputUnit;
    }

    /** Declares an event-camera input: OFF events to channel 0, ON to channel 1. */
    void events(SensorFit fit, long binUs) {
        builder.events(fit.width(), fit.height(), 0, 1, fit.cropX(), fit.cropY(), fit.shift(), binUs);
        events = "sensor " + fit.width() + "x" + fit.height() + fit.describe()
                + ", OFF->channel 0, ON->channel 1, bin " + binUs + " us";
    }

    void synaptic(Stage.Synaptic s, NeuronDynamics d) {
        QuantizedLayer q = LayerQuantizer.quantize(s, d, bound, unit);
        if (s.synapse() instanceof NirNode.Conv2d c) {
            int k = c.weight().dim(2);
            builder.conv2d(s.name(), c.weight().dim(0), k, c.stride().get(0),
                    ChainExtractor.convPadding(s.synapseName(), c), c.groups(), q.weights(), q.scales(), q.neurons());
        } else {
            builder.dense(s.name(), s.outputShape().size(), q.weights(), q.scales(), q.recurrent(), q.neurons());
        }
        partials.add(new Partial(s, q));
        lastModel = d.model();
        bound = 1;
        unit = 1;
    }

    /** A pool or flatten stage. */
    void stage(Stage s) {
        switch (s) {
            case Stage.Pool p -> {
                builder.pool(p.name(), p.average(), p.kernel(), p.stride(), p.padding());
                bound = Math.min(127, p.kernel() * p.kernel() * bound);
                if (p.average()) {
                    unit /= p.kernel() * p.kernel();
                }
            }
            case Stage.Flatten f -> builder.flatten(f.name());
            case Stage.Synaptic syn -> throw new IllegalArgumentException("synaptic stage '" + syn.name()
                    + "' needs its dynamics");
        }
        partials.add(new Partial(s, null));
    }

    /**
     * Seals and verifies the program.
     *
     * @param readout the readout kind, or null for the default: membrane for an LI output, else spike count
     * @param source  the model file's bytes, hashed into the header
     * @param dt      step length in seconds for the report (NaN when the model has none)
     */
    CompiledProgram finish(ReadoutSpec.Kind readout, byte[] source, String createdBy, double dt, String profile,
                           String integrator, List<String> notes) {
        ReadoutSpec.Kind kind = readout != null ? readout
                : lastModel == NeuronPopulation.Model.LI ? ReadoutSpec.Kind.MEMBRANE : ReadoutSpec.Kind.SPIKE_COUNT;
        builder.readout(kind);
        byte[] digest = SpikePrograms.sha256(source);
        builder.header(createdBy, digest);
        try {
            ProgramBody body = builder.build();
            ExecutionPlan plan = new ProgramLoader().load(SpikePrograms.seal(body).toByteArray());
            CompileReport report = new CompileReport(name, SpikePrograms.hex(digest), dt, profile, integrator,
                    maxCount, events, kind.name().toLowerCase(java.util.Locale.ROOT), layerReports(plan),
                    plan.memory().weightBytes(), plan.memory().stateBytes(), plan.memory().scratchBytes(),
                    plan.denseSynapticOpsPerStep(), notes);
            return new CompiledProgram(body, plan, report);
        } catch (InvalidProgramException e) {
            // the compiler produced something the verifier rejects: a compiler bug, not a user error
            throw new IllegalStateException("compiled program fails verification: " + e.getMessage(), e);
        }
    }

    private record Partial(Stage stage, QuantizedLayer q) {
    }

    private List<LayerReport> layerReports(ExecutionPlan plan) {
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
