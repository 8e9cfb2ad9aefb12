package io.neuroedge.compiler.profile;

import io.neuroedge.compiler.nir.NirGraph;
import io.neuroedge.compiler.nir.Tensor;
import io.neuroedge.proto.program.ReadoutSpec;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Compile options recorded in a NIR graph's {@code metadata} by {@code neuroedge export}, so that
 * {@code neuroedge compile} rebuilds an exported model's program without being told the step, the
 * profile, the input scale or the readout — the facts NIR leaves to the importer. Keys: text
 * {@code neuroedge_profile}, {@code neuroedge_integrator}, {@code neuroedge_readout} (e.g.
 * {@code membrane_sum}); numbers {@code neuroedge_dt} (seconds), {@code neuroedge_max_count},
 * {@code neuroedge_input_unit}, and {@code neuroedge_sensor} (width, height; event models only).
 * Other tools see ordinary NIR metadata and may ignore it.
 */
public final class RecordedOptions {

    public static final String PROFILE = "neuroedge_profile";
    public static final String INTEGRATOR = "neuroedge_integrator";
    public static final String DT = "neuroedge_dt";
    public static final String MAX_COUNT = "neuroedge_max_count";
    public static final String INPUT_UNIT = "neuroedge_input_unit";
    public static final String READOUT = "neuroedge_readout";
    public static final String SENSOR = "neuroedge_sensor";

    private RecordedOptions() {
    }

    /** The metadata entries recording {@code options}, in the order above. */
    public static Map<String, Object> metadata(CompileOptions options) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(PROFILE, options.profile().id());
        m.put(INTEGRATOR, options.integrator().id());
        m.put(DT, Tensor.scalar(options.dt()));
        m.put(MAX_COUNT, Tensor.scalar(options.maxCount()));
        m.put(INPUT_UNIT, Tensor.scalar(options.inputUnit()));
        if (options.readout() != null) {
            m.put(READOUT, options.readout().name().toLowerCase(Locale.ROOT));
        }
        if (options.sensor() != null) {
            m.put(SENSOR, Tensor.vector(options.sensor().width(), options.sensor().height()));
        }
        return m;
    }

    /**
     * The options recorded in {@code graph}, or empty if it records none (a NIR file from any other
     * exporter).
     *
     * @param file names the file in errors
     * @throws IllegalArgumentException the recorded options are incomplete or malformed
     */
    public static Optional<CompileOptions> of(NirGraph graph, String file) {
        Map<String, Object> m = graph.metadata();
        if (!m.containsKey(PROFILE)) {
            return Optional.empty();
        }
        try {
            Entries e = new Entries(m);
            double[] sensor = m.containsKey(SENSOR) ? e.numbers(SENSOR, 2) : null;
            return Optional.of(new CompileOptions(e.number(DT), Profile.parse(e.text(PROFILE)),
                    Integrator.parse(e.text(INTEGRATOR)), e.integer(MAX_COUNT),
                    sensor == null ? null : new CompileOptions.Sensor(integral(sensor[0]), integral(sensor[1])),
                    m.containsKey(READOUT) ? readout(e.text(READOUT)) : null, e.number(INPUT_UNIT)));
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(file + ": invalid compile options in the NIR metadata (written by"
                    + " neuroedge export): " + ex.getMessage(), ex);
        }
    }

    private static ReadoutSpec.Kind readout(String text) {
        for (ReadoutSpec.Kind k : ReadoutSpec.Kind.values()) {
            if (k != ReadoutSpec.Kind.KIND_UNSPECIFIED && k != ReadoutSpec.Kind.UNRECOGNIZED
                    && k.name().equalsIgnoreCase(text)) {
                return k;
            }
        }
        throw new IllegalArgumentException("'" + READOUT + "' is '" + text
                + "', expected spike_count, membrane, first_spike or membrane_sum");
    }

    private static int integral(double v) {
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(v + " is not an integer");
        }
        return (int) v;
    }

    /** Typed access to the recorded entries; every error names the key. */
    private record Entries(Map<String, Object> m) {

        String text(String key) {
            if (!(m.get(key) instanceof String s)) {
                throw problem(key, "is missing or not text");
            }
            return s;
        }

        double number(String key) {
            return numbers(key, 1)[0];
        }

        int integer(String key) {
            return integral(number(key));
        }

        double[] numbers(String key, int count) {
            if (!(m.get(key) instanceof Tensor t) || t.size() != count) {
                throw problem(key, "is missing or not " + (count == 1 ? "a number" : count + " numbers"));
            }
            return t.toArray();
        }

        private static IllegalArgumentException problem(String key, String what) {
            return new IllegalArgumentException("'" + key + "' " + what);
        }
    }
}
