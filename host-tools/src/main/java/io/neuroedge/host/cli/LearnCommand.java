package io.neuroedge.host.cli;

import io.neuroedge.host.agent.AgentClient;
import io.neuroedge.host.agent.ConnectionOptions;
import io.neuroedge.proto.agent.Envelope;
import io.neuroedge.proto.agent.LearnControl;
import io.neuroedge.runtime.io.AtomicFiles;
import io.neuroedge.runtime.program.ProgramLoader;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code neuroedge learn}: controls on-device STOP on an agent. Labelled windows come from
 * {@code neuroedge stream DIR --labels CSV --supervise}.
 */
@Command(name = "learn", mixinStandardHelpOptions = true,
        description = {"Controls on-device STOP learning of the agent's active program: --enable / --disable"
                + " plasticity, --checkpoint (store the learned program on the device as a new version) or --export"
                + " FILE (fetch it; the file is verified like any program).",
                "Teach with `neuroedge stream DIR --labels CSV --supervise`; see docs/learning.md."})
final class LearnCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    static final class Action {
        @Option(names = "--enable", description = "Start learning from supervised windows.")
        boolean enable;

        @Option(names = "--disable", description = "Freeze the learned parameters.")
        boolean disable;

        @Option(names = "--checkpoint", description = "Store the learned program on the device as a new version.")
        boolean checkpoint;

        @Option(names = "--export", paramLabel = "FILE", description = "Fetch the learned program into FILE.")
        Path export;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Action action;

    @Option(names = "--json", description = "Print {\"learning\"} (enable/disable), {\"stored\": {\"name\", \"version\"}}"
            + " (checkpoint) or {\"exported\", \"bytes\", \"program\", \"digest\"} (export).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (AgentClient client = connection.connect(false, true)) {
            if (action.export != null) {
                byte[] program = client.exportLearnedProgram(60_000);
                var plan = new ProgramLoader().load(program);
                AtomicFiles.write(action.export, program);
                if (json) {
                    Map<String, Object> doc = Json.object();
                    doc.put("exported", action.export.toString());
                    doc.put("bytes", program.length);
                    doc.put("program", plan.name());
                    doc.put("digest", plan.digest());
                    out.println(Json.render(doc));
                } else {
                    out.println("exported " + program.length + " bytes to " + action.export + " (program '"
                            + plan.name() + "', " + plan.digest() + ")");
                }
            } else {
                LearnControl.Builder c = LearnControl.newBuilder();
                if (action.checkpoint) {
                    c.setCheckpoint(LearnControl.Checkpoint.getDefaultInstance());
                } else {
                    c.setEnable(action.enable);
                }
                Envelope answer = client.request(Envelope.newBuilder().setLearn(c), 60_000);
                Map<String, Object> doc = Json.object();
                if (action.checkpoint) {
                    var ref = answer.getDeploy().getAck().getActive();
                    Map<String, Object> stored = Json.object();
                    stored.put("name", ref.getName());
                    stored.put("version", ref.getVersion());
                    doc.put("stored", stored);
                    if (!json) {
                        out.println("learned program stored as " + ref.getName() + " v" + ref.getVersion());
                    }
                } else {
                    doc.put("learning", action.enable ? "enabled" : "disabled");
                    if (!json) {
                        out.println("learning " + (action.enable ? "enabled" : "disabled"));
                    }
                }
                if (json) {
                    out.println(Json.render(doc));
                }
            }
        }
        out.flush();
        return 0;
    }
}
