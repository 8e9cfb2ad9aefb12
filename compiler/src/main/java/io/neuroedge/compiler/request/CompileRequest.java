package io.neuroedge.compiler.request;

import io.neuroedge.compiler.profile.CompileOptions;
import io.neuroedge.runtime.input.EventFilterSpec;
import io.neuroedge.compiler.profile.Integrator;
import io.neuroedge.compiler.profile.Profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code neuroedge compile} was asked for: the options given on the command line (null when not
 * given, kept as typed so they are parsed, and rejected, at the moment they are used), the sample
 * recordings to calibrate on, and the command line recorded in the program. Resolves the options
 * against those a NIR file from {@code neuroedge export} records and the defaults.
 *
 * @param dt          step length in seconds, or null
 * @param profile     exporter conventions ({@link Profile#parse}), or null
 * @param integrator  leak discretisation ({@link Integrator#parse}), or null
 * @param maxCount    input count bound, or null
 * @param sensor      camera size {@code WxH}, or null
 * @param calibration lists the sample recordings, or null without {@code --calibrate}
 * @param commandLine how the program was made, written into it
 * @param filters     the event filters the program carries ({@link EventFilterSpec#NONE}: none)
 */
public record CompileRequest(Double dt, String profile, String integrator, Integer maxCount, String sensor,
                             SampleRecordings.Source calibration, String commandLine, EventFilterSpec filters) {

    /** A request for a program without event filters. */
    public CompileRequest(Double dt, String profile, String integrator, Integer maxCount, String sensor,
                          SampleRecordings.Source calibration, String commandLine) {
        this(dt, profile, integrator, maxCount, sensor, calibration, commandLine, EventFilterSpec.NONE);
    }

    public CompileRequest {
        java.util.Objects.requireNonNull(filters, "filters");
    }

    /** The given options, falling back on what the file records, then on the defaults; {@code count} bounds input. */
    public CompileOptions resolve(int count, Optional<CompileOptions> recorded) {
        CompileOptions r = recorded.orElse(null);
        return new CompileOptions(dt != null ? dt : r.dt(),
                profile != null ? Profile.parse(profile) : r != null ? r.profile() : Profile.NORSE,
                integrator != null ? Integrator.parse(integrator) : r != null ? r.integrator() : Integrator.EULER,
                count, sensor != null ? CompileOptions.Sensor.parse(sensor) : r != null ? r.sensor() : null,
                r != null ? r.readout() : null, r != null ? r.inputUnit() : 1);
    }

    /** The input bound when neither calibration decides it: given, else recorded, else the default. */
    public int maxCount(Optional<CompileOptions> recorded) {
        return maxCount != null ? maxCount
                : recorded.map(CompileOptions::maxCount).orElse(CompileOptions.DEFAULT_MAX_COUNT);
    }

    /** The given options that depart from the recorded ones, as their flags, in command-line order. */
    public List<String> overrides(CompileOptions recorded) {
        List<String> overridden = new ArrayList<>();
        if (dt != null && dt != recorded.dt()) {
            overridden.add("--dt");
        }
        if (profile != null && Profile.parse(profile) != recorded.profile()) {
            overridden.add("--profile");
        }
        if (integrator != null && Integrator.parse(integrator) != recorded.integrator()) {
            overridden.add("--integrator");
        }
        if (maxCount != null && maxCount != recorded.maxCount()) {
            overridden.add("--max-count");
        }
        return overridden;
    }

    /** Says where the options came from, and which given options depart from the recorded ones. */
    public List<String> notes(Optional<CompileOptions> recorded) {
        List<String> notes = new ArrayList<>();
        if (recorded.isEmpty()) {
            return notes;
        }
        CompileOptions r = recorded.get();
        notes.add(String.format(Locale.ROOT, "compile options recorded by neuroedge export: --profile %s --integrator"
                        + " %s --dt %s --max-count %d%s, input unit %s, readout %s", r.profile().id(), r.integrator().id(),
                r.dt(), r.maxCount(), r.sensor() == null ? "" : " --sensor " + r.sensor().width() + "x"
                        + r.sensor().height(), r.inputUnit(), r.readout() == null ? "default"
                        : r.readout().name().toLowerCase(Locale.ROOT)));
        List<String> overridden = overrides(r);
        if (!overridden.isEmpty()) {
            notes.add(String.join(", ", overridden) + " given: the program no longer reproduces the exported model");
        }
        return notes;
    }
}
