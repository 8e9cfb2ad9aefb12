package io.neuroedge.host.cli;

import io.neuroedge.compiler.lower.CompiledProgram;
import io.neuroedge.compiler.lower.NirCompiler;
import io.neuroedge.compiler.nir.NirFormatException;
import io.neuroedge.compiler.profile.CompileOptions;
import io.neuroedge.compiler.profile.Integrator;
import io.neuroedge.compiler.profile.Profile;
import io.neuroedge.runtime.program.SpikePrograms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code neuroedge compile}: a NIR model to a fixed-point spike program, with a quantisation report. */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = "Compile a NIR model (.nir) into a spike program (.nsp) for a step length dt and print the"
                + " compile report (per-layer scales, weight error, leaks, input shift, thresholds, memory, ops).")
final class CompileCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.nir", description = "The NIR model.")
    Path model;

    @Option(names = "--dt", required = true, paramLabel = "SECONDS", description = "Step length in seconds, e.g. 1e-3.")
    double dt;

    @Option(names = "--profile", defaultValue = "norse", paramLabel = "norse|snntorch|sinabs",
            description = "Exporter conventions (reset, IF gain, floor). Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--integrator", defaultValue = "euler", paramLabel = "euler|exact",
            description = "Leak discretisation. Default: ${DEFAULT-VALUE}.")
    String integrator;

    @Option(names = "--max-count", defaultValue = "15", paramLabel = "N",
            description = "Input count per element and step above which input saturates (1..127). Default: ${DEFAULT-VALUE}.")
    int maxCount;

    @Option(names = "--sensor", paramLabel = "WxH",
            description = "Camera size when larger than the model's input (e.g. 128x128): events are downsampled by a"
                    + " power of two and the centred window of the input's size is used.")
    String sensor;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "PROGRAM.nsp", description = "Where to write the program.")
    Path output;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        CompileOptions options = new CompileOptions(dt, Profile.parse(profile), Integrator.parse(integrator), maxCount,
                sensor == null ? null : CompileOptions.Sensor.parse(sensor));
        CompiledProgram p;
        try {
            p = new NirCompiler().compile(model, options, commandLine());
        } catch (NirFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        SpikePrograms.write(p.body(), output);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(p.report().json());
        } else {
            out.print(p.report().text());
            out.println("written:    " + output + " (" + p.plan().digest() + ")");
        }
        out.flush();
        return 0;
    }

    private String commandLine() {
        StringBuilder sb = new StringBuilder("neuroedge compile");
        for (String a : spec.commandLine().getParseResult().originalArgs()) {
            sb.append(' ').append(a);
        }
        return sb.toString();
    }
}
