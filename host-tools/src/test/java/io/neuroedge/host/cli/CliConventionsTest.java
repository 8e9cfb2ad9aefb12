package io.neuroedge.host.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every command shares: help renders cleanly, usage errors are two lines, exit codes differ by kind. */
class CliConventionsTest {

    @Test
    void everyCommandsHelpRendersWithoutPicocliWarnings() {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(warnings, true)); // picocli's tracer writes its warnings here
        try {
            visit(NeuroEdgeCli.newCommandLine());
        } finally {
            System.setErr(saved);
        }
        assertEquals("", warnings.toString(), "a description with a literal % or a broken format");
    }

    private static void visit(CommandLine cl) {
        StringWriter out = new StringWriter();
        cl.usage(new PrintWriter(out));
        assertTrue(out.toString().contains("Usage: "), cl.getCommandName());
        cl.getSubcommands().values().forEach(CliConventionsTest::visit);
    }

    @Test
    void aMistypedCommandLineIsOneLinePlusWhereToLook() {
        RunCommandTest.Run r = RunCommandTest.cli("compile", "--no-such-option", "x.nir", "-o", "x.nsp");
        assertEquals(ExitCodes.USAGE, r.exit());
        assertEquals(2, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: Unknown option: '--no-such-option'"), r.err());
        assertTrue(r.err().contains("try: neuroedge compile --help"), r.err());
    }

    @Test
    void exitCodesTellFailuresApart() {
        assertEquals(ExitCodes.NO_INPUT, RunCommandTest.cli("inspect", "/no/such/program.nsp").exit());
        assertEquals(ExitCodes.USAGE, RunCommandTest.cli("inspect").exit());
        assertEquals(ExitCodes.UNAVAILABLE, RunCommandTest.cli("flash", "--list", "--agent", "127.0.0.1:1").exit());
        assertEquals(ExitCodes.AGENT_REFUSED, ExitCodes.of(new io.neuroedge.host.agent.AgentRequestException(
                io.neuroedge.proto.agent.Error.Code.INVALID_PROGRAM, "digest mismatch")));
        assertEquals(ExitCodes.UNAVAILABLE, ExitCodes.of(new io.neuroedge.host.agent.AgentRequestException(
                io.neuroedge.proto.agent.Error.Code.UNKNOWN, "connection closed")));
        assertEquals(ExitCodes.INTERNAL, ExitCodes.of(new IllegalStateException("bug")));
    }

    @Test
    void shellCompletionIsGenerated() {
        RunCommandTest.Run r = RunCommandTest.cli("generate-completion");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("complete -F") && r.out().contains("compile"), r.out().substring(0, 200));
    }
}
