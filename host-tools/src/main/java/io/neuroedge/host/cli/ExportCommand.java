package io.neuroedge.host.cli;

import io.neuroedge.compiler.lower.ModelCompiler;
import io.neuroedge.compiler.lower.ModelNirExporter;
import io.neuroedge.compiler.profile.CompileOptions;
import io.neuroedge.proto.model.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code neuroedge export}: a trained model ({@code .nem}) as a NIR file that {@code neuroedge
 * compile} turns into the same program as the model itself, and that other NIR tools can read.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export a trained model (.nem from `neuroedge train`) to NIR (.nir): Linear/Conv2d, LIF/IF,"
                + " SumPool2d, Flatten and an LI readout in snnTorch's conventions (subtractive reset, forward Euler).",
                "The file records its compile options (profile, dt, input bound and unit, readout) in the NIR"
                        + " metadata, so `neuroedge compile MODEL.nir -o PROGRAM.nsp` needs no flags and gives the"
                        + " same program as compiling the .nem. See docs/nir.md."})
final class ExportCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.nem", description = "The trained model.")
    Path model;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "MODEL.nir", description = "Where to write the NIR file.")
    Path output;

    @Option(names = "--json", description = "Print {\"output\", \"profile\", \"integrator\", \"dt\", \"max_count\","
            + " \"input_unit\", \"readout\"} (the recorded compile options).")
    boolean json;

    @Override
    public Integer call() throws IOException {
        byte[] bytes = Files.readAllBytes(model);
        if (!ModelCompiler.looksLikeModel(bytes)) {
            throw new IllegalArgumentException(model + ": not a trained model (.nem from `neuroedge train`)");
        }
        TrainedModel trained = ModelCompiler.parse(bytes, model.toString());
        CompileOptions recorded = new ModelNirExporter().export(trained, output);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> o = Json.object();
            o.put("output", output.toString());
            o.put("profile", recorded.profile().id());
            o.put("integrator", recorded.integrator().id());
            o.put("dt", recorded.dt());
            o.put("max_count", recorded.maxCount());
            o.put("input_unit", recorded.inputUnit());
            o.put("readout", recorded.readout().name().toLowerCase(Locale.ROOT));
            out.println(Json.render(o));
        } else {
            out.print(summary(output, recorded));
        }
        out.flush();
        return 0;
    }

    /** What an export wrote and how to compile it; shared with {@code train -o MODEL.nir}. */
    static String summary(Path nir, CompileOptions recorded) {
        return String.format(Locale.ROOT, "written: %s (NIR; %s profile, %s, dt %s s, input counts up to %d, %s readout)%n"
                        + "compile: neuroedge compile %s -o PROGRAM.nsp   (the file records these options; same program"
                        + " as compiling the .nem)%n", nir, recorded.profile().id(), recorded.integrator().id(),
                recorded.dt(), recorded.maxCount(), recorded.readout().name().toLowerCase(Locale.ROOT), nir);
    }
}
