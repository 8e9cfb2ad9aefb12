package io.neuroedge.host.cli;

import io.neuroedge.host.agent.AgentClient;
import io.neuroedge.host.agent.ConnectionOptions;
import io.neuroedge.host.agent.Flasher;
import io.neuroedge.proto.agent.ProgramRef;
import io.neuroedge.proto.agent.ProgramVersion;
import io.neuroedge.runtime.program.ExecutionPlan;
import io.neuroedge.runtime.program.ProgramLoader;
import io.neuroedge.runtime.program.SpikePrograms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code neuroedge flash}: uploads a program to an agent; also rollback and the version list. */
@Command(name = "flash", mixinStandardHelpOptions = true,
        description = {"Uploads a spike program to a device agent, which verifies it, stores it and swaps it in"
                + " (the running program serves until then).",
                "--rollback re-activates the previous version; --list prints the stored versions."})
final class FlashCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PROGRAM.nsp", description = "The spike program.")
    Path program;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--name", paramLabel = "NAME", description = "Name on the device (default: the file name without .nsp).")
    String name;

    @Option(names = "--rollback", description = "Re-activate the previous version instead of uploading.")
    boolean rollback;

    @Option(names = "--list", description = "List the stored versions instead of uploading.")
    boolean list;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        int modes = (program != null ? 1 : 0) + (rollback ? 1 : 0) + (list ? 1 : 0);
        if (modes != 1) {
            throw new IllegalArgumentException("give exactly one of PROGRAM.nsp, --rollback, --list");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (AgentClient client = connection.connect(false, false)) {
            if (list) {
                var versions = Flasher.versions(client);
                if (json) {
                    var rows = new java.util.ArrayList<Object>();
                    for (ProgramVersion v : versions) {
                        Map<String, Object> row = Json.object();
                        row.put("name", v.getProgram().getName());
                        row.put("version", v.getProgram().getVersion());
                        row.put("sha256", SpikePrograms.hex(v.getProgram().getSha256().toByteArray()));
                        row.put("stored_unix_ms", v.getStoredUnixMs());
                        row.put("active", v.getActive());
                        rows.add(row);
                    }
                    out.println(Json.render(rows));
                } else {
                    for (ProgramVersion v : versions) {
                        out.printf("%s %-24s v%-4d %s%n", v.getActive() ? "*" : " ", v.getProgram().getName(),
                                v.getProgram().getVersion(), SpikePrograms.hex(v.getProgram().getSha256().toByteArray()));
                    }
                }
                out.flush();
                return 0;
            }
            ProgramRef active;
            if (rollback) {
                active = Flasher.rollback(client);
            } else {
                byte[] bytes = Files.readAllBytes(program);
                // catch a bad file here, with the local path in the message, before it crosses the network
                ExecutionPlan plan = new ProgramLoader().load(program);
                if (plan.input().events().isEmpty()) {
                    throw new IllegalArgumentException(program + ": the program declares no event encoding, so an agent"
                            + " cannot feed it camera events");
                }
                active = Flasher.flash(client, name != null ? name : Flasher.nameOf(program.getFileName().toString()), bytes);
            }
            report(out, active);
        }
        return 0;
    }

    private void report(PrintWriter out, ProgramRef active) {
        String sha = SpikePrograms.hex(active.getSha256().toByteArray());
        if (json) {
            Map<String, Object> doc = Json.object();
            doc.put("name", active.getName());
            doc.put("version", active.getVersion());
            doc.put("sha256", sha);
            out.println(Json.render(doc));
        } else {
            out.println("active: " + active.getName() + " v" + active.getVersion() + " (" + sha + ")");
        }
        out.flush();
    }
}
