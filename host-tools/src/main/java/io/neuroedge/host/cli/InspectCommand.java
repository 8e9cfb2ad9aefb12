package io.neuroedge.host.cli;

import io.neuroedge.runtime.program.ConvLayer;
import io.neuroedge.runtime.program.DenseLayer;
import io.neuroedge.runtime.program.ExecutionPlan;
import io.neuroedge.runtime.program.FlattenLayer;
import io.neuroedge.runtime.program.InputPlan;
import io.neuroedge.runtime.program.InvalidProgramException;
import io.neuroedge.runtime.program.LayerPlan;
import io.neuroedge.runtime.program.PoolLayer;
import io.neuroedge.runtime.program.ProgramLoader;
import io.neuroedge.runtime.program.NeuronParams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code neuroedge inspect}: what a spike program contains, after full verification. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Verify a spike program and show its header, input, layers (shapes, parameters, synapses),"
                + " memory and synaptic operations per step.")
final class InspectCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROGRAM.nsp", description = "The spike program.")
    Path program;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException, InvalidProgramException {
        ExecutionPlan plan = new ProgramLoader().load(program);
        List<Map<String, Object>> layers = new ArrayList<>();
        for (int i = 0; i < plan.layers().size(); i++) {
            layers.add(describe(i, plan.layers().get(i)));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = Json.object();
            doc.put("name", plan.name());
            doc.put("digest", plan.digest());
            doc.put("tool_version", plan.toolVersion());
            doc.put("source_model_sha256", plan.sourceModelDigest());
            doc.put("input", input(plan.input()));
            for (Map<String, Object> l : layers) {
                l.remove("neurons_text"); // the table's summary; JSON has the fields
                l.remove("output");
            }
            doc.put("layers", layers);
            doc.put("readout", plan.readout().name().toLowerCase(Locale.ROOT));
            doc.put("labels", plan.labels());
            Map<String, Object> memory = Json.object();
            memory.put("weight_bytes", plan.memory().weightBytes());
            memory.put("state_bytes", plan.memory().stateBytes());
            memory.put("scratch_bytes", plan.memory().scratchBytes());
            memory.put("total_bytes", plan.memory().total());
            doc.put("memory", memory);
            doc.put("dense_synaptic_ops_per_step", plan.denseSynapticOpsPerStep());
            out.println(Json.render(doc));
        } else {
            printText(out, plan, layers);
        }
        out.flush();
        return 0;
    }

    private static void printText(PrintWriter out, ExecutionPlan plan, List<Map<String, Object>> layers) {
        out.println("program:  " + plan.name());
        out.println("digest:   " + plan.digest());
        out.println("tool:     " + plan.toolVersion());
        out.println("source:   " + (plan.sourceModelDigest().isEmpty() ? "(none)" : plan.sourceModelDigest()));
        InputPlan in = plan.input();
        out.println("input:    " + in.shape() + ", counts saturate at " + in.maxCount());
        in.events().ifPresent(e -> out.println("events:   sensor " + e.sensorWidth() + "x" + e.sensorHeight()
                + ", OFF->channel " + e.offChannel() + ", ON->channel " + e.onChannel() + ", crop (" + e.cropX() + ","
                + e.cropY() + "), downsample >>" + e.downsampleShift() + ", step " + e.binUs() + " us"
                + (e.filters().isNone() ? "" : "; filters: " + e.filters().describe())));
        out.println("readout:  " + plan.readout().name().toLowerCase(Locale.ROOT)
                + (plan.labels().isEmpty() ? "" : " " + plan.labels()));
        out.printf("%n%-3s %-14s %-34s %-10s %12s %14s  %s%n", "#", "layer", "operation", "output", "synapses",
                "ops/step(max)", "neurons");
        for (Map<String, Object> l : layers) {
            out.printf("%-3s %-14s %-34s %-10s %12s %14s  %s%n", l.get("index"), l.get("name"), l.get("op"),
                    l.get("output"), l.get("synapses"), l.get("dense_ops_per_step"),
                    l.containsKey("neurons") ? l.get("neurons_text") : "-");
        }
        out.printf("%nmemory:   weights %,d B, state %,d B, scratch %,d B (total %,d B)%n", plan.memory().weightBytes(),
                plan.memory().stateBytes(), plan.memory().scratchBytes(), plan.memory().total());
        out.printf("ops:      %,d synaptic operations per step with every input active%n",
                plan.denseSynapticOpsPerStep());
    }

    private static Map<String, Object> input(InputPlan in) {
        Map<String, Object> m = Json.object();
        m.put("shape", shape(in.shape()));
        m.put("max_count", in.maxCount());
        in.events().ifPresent(e -> {
            Map<String, Object> ev = Json.object();
            ev.put("sensor_width", e.sensorWidth());
            ev.put("sensor_height", e.sensorHeight());
            ev.put("off_channel", e.offChannel());
            ev.put("on_channel", e.onChannel());
            ev.put("crop_x", e.cropX());
            ev.put("crop_y", e.cropY());
            ev.put("downsample_shift", e.downsampleShift());
            ev.put("bin_us", e.binUs());
            if (!e.filters().isNone()) {
                Map<String, Object> f = Json.object();
                f.put("polarity", e.filters().polarity().name());
                f.put("refractory_us", e.filters().refractoryUs());
                f.put("background_window_us", e.filters().backgroundWindowUs());
                ev.put("filters", f);
            }
            m.put("events", ev);
        });
        return m;
    }

    private static List<Integer> shape(io.neuroedge.runtime.program.Shape s) {
        return List.of(s.channels(), s.height(), s.width());
    }

    private static Map<String, Object> describe(int index, LayerPlan layer) {
        Map<String, Object> m = Json.object();
        m.put("index", index);
        m.put("name", layer.name());
        m.put("output", layer.outputShape().toString());
        m.put("output_shape", shape(layer.outputShape()));
        m.put("dense_ops_per_step", ExecutionPlan.denseSynapticOps(layer));
        switch (layer) {
            case DenseLayer d -> {
                m.put("op", "dense " + d.inFeatures() + "->" + d.outFeatures() + (d.isRecurrent() ? " +recurrent" : ""));
                m.put("synapses", (long) d.weights().length + (d.isRecurrent() ? d.recurrentWeights().length : 0));
                m.put("weights", weightStats(d.weights()));
                neurons(m, d.neurons());
            }
            case ConvLayer c -> {
                m.put("op", "conv2d " + c.inputShape().channels() + "->" + c.outputShape().channels() + " k"
                        + c.kernelH() + "x" + c.kernelW() + " s" + c.strideH() + "x" + c.strideW() + " p" + c.padH()
                        + "x" + c.padW() + (c.groups() > 1 ? " g" + c.groups() : ""));
                m.put("synapses", (long) c.weights().length);
                m.put("weights", weightStats(c.weights()));
                neurons(m, c.neurons());
            }
            case PoolLayer p -> {
                m.put("op", (p.average() ? "avgpool" : "sumpool") + " k" + p.kernelH() + "x" + p.kernelW() + " s"
                        + p.strideH() + "x" + p.strideW() + (p.padH() + p.padW() > 0 ? " p" + p.padH() + "x" + p.padW() : ""));
                m.put("synapses", 0L);
            }
            case FlattenLayer f -> {
                m.put("op", "flatten");
                m.put("synapses", 0L);
            }
        }
        return m;
    }

    private static Map<String, Object> weightStats(byte[] w) {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        long zeros = 0;
        for (byte b : w) {
            min = Math.min(min, b);
            max = Math.max(max, b);
            if (b == 0) {
                zeros++;
            }
        }
        Map<String, Object> m = Json.object();
        m.put("min", min);
        m.put("max", max);
        m.put("zero_fraction", w.length == 0 ? 0.0 : (double) zeros / w.length);
        return m;
    }

    private static void neurons(Map<String, Object> m, NeuronParams p) {
        Map<String, Object> n = Json.object();
        n.put("model", p.model.name().toLowerCase(Locale.ROOT));
        n.put("reset", p.resetBySubtraction ? "subtract" : "zero");
        n.put("input_shift", p.inputShift);
        int[] th = range(p.thresholdArray());
        int[] bias = range(p.biasArray());
        n.put("threshold_min", th[0]);
        n.put("threshold_max", th[1]);
        n.put("bias_min", bias[0]);
        n.put("bias_max", bias[1]);
        StringBuilder text = new StringBuilder(p.model.name()).append(p.resetBySubtraction ? " subtract" : " zero")
                .append(" shift ").append(p.inputShift);
        if (p.model != NeuronParams.Model.IF) {
            double beta = p.membraneLeakMultiplier / Math.scalb(1.0, p.membraneLeakShift);
            n.put("membrane_leak", beta);
            text.append(String.format(Locale.ROOT, " leak %.6f", beta));
        }
        if (p.model == NeuronParams.Model.CUBA_LIF) {
            double alpha = p.currentLeakMultiplier / Math.scalb(1.0, p.currentLeakShift);
            n.put("current_leak", alpha);
            text.append(String.format(Locale.ROOT, " current-leak %.6f", alpha));
        }
        if (p.spiking()) {
            text.append(" threshold ").append(th[0] == th[1] ? String.valueOf(th[0]) : th[0] + ".." + th[1]);
        }
        if (p.hasFloor) {
            int[] floor = range(p.floorArray());
            n.put("floor_min", floor[0]);
            n.put("floor_max", floor[1]);
            text.append(" floor ").append(floor[0] == floor[1] ? String.valueOf(floor[0]) : floor[0] + ".." + floor[1]);
        }
        m.put("neurons", n);
        m.put("neurons_text", text.toString());
    }

    private static int[] range(int[] values) {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return values.length == 0 ? new int[] {0, 0} : new int[] {min, max};
    }
}
