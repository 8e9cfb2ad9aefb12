package io.neuroedge.host.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroedge.agent.server.AgentConfig;
import io.neuroedge.runtime.testing.SharedTestData;
import io.neuroedge.host.cli.NeuroEdgeCli;
import io.neuroedge.runtime.ondevice.DeviceLearner;
import io.neuroedge.runtime.program.ProgramLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * On-device learning from the command line against a real agent on loopback: a program trained on
 * real N-MNIST recordings is flashed, taught with supervised windows, checkpointed on the device
 * and exported back to the host.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AgentLearningTest {

    @TempDir
    Path dir;

    @Test
    void learnSuperviseCheckpointAndExportFromTheCommandLine() throws Exception {
        Path nmnist = SharedTestData.resolve("dvs/nmnist");
        Path model = dir.resolve("n.nem");
        Path nsp = dir.resolve("n.nsp");
        assertEquals(0, exit("train", "--dataset", "nmnist:" + nmnist, "--arch", "2312-32-10", "--algo", "stop-w",
                "--steps", "8", "--limit", "200", "--test-limit", "50", "--epochs", "1", "-o", model.toString()));
        assertEquals(0, exit("compile", model.toString(), "-o", nsp.toString()));
        List<String> rows = Files.readAllLines(nmnist.resolve("labels.csv"));
        Path labels = dir.resolve("teach.csv");
        Files.write(labels, rows.subList(0, 41)); // header + 40 recordings

        try (LoopbackAgent agent = LoopbackAgent.learning(AgentConfig.loopback(0, dir.resolve("data")),
                DeviceLearner.Options.defaults())) {
            String a = agent.address.toString();
            assertEquals(0, exit("flash", nsp.toString(), "--agent", a));
            assertTrue(run("learn", "--enable", "--agent", a).contains("learning enabled"));
            String streamed = run("stream", nmnist.toString(), "--labels", labels.toString(), "--supervise",
                    "--speed", "max", "--agent", a, "--json");
            assertTrue(streamed.contains("\"recordings\": 40"), streamed);
            assertEquals("{\"learning\": \"disabled\"}", run("learn", "--disable", "--agent", a, "--json").strip());
            assertTrue(run("learn", "--checkpoint", "--agent", a).contains("learned program stored as n v2"));

            Path exported = dir.resolve("learned.nsp");
            assertTrue(run("learn", "--export", exported.toString(), "--agent", a).contains("exported"));
            byte[] learned = Files.readAllBytes(exported);
            new ProgramLoader().load(learned); // verifies
            assertFalse(Arrays.equals(learned, Files.readAllBytes(nsp)), "the weights changed on the device");
            assertTrue(run("flash", "--list", "--agent", a).contains("v2"));
        }
    }

    @Test
    void supervisingWithoutLabelsIsAOneLineError() {
        StringWriter err = new StringWriter();
        var cl = NeuroEdgeCli.newCommandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        assertEquals(NeuroEdgeCli.EXIT_BAD_INPUT, cl.execute("stream", dir.toString(), "--supervise", "--agent",
                "127.0.0.1:1"));
        assertTrue(err.toString().contains("--supervise needs --labels"), err.toString());
    }

    private static int exit(String... args) {
        var cl = NeuroEdgeCli.newCommandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        assertEquals(0, code, String.join(" ", args) + ": " + err);
        return code;
    }

    private static String run(String... args) {
        var cl = NeuroEdgeCli.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        assertEquals(0, code, String.join(" ", args) + ": " + err);
        return out.toString();
    }
}
