package io.neuroedge.compiler.profile;

import io.neuroedge.proto.program.ReadoutSpec;
import java.util.Objects;

/**
 * The choices NIR leaves to the importer.
 *
 * @param dt         step length in seconds (also the event bin length of camera inputs)
 * @param profile    the exporter's conventions
 * @param integrator forward Euler or exact exponential leaks
 * @param maxCount   per-element input count per step the program accepts (1..127)
 * @param sensor     the camera the program will see, when larger than the model's input (null: the
 *                   model's input size is the sensor size)
 * @param readout    how the program decides, or null for the default: the final membrane when the
 *                   last population is LI, else the spike count
 * @param inputUnit  real value of one input count: 1 for spikes and event counts; 1/127 for
 *                   intensities in [0, 1] fed as counts 0..127
 */
public record CompileOptions(double dt, Profile profile, Integrator integrator, int maxCount, Sensor sensor,
                             ReadoutSpec.Kind readout, double inputUnit) {

    /** A camera's pixel array, e.g. {@code 128x128} for a DVS128. */
    public record Sensor(int width, int height) {

        public Sensor {
            if (width < 1 || height < 1 || width > 65536 || height > 65536) {
                throw new IllegalArgumentException("--sensor " + width + "x" + height + " must be 1..65536 in each dimension");
            }
        }

        /** Parses {@code WxH}. */
        public static Sensor parse(String text) {
            String[] parts = text.trim().toLowerCase(java.util.Locale.ROOT).split("x");
            try {
                if (parts.length == 2) {
                    return new Sensor(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("--sensor '" + text + "' is not WIDTHxHEIGHT, e.g. 128x128");
        }
    }

    /** Options with the default readout and unit input counts. */
    public CompileOptions(double dt, Profile profile, Integrator integrator, int maxCount, Sensor sensor) {
        this(dt, profile, integrator, maxCount, sensor, null, 1);
    }

    /** Options for a camera exactly the model's input size. */
    public CompileOptions(double dt, Profile profile, Integrator integrator, int maxCount) {
        this(dt, profile, integrator, maxCount, null);
    }

    /** The command line's default input saturation. */
    public static final int DEFAULT_MAX_COUNT = 15;

    /** Rejects a non-positive dt, an input bound the format cannot hold and a non-positive input unit. */
    public CompileOptions {
        if (!(dt > 0) || Double.isInfinite(dt)) {
            throw new IllegalArgumentException("--dt must be a positive number of seconds, got " + dt);
        }
        if (dt > 10) {
            throw new IllegalArgumentException("--dt " + dt + " s is not a plausible step length (seconds, e.g. 1e-3)");
        }
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(integrator, "integrator");
        if (maxCount < 1 || maxCount > 127) {
            throw new IllegalArgumentException("--max-count must be in 1..127, got " + maxCount);
        }
        if (!(inputUnit > 0) || Double.isInfinite(inputUnit)) {
            throw new IllegalArgumentException("input unit must be a positive number, got " + inputUnit);
        }
        if (readout == ReadoutSpec.Kind.KIND_UNSPECIFIED || readout == ReadoutSpec.Kind.UNRECOGNIZED) {
            throw new IllegalArgumentException("readout " + readout + " is not a readout kind");
        }
    }

    /** Norse profile, forward Euler, default input saturation. */
    public static CompileOptions of(double dt) {
        return new CompileOptions(dt, Profile.NORSE, Integrator.EULER, DEFAULT_MAX_COUNT);
    }
}
