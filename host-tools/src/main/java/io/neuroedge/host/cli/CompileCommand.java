package io.neuroedge.host.cli;

import io.neuroedge.compiler.lower.CompiledProgram;
import io.neuroedge.compiler.report.CompileReport;
import io.neuroedge.compiler.request.CompileRequest;
import io.neuroedge.compiler.request.RequestCompiler;
import io.neuroedge.host.plot.CompileReportPage;
import io.neuroedge.runtime.input.EventFilterSpec;
import io.neuroedge.runtime.input.PolarityFilter;
import io.neuroedge.runtime.io.AtomicFiles;
import io.neuroedge.runtime.program.SpikePrograms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code neuroedge compile}: a NIR model or a trained model ({@code .nem}) to a fixed-point spike
 * program, with a quantisation report. Parses and prints only: the options are resolved and the
 * calibration pass run by the compiler's {@link RequestCompiler}; this command supplies the sample
 * recordings it decodes ({@link RecordingFolder}).
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
                    + " 99.9%% of the counts in the sample recordings.")
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

    @Option(names = "--polarity", paramLabel = "both|on|off|merge", defaultValue = "both",
            description = "Event filter the program carries: keep both polarities, ON only, OFF only, or every event as ON."
                    + " Default: ${DEFAULT-VALUE}.")
    String polarity;

    @Option(names = "--refractory-us", paramLabel = "US", defaultValue = "0",
            description = "Event filter the program carries: a pixel passes at most one event per US microseconds"
                    + " (0: off, at most 10000000).")
    long refractoryUs;

    @Option(names = "--denoise-us", paramLabel = "US", defaultValue = "0",
            description = "Event filter the program carries: an event passes only if a neighbouring pixel had one at"
                    + " most US microseconds earlier (background-activity filter; 0: off, at most 10000000).")
    long denoiseUs;

    @Option(names = "--report-html", paramLabel = "FILE.html",
            description = "Also write the report as a one-page HTML file with charts of the weight scales and the"
                    + " quantisation error.")
    Path reportHtml;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "PROGRAM.nsp", description = "Where to write the program.")
    Path output;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException, InterruptedException {
        CompileRequest request = new CompileRequest(dt, profile, integrator, maxCount, sensor,
                calibrate == null ? null : () -> RecordingFolder.open(calibrate, calibrateLimit), commandLine(),
                filters());
        CompiledProgram p = new RequestCompiler().compile(model, request);
        write(p);
        return 0;
    }

    private void write(CompiledProgram p) throws IOException {
        CompileReport report = p.report();
        SpikePrograms.write(p.body(), output);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(report.json());
        } else {
            out.print(report.text());
            out.println("written:    " + output + " (" + p.plan().digest() + ")");
        }
        out.flush();
        if (reportHtml != null) {
            AtomicFiles.write(reportHtml, CompileReportPage.html(report).getBytes(StandardCharsets.UTF_8));
            spec.commandLine().getErr().println("wrote " + reportHtml);
        }
    }

    private EventFilterSpec filters() {
        PolarityFilter.Mode mode = switch (polarity.toLowerCase(Locale.ROOT)) {
            case "both" -> PolarityFilter.Mode.BOTH;
            case "on" -> PolarityFilter.Mode.ON_ONLY;
            case "off" -> PolarityFilter.Mode.OFF_ONLY;
            case "merge" -> PolarityFilter.Mode.MERGE;
            default -> throw new IllegalArgumentException("--polarity " + polarity + ": expected both, on, off or merge");
        };
        for (long us : new long[] {refractoryUs, denoiseUs}) {
            if (us < 0 || us > EventFilterSpec.MAX_PERIOD_US) {
                throw new IllegalArgumentException((us == refractoryUs ? "--refractory-us " : "--denoise-us ") + us
                        + " must be 0.." + EventFilterSpec.MAX_PERIOD_US);
            }
        }
        return new EventFilterSpec(mode, refractoryUs, denoiseUs);
    }

    private String commandLine() {
        StringBuilder sb = new StringBuilder("neuroedge compile");
        for (String a : spec.commandLine().getParseResult().originalArgs()) {
            sb.append(' ').append(a);
        }
        return sb.toString();
    }
}
