package io.neuroedge.host.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * Entry point of the {@code neuroedge} command. Errors a user can cause (bad files, bad arguments)
 * end as one line on stderr and a non-zero exit code, never a stack trace; set
 * {@code NEUROEDGE_DEBUG=1} to see the trace of an unexpected failure.
 */
@Command(name = "neuroedge",
        mixinStandardHelpOptions = true,
        versionProvider = NeuroEdgeCli.Version.class,
        description = "Neuromorphic edge deployment toolkit: train, compile, run and benchmark spike programs; flash"
                + " them to a device agent and stream events to it.",
        subcommands = {CommandLine.HelpCommand.class, CompileCommand.class, ExportCommand.class, RunCommand.class, EvalCommand.class,
                InspectCommand.class, EventsCommand.class, BenchCommand.class, TrainCommand.class, AgentCommand.class,
                FlashCommand.class, StreamCommand.class, WatchCommand.class, DemoCommand.class, LearnCommand.class})
public final class NeuroEdgeCli implements Runnable {

    /** Exit code for input the command rejected (bad file, bad program, bad argument value). */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code for a failure that is a bug. */
    public static final int EXIT_INTERNAL = 70;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line; tests call {@code execute} on it. */
    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new NeuroEdgeCli());
        cl.setExecutionExceptionHandler(NeuroEdgeCli::handle);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean userError = e instanceof java.io.IOException
                || e instanceof io.neuroedge.runtime.program.InvalidProgramException
                || e instanceof IllegalArgumentException;
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException) {
            message = "no such file: " + message;
        }
        err.println("error: " + message);
        if (!userError) {
            err.println("(internal error " + e.getClass().getName() + "; set NEUROEDGE_DEBUG=1 for the stack trace)");
        }
        if (System.getenv("NEUROEDGE_DEBUG") != null) {
            e.printStackTrace(err);
        }
        err.flush();
        return userError ? EXIT_BAD_INPUT : EXIT_INTERNAL;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = NeuroEdgeCli.class.getPackage().getImplementationVersion();
            return new String[] {"neuroedge " + (v == null ? "dev" : v)};
        }
    }
}
