package io.neuroedge.host.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * Entry point of the {@code neuroedge} command. Errors a user can cause (bad files, bad arguments,
 * an unreachable or refusing agent) end as one line on stderr and an exit code that says which kind
 * ({@link ExitCodes}), never a stack trace; set {@code NEUROEDGE_DEBUG=1} to see the trace of an
 * unexpected failure.
 */
@Command(name = "neuroedge",
        mixinStandardHelpOptions = true,
        versionProvider = NeuroEdgeCli.Version.class,
        description = "Neuromorphic edge deployment toolkit: train, compile, run and benchmark spike programs; flash"
                + " them to a device agent and stream events to it.",
        subcommands = {CommandLine.HelpCommand.class, CompileCommand.class, ExportCommand.class, RunCommand.class, EvalCommand.class,
                InspectCommand.class, EventsCommand.class, BenchCommand.class, TrainCommand.class, AgentCommand.class,
                FlashCommand.class, StreamCommand.class, WatchCommand.class, DemoCommand.class, LearnCommand.class,
                picocli.AutoComplete.GenerateCompletion.class})
public final class NeuroEdgeCli implements Runnable {

    /** Exit code for input the command rejected (see {@link ExitCodes#BAD_INPUT}). */
    public static final int EXIT_BAD_INPUT = ExitCodes.BAD_INPUT;
    /** Exit code for a failure that is a bug (see {@link ExitCodes#INTERNAL}). */
    public static final int EXIT_INTERNAL = ExitCodes.INTERNAL;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code;
        try {
            code = newCommandLine().execute(args);
        } catch (OutOfMemoryError e) {
            // a hostile or huge input: one line, not a stack trace (the heap is released by now)
            System.err.println("error: out of memory (" + e.getMessage() + "); the input is larger than this JVM's"
                    + " heap allows (raise it with NEUROEDGE_JAVA_OPTS=-Xmx...)");
            code = ExitCodes.BAD_INPUT;
        }
        System.exit(code);
    }

    /** The configured command line; tests call {@code execute} on it. */
    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new NeuroEdgeCli());
        cl.setExecutionExceptionHandler(NeuroEdgeCli::handle);
        cl.setParameterExceptionHandler(NeuroEdgeCli::usageError);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /** A mistyped command line: one line and where to look, not the whole usage. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("error: " + e.getMessage());
        err.println("try: " + cl.getCommandSpec().qualifiedName(" ") + " --help");
        err.flush();
        return ExitCodes.USAGE;
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        int code = ExitCodes.of(e);
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException) {
            message = "no such file: " + message;
        } else if (e instanceof java.nio.file.AccessDeniedException) {
            message = "cannot read: " + message;
        }
        err.println("error: " + message);
        if (code == ExitCodes.INTERNAL) {
            err.println("(internal error " + e.getClass().getName() + "; set NEUROEDGE_DEBUG=1 for the stack trace)");
        }
        if (System.getenv("NEUROEDGE_DEBUG") != null) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
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
