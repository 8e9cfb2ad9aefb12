package io.neuroedge.host.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroedge.agent.server.AgentConfig;
import io.neuroedge.runtime.testing.SharedTestData;
import io.neuroedge.host.cli.NeuroEdgeCli;
import io.neuroedge.proto.agent.Telemetry;
import io.neuroedge.runtime.bench.StandardNetworks;
import io.neuroedge.runtime.program.SpikePrograms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Results and telemetry reach every subscriber; {@code watch} prints them; CLI errors are one line. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AgentWatchTest {

    @TempDir
    Path dir;

    @Test
    void shouldSendResultsToEverySubscriberAndTelemetryPeriodically() throws Exception {
        byte[] program = SpikePrograms.seal(StandardNetworks.nmnistConvBody(3)).toByteArray();
        Path train = SharedTestData.resolve("dvs/nmnist/train");
        List<Path> files = List.of(train.resolve("1.bs2"), train.resolve("2.bs2"));
        try (LoopbackAgent agent = new LoopbackAgent(AgentConfig.loopback(0, dir).withTelemetryMillis(100));
             AgentClient streamer = agent.connect(ClientOptions.plain().withSubscribe(true).withLossless(true));
             AgentClient watcher = agent.connect(ClientOptions.plain().withSubscribe(true))) {
            Flasher.flash(streamer, "conv", program);
            CountDownLatch results = new CountDownLatch(2);
            CountDownLatch telemetry = new CountDownLatch(1);
            AtomicReference<Telemetry> last = new AtomicReference<>();
            watcher.onResult((id, r) -> results.countDown());
            watcher.onTelemetry(t -> {
                last.set(t);
                if (t.getEventsIn() > 0) {
                    telemetry.countDown();
                }
            });
            RecordingStreamer.Summary s = new RecordingStreamer(streamer, 0).stream(files, 30_000);
            assertTrue(results.await(10, TimeUnit.SECONDS), "the watcher saw both windows");
            assertTrue(telemetry.await(10, TimeUnit.SECONDS), "periodic telemetry arrives");
            assertEquals(s.eventsSent(), last.get().getEventsIn(), "events counted by the agent");
            assertEquals(0, last.get().getEventsDropped());
            assertTrue(last.get().getMemoryBytes() > 0);

            // the CLI's watch prints what arrives while it runs
            StringWriter out = new StringWriter();
            var cl = NeuroEdgeCli.newCommandLine();
            cl.setOut(new PrintWriter(out));
            int before = agent.server.subscribers().size();
            CompletableFuture<Integer> watch = CompletableFuture.supplyAsync(() ->
                    cl.execute("watch", "--agent", agent.address.toString(), "--seconds", "3", "--json"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (agent.server.subscribers().size() <= before && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            new RecordingStreamer(streamer, 0).stream(files.subList(0, 1), 30_000);
            assertEquals(0, watch.get(20, TimeUnit.SECONDS));
            assertTrue(out.toString().contains("{\"type\": \"result\", \"window\": 3"), out.toString());
            assertTrue(out.toString().contains("\"scores\": ["), "the output scores: " + out);
            assertTrue(out.toString().contains("{\"type\": \"telemetry\""), out.toString());
        }
    }

    @Test
    void shouldFailWithOneLineWhenTheAgentIsUnreachableOrAnOptionIsBad() {
        StringWriter err = new StringWriter();
        var cl = NeuroEdgeCli.newCommandLine();
        cl.setErr(new PrintWriter(err));
        // port 1 on loopback: nothing listens there
        assertEquals(io.neuroedge.host.cli.ExitCodes.UNAVAILABLE, cl.execute("flash", "--list", "--agent", "127.0.0.1:1"));
        assertTrue(err.toString().startsWith("error: cannot connect to agent 127.0.0.1:1"), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());

        err.getBuffer().setLength(0);
        assertEquals(NeuroEdgeCli.EXIT_BAD_INPUT, cl.execute("stream", dir.toString(), "--agent", "127.0.0.1:1",
                "--speed", "fast"));
        assertTrue(err.toString().contains("--speed must be realtime, max or Nx"), err.toString());
    }
}
