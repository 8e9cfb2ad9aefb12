package io.neuroedge.host.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code neuroedge} command. */
@Command(name = "neuroedge",
        mixinStandardHelpOptions = true,
        versionProvider = NeuroEdgeCli.Version.class,
        description = "Neuromorphic edge deployment toolkit: compile, run and benchmark spike programs.",
        subcommands = {CommandLine.HelpCommand.class})
public final class NeuroEdgeCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line; tests call {@code execute} on it. */
    public static CommandLine newCommandLine() {
        return new CommandLine(new NeuroEdgeCli());
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = NeuroEdgeCli.class.getPackage().getImplementationVersion();
            return new String[] {"neuroedge " + (v == null ? "dev" : v)};
        }
    }
}
