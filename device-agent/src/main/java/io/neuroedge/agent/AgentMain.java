package io.neuroedge.agent;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * Main class of the device jar ({@code java -jar neuroedge-device-agent-VERSION-all.jar --data-dir DIR});
 * the same options as {@code neuroedge agent}. Bad options or configuration end with one line on
 * stderr and exit code 2.
 */
@Command(name = "neuroedge-agent", mixinStandardHelpOptions = true, versionProvider = AgentMain.Version.class,
        description = "The NeuroEdge device agent: stores spike programs, runs them on streamed events, publishes results.")
public final class AgentMain implements Callable<Integer> {

    @Mixin
    AgentOptions options;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        AgentOptions.oneLineLogs();
        CommandLine cl = new CommandLine(new AgentMain());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            PrintWriter err = line.getErr();
            err.println("error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            err.flush();
            return e instanceof java.io.IOException || e instanceof IllegalArgumentException ? 2 : 70;
        });
        System.exit(cl.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        return options.runUntilStopped(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = AgentMain.class.getPackage().getImplementationVersion();
            return new String[] {"neuroedge-agent " + (v == null ? "dev" : v)};
        }
    }
}
