package io.neuroedge.compiler.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The compile report: options, per-layer quantisation results and totals, as text or JSON.
 *
 * @param model               the NIR file name
 * @param sourceSha256        hex SHA-256 of the NIR file
 * @param dt                  step length in seconds
 * @param profile             profile id
 * @param integrator          integrator id
 * @param maxCount            input saturation
 * @param events              event encoding summary, or empty
 * @param readout             readout kind
 * @param layers              one entry per program layer
 * @param weightBytes         memory plan: weights
 * @param stateBytes          memory plan: state
 * @param scratchBytes        memory plan: scratch
 * @param synapticOpsPerStep  dense synaptic operations per step
 * @param notes               one-line remarks (ignored fields, implausible time constants)
 * @param calibration         fixed-point vs float agreement on calibration inputs, or null
 */
public record CompileReport(String model, String sourceSha256, double dt, String profile, String integrator,
                            int maxCount, String events, String readout, List<LayerReport> layers, long weightBytes,
                            long stateBytes, long scratchBytes, long synapticOpsPerStep, List<String> notes,
                            Calibration calibration) {

    /**
     * What running the compiled program and its float reference on sample recordings showed.
     *
     * @param recordings          how many recordings were run
     * @param maxCountRule        how {@code max_count} was chosen (e.g. "99.9 % of counts <= 6")
     * @param predictionAgreement fraction of recordings where both predict the same class
     * @param spikeCountAgreement fraction of (recording, output neuron) spike counts that are equal
     */
    public record Calibration(int recordings, String maxCountRule, double predictionAgreement,
                              double spikeCountAgreement) {
    }

    /** A report without calibration. */
    public CompileReport(String model, String sourceSha256, double dt, String profile, String integrator,
                         int maxCount, String events, String readout, List<LayerReport> layers, long weightBytes,
                         long stateBytes, long scratchBytes, long synapticOpsPerStep, List<String> notes) {
        this(model, sourceSha256, dt, profile, integrator, maxCount, events, readout, layers, weightBytes, stateBytes,
                scratchBytes, synapticOpsPerStep, notes, null);
    }

    /** This report with calibration results. */
    public CompileReport withCalibration(Calibration c) {
        return new CompileReport(model, sourceSha256, dt, profile, integrator, maxCount, events, readout, layers,
                weightBytes, stateBytes, scratchBytes, synapticOpsPerStep, notes, c);
    }

    /** This report with one more note. */
    public CompileReport withNote(String note) {
        List<String> more = new ArrayList<>(notes);
        more.add(note);
        return new CompileReport(model, sourceSha256, dt, profile, integrator, maxCount, events, readout, layers,
                weightBytes, stateBytes, scratchBytes, synapticOpsPerStep, more, calibration);
    }

    /** Statement printed with every report: what this compiler does not verify. */
    public static final String AGREEMENT_NOTE = "agreement with the float model was not measured"
            + " (give --calibrate DIR of sample recordings); see docs/nir.md for the conformance results";

    /** The same for trained models, whose fixed-point accuracy `neuroedge eval` measures. */
    public static final String TRAINED_AGREEMENT_NOTE = "measure the program's accuracy with `neuroedge eval"
            + " PROGRAM --images DIR --steps T` (or --nmnist DIR --labels CSV); docs/learning.md lists the costs";

    /** What the report says about fixed-point vs float agreement when it was not measured. */
    public String agreementNote() {
        return "trained".equals(profile) ? TRAINED_AGREEMENT_NOTE : AGREEMENT_NOTE;
    }

    /** Copies the lists. */
    public CompileReport {
        layers = List.copyOf(layers);
        notes = List.copyOf(notes);
    }

    /** Human-readable report, one table row per layer. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "model:      %s (sha256 %s)%n", model, sourceSha256));
        if (Double.isNaN(dt)) {
            // trained models are discrete from the start: no step length to report
            sb.append(String.format(Locale.ROOT, "profile:    %s, input counts saturate at %d%n", profile, maxCount));
        } else {
            sb.append(String.format(Locale.ROOT, "profile:    %s, %s integrator, dt %s s, input counts saturate at %d%n",
                    profile, integrator, dt, maxCount));
        }
        if (!events.isEmpty()) {
            sb.append("events:     ").append(events).append(System.lineSeparator());
        }
        sb.append("readout:    ").append(readout).append(System.lineSeparator()).append(System.lineSeparator());
        sb.append(String.format(Locale.ROOT, "%-3s %-12s %-28s %-8s %-10s %-21s %-9s %-22s %-22s %-5s %-21s %10s %12s%n",
                "#", "layer", "operation", "model", "output", "weight scale", "w err", "beta (fixed)",
                "alpha (fixed)", "shift", "threshold", "bytes", "ops/step"));
        for (LayerReport l : layers) {
            boolean syn = l.synaptic();
            sb.append(String.format(Locale.ROOT, "%-3d %-12s %-28s %-8s %-10s %-21s %-9s %-22s %-22s %-5s %-21s %10d %12d%n",
                    l.index(), l.name(), l.kind(), l.model(), l.outputShape(),
                    syn ? String.format(Locale.ROOT, "%.3g..%.3g", l.scaleMin(), l.scaleMax()) : "-",
                    syn ? String.format(Locale.ROOT, "%.2g", l.maxRelWeightError()) : "-",
                    syn ? factor(l.beta(), l.betaFixed()) : "-",
                    syn && l.alpha() > 0 ? factor(l.alpha(), l.alphaFixed()) : "-",
                    syn ? String.valueOf(l.inputShift()) : "-",
                    syn && l.thresholdMax() > 0 ? l.thresholdMin() + ".." + l.thresholdMax() : "-",
                    l.parameterBytes() + l.stateBytes(), l.synapticOpsPerStep()));
        }
        sb.append(String.format(Locale.ROOT, "%nmemory:     weights %,d B, state %,d B, scratch %,d B (total %,d B)%n",
                weightBytes, stateBytes, scratchBytes, weightBytes + stateBytes + scratchBytes));
        sb.append(String.format(Locale.ROOT, "ops:        %,d synaptic operations per step with every input active%n",
                synapticOpsPerStep));
        for (String n : notes) {
            sb.append("note:       ").append(n).append(System.lineSeparator());
        }
        if (calibration == null) {
            sb.append("note:       ").append(agreementNote()).append(System.lineSeparator());
        } else {
            sb.append(String.format(Locale.ROOT, "calibrated: %d recordings; max count %d (%s); fixed point vs float:"
                    + " %.4f of predictions and %.4f of output spike counts agree%n", calibration.recordings(), maxCount,
                    calibration.maxCountRule(), calibration.predictionAgreement(), calibration.spikeCountAgreement()));
        }
        return sb.toString();
    }

    private static String factor(double real, double fixed) {
        return String.format(Locale.ROOT, "%.6f (%.6f, err %.1e)", real, fixed, Math.abs(real - fixed));
    }

    /** The same content as one JSON object. */
    public String json() {
        List<String> ls = new ArrayList<>();
        for (LayerReport l : layers) {
            JsonWriter o = new JsonWriter().put("index", l.index()).put("name", l.name()).put("kind", l.kind())
                    .put("input_shape", l.inputShape()).put("output_shape", l.outputShape());
            if (l.synaptic()) {
                o.put("model", l.model()).put("weight_scale_min", l.scaleMin()).put("weight_scale_max", l.scaleMax())
                        .put("max_relative_weight_error", l.maxRelWeightError()).put("beta", l.beta())
                        .put("beta_fixed", l.betaFixed()).put("beta_error", Math.abs(l.beta() - l.betaFixed()));
                if (l.alpha() > 0) {
                    o.put("alpha", l.alpha()).put("alpha_fixed", l.alphaFixed())
                            .put("alpha_error", Math.abs(l.alpha() - l.alphaFixed()));
                }
                o.put("input_shift", l.inputShift()).put("threshold_min", l.thresholdMin())
                        .put("threshold_max", l.thresholdMax());
            }
            o.put("parameter_bytes", l.parameterBytes()).put("state_bytes", l.stateBytes())
                    .put("synaptic_ops_per_step", l.synapticOpsPerStep());
            ls.add(o.toString());
        }
        return new JsonWriter().put("model", model).put("source_model_sha256", sourceSha256).put("dt", dt)
                .put("profile", profile).put("integrator", integrator).put("max_count", maxCount)
                .put("events", events).put("readout", readout).putRaw("layers", "[" + String.join(", ", ls) + "]")
                .put("weight_bytes", weightBytes).put("state_bytes", stateBytes).put("scratch_bytes", scratchBytes)
                .put("total_bytes", weightBytes + stateBytes + scratchBytes)
                .put("synaptic_ops_per_step", synapticOpsPerStep)
                .putRaw("notes", strings(notes)).putRaw("calibration", calibrationJson()).toString();
    }

    private String calibrationJson() {
        if (calibration == null) {
            return new JsonWriter().putRaw("measured", "false").put("note", agreementNote()).toString();
        }
        return new JsonWriter().putRaw("measured", "true").put("recordings", calibration.recordings())
                .put("max_count_rule", calibration.maxCountRule())
                .put("prediction_agreement", calibration.predictionAgreement())
                .put("spike_count_agreement", calibration.spikeCountAgreement()).toString();
    }

    private static String strings(List<String> values) {
        List<String> quoted = values.stream().map(JsonWriter::quote).toList();
        return "[" + String.join(", ", quoted) + "]";
    }
}
