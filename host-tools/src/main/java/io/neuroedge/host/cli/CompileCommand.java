package io.neuroedge.host.cli;

import io.neuroedge.compiler.lower.CompiledProgram;
import io.neuroedge.compiler.lower.ModelCompiler;
import io.neuroedge.compiler.lower.NirCompiler;
import io.neuroedge.compiler.report.CompileReport;
import io.neuroedge.runtime.program.ExecutionPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import io.neuroedge.compiler.nir.NirFormatException;
import io.neuroedge.compiler.nir.NirReader;
import io.neuroedge.compiler.profile.CompileOptions;
import io.neuroedge.compiler.profile.Integrator;
import io.neuroedge.compiler.profile.Profile;
import io.neuroedge.compiler.profile.RecordedOptions;
import io.neuroedge.runtime.program.SpikePrograms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code neuroedge compile}: a NIR model or a trained model ({@code .nem}) to a fixed-point spike
 * program, with a quantisation report.
 */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = "Compile a NIR model (.nir, needs --dt unless it came from `neuroedge export`) or a model from"
                + " `neuroedge train` (.nem) into a spike program (.nsp) and print the compile report (per-layer scales,"
                + " weight error, leaks, input shift, thresholds, memory, ops).")
final class CompileCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The NIR model (.nir) or trained model (.nem).")
    Path model;

    @Option(names = "--dt", paramLabel = "SECONDS",
            description = "Step length in seconds, e.g. 1e-3 (NIR models; a trained model carries its own steps, a NIR"
                    + " file from `neuroedge export` records its own).")
    Double dt;

    @Option(names = "--profile", paramLabel = "norse|snntorch|sinabs|rockpool|lava",
            description = "Exporter conventions (reset, IF gain, floor). Default: norse, or the profile a NIR file from"
                    + " `neuroedge export` records.")
    String profile;

    @Option(names = "--integrator", paramLabel = "euler|exact",
            description = "Leak discretisation. Default: euler, or what the file records.")
    String integrator;

    @Option(names = "--max-count", paramLabel = "N",
            description = "Input count per element and step above which input saturates (1..127). Default: what a file"
                    + " from `neuroedge export` records, else 15, or with --calibrate the smallest count that covers"
                    + " 99.9% of the counts in the sample recordings.")
    Integer maxCount;

    @Option(names = "--calibrate", paramLabel = "DIR",
            description = "Folder of sample event recordings: picks --max-count from their counts and reports how"
                    + " often the fixed-point program agrees with its float reference on them.")
    Path calibrate;

    @Option(names = "--calibrate-limit", defaultValue = "100", paramLabel = "N",
            description = "Use at most N recordings of the calibration folder (sorted by name). Default: ${DEFAULT-VALUE}.")
    int calibrateLimit;

    @Option(names = "--sensor", paramLabel = "WxH",
            description = "Camera size when larger than the model's input (e.g. 128x128): events are downsampled by a"
                    + " power of two and the centred window of the input's size is used.")
    String sensor;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "PROGRAM.nsp", description = "Where to write the program.")
    Path output;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException, InterruptedException {
        byte[] head = readHead(model);
        if (ModelCompiler.looksLikeModel(head)) {
            return compileTrained();
        }
        Optional<CompileOptions> recorded = recordedOptions();
        if (dt == null && recorded.isEmpty()) {
            throw new IllegalArgumentException("--dt is required to compile a NIR model (e.g. --dt 1e-3)");
        }
        List<Path> samples = calibrate == null ? List.of() : Calibration.recordings(calibrate, calibrateLimit);
        int count = maxCount != null ? maxCount
                : recorded.map(CompileOptions::maxCount).orElse(CompileOptions.DEFAULT_MAX_COUNT);
        String rule = maxCount != null ? "given" : "recorded by neuroedge export";
        if (maxCount == null && recorded.isEmpty() && !samples.isEmpty()) {
            // bin the samples through a program that saturates nowhere, then keep 99.9 % of the counts
            ExecutionPlan probe = compile(options(127, recorded)).plan();
            count = Calibration.maxCount(probe, samples, 0.999);
            rule = "99.9% of the sample counts are <= " + count;
        }
        CompiledProgram p = compile(options(count, recorded));
        CompileReport report = p.report();
        for (String note : recordedNotes(recorded)) {
            report = report.withNote(note);
        }
        if (!samples.isEmpty()) {
            report = report.withCalibration(Calibration.agreement(p.plan(), samples, rule));
        }
        write(p, report);
        return 0;
    }

    /** The options a NIR file from {@code neuroedge export} records; empty for files of other exporters. */
    private Optional<CompileOptions> recordedOptions() throws IOException {
        try {
            return RecordedOptions.of(new NirReader().read(model), model.toString());
        } catch (NirFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Says where the options came from, and which given options depart from the recorded ones. */
    private List<String> recordedNotes(Optional<CompileOptions> recorded) {
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
        List<String> overridden = new ArrayList<>();
        if (dt != null && dt != r.dt()) {
            overridden.add("--dt");
        }
        if (profile != null && Profile.parse(profile) != r.profile()) {
            overridden.add("--profile");
        }
        if (integrator != null && Integrator.parse(integrator) != r.integrator()) {
            overridden.add("--integrator");
        }
        if (maxCount != null && maxCount != r.maxCount()) {
            overridden.add("--max-count");
        }
        if (!overridden.isEmpty()) {
            notes.add(String.join(", ", overridden) + " given: the program no longer reproduces the exported model");
        }
        return notes;
    }

    private Integer compileTrained() throws IOException {
        if (dt != null || calibrate != null || maxCount != null) {
            throw new IllegalArgumentException("--dt, --max-count and --calibrate apply to NIR models; "
                    + model + " is a trained model with its own step and input encoding");
        }
        CompiledProgram p = new ModelCompiler().compile(model, sensor == null ? null
                : CompileOptions.Sensor.parse(sensor), commandLine());
        write(p, p.report());
        return 0;
    }

    private void write(CompiledProgram p, CompileReport report) throws IOException {
        SpikePrograms.write(p.body(), output);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(report.json());
        } else {
            out.print(report.text());
            out.println("written:    " + output + " (" + p.plan().digest() + ")");
        }
        out.flush();
    }

    private static byte[] readHead(Path file) throws IOException {
        try (var in = java.nio.file.Files.newInputStream(file)) {
            return in.readNBytes(8);
        }
    }

    /** The given options, falling back on what the file records, then on the defaults. */
    private CompileOptions options(int count, Optional<CompileOptions> recorded) {
        CompileOptions r = recorded.orElse(null);
        return new CompileOptions(dt != null ? dt : r.dt(),
                profile != null ? Profile.parse(profile) : r != null ? r.profile() : Profile.NORSE,
                integrator != null ? Integrator.parse(integrator) : r != null ? r.integrator() : Integrator.EULER,
                count, sensor != null ? CompileOptions.Sensor.parse(sensor) : r != null ? r.sensor() : null,
                r != null ? r.readout() : null, r != null ? r.inputUnit() : 1);
    }

    private CompiledProgram compile(CompileOptions options) throws IOException {
        try {
            return new NirCompiler().compile(model, options, commandLine());
        } catch (NirFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private String commandLine() {
        StringBuilder sb = new StringBuilder("neuroedge compile");
        for (String a : spec.commandLine().getParseResult().originalArgs()) {
            sb.append(' ').append(a);
        }
        return sb.toString();
    }
}
