package io.neuroedge.host.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroedge.agent.server.AgentConfig;
import io.neuroedge.runtime.testing.SharedTestData;
import io.neuroedge.proto.agent.Envelope;
import io.neuroedge.proto.agent.Error;
import io.neuroedge.proto.agent.Hello;
import io.neuroedge.proto.agent.ProgramRef;
import io.neuroedge.proto.agent.ProgramVersion;
import io.neuroedge.runtime.bench.StandardNetworks;
import io.neuroedge.runtime.program.SpikePrograms;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real agent on loopback under faults: interrupted uploads, hostile peers next to a working one,
 * rollback and restart. Programs are the runtime's synthetic N-MNIST-shaped networks (two seeds
 * give two distinguishable versions); recordings are real N-MNIST files.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AgentResilienceTest {

    @TempDir
    Path dir;

    static byte[] v1;
    static byte[] v2;
    static List<Path> recordings;

    @BeforeAll
    static void programs() throws Exception {
        v1 = SpikePrograms.seal(StandardNetworks.nmnistConvBody(11)).toByteArray();
        v2 = SpikePrograms.seal(StandardNetworks.nmnistConvBody(12)).toByteArray();
        Path train = SharedTestData.resolve("dvs/nmnist/train");
        recordings = List.of(train.resolve("1.bs2"), train.resolve("2.bs2"), train.resolve("3.bs2"));
    }

    private static List<Integer> classes(AgentClient client) throws Exception {
        return new RecordingStreamer(client, 0).stream(recordings, 30_000).outcomes().stream()
                .map(RecordingStreamer.Outcome::predicted).toList();
    }

    private static ClientOptions streaming() {
        return ClientOptions.plain().withSubscribe(true).withLossless(true);
    }

    private long stagedFiles() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("data/staging"))) {
            return s.filter(p -> p.toString().endsWith(".part")).count();
        }
    }

    @Test
    void shouldKeepServingTheOldProgramIntactWhenAFlashIsInterrupted() throws Exception {
        try (LoopbackAgent agent = new LoopbackAgent(AgentConfig.loopback(0, dir.resolve("data")));
             AgentClient client = agent.connect(streaming())) {
            ProgramRef first = Flasher.flash(client, "conv", v1);
            List<Integer> before = classes(client);
            try (AgentClient uploader = agent.connect(ClientOptions.plain())) {
                Flasher.flash(uploader, "conv", v2, v2.length / 2);
                assertEquals(1, stagedFiles(), "the half upload is staged");
            } // connection drops mid-upload
            assertEquals(before, classes(client), "the old program still answers the same");
            List<ProgramVersion> versions = Flasher.versions(client);
            assertEquals(1, versions.size());
            assertEquals(first.getSha256(), versions.get(0).getProgram().getSha256());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (stagedFiles() > 0 && System.nanoTime() < deadline) {
                Flasher.versions(client); // a round trip through the store thread, after its clean-up task
            }
            assertEquals(0, stagedFiles(), "the staged part is deleted");
        }
    }

    @Test
    void shouldAnswerHostilePeersWithErrorsWithoutDisturbingAnotherClient() throws Exception {
        try (LoopbackAgent agent = new LoopbackAgent(AgentConfig.loopback(0, dir.resolve("data")).withMaxFrame(64 * 1024));
             AgentClient good = agent.connect(streaming())) {
            Flasher.flash(good, "conv", v1);
            List<Integer> expected = classes(good);
            // the good client streams while three peers misbehave
            CompletableFuture<List<Integer>> during = CompletableFuture.supplyAsync(() -> {
                try {
                    return classes(good);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Envelope hello = Envelope.newBuilder().setProtocolVersion(1)
                    .setHello(Hello.newBuilder().setProtocolVersion(1)).build();
            try (RawPeer garbage = new RawPeer(agent.address)) {
                garbage.sendFrame(hello.toByteArray());
                assertTrue(garbage.read().hasHello());
                garbage.sendFrame(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01, 0x02});
                Envelope answer = garbage.read();
                assertEquals(Error.Code.BAD_REQUEST, answer.getError().getCode());
                assertTrue(garbage.closedByAgent());
            }
            try (RawPeer oversized = new RawPeer(agent.address)) {
                oversized.sendRaw(RawPeer.lengthPrefix(1 << 30)); // announces 1 GiB: refused at once
                assertEquals(Error.Code.TOO_LARGE, oversized.read().getError().getCode());
                assertTrue(oversized.closedByAgent());
            }
            try (RawPeer unknown = new RawPeer(agent.address)) {
                unknown.sendFrame(hello.toByteArray());
                unknown.read();
                // field 99 (not in this schema): parses, but the body is unset
                unknown.sendFrame(new byte[] {0x08, 0x01, (byte) 0x9a, 0x06, 0x01, 0x00});
                assertEquals(Error.Code.BAD_REQUEST, unknown.read().getError().getCode());
                assertTrue(unknown.closedByAgent());
            }
            try (RawPeer wrongVersion = new RawPeer(agent.address)) {
                wrongVersion.sendFrame(hello.toBuilder().setProtocolVersion(9).build().toByteArray());
                assertEquals(Error.Code.UNSUPPORTED_VERSION, wrongVersion.read().getError().getCode());
            }
            assertEquals(expected, during.get(60, TimeUnit.SECONDS), "the good client got every right answer");
            assertTrue(good.isOpen());
            assertEquals(1, Flasher.versions(good).size());
        }
    }

    @Test
    void shouldRollBackAndComeBackWithTheLastCommittedProgramAfterARestart() throws Exception {
        Path data = dir.resolve("data");
        List<Integer> withV1;
        List<Integer> withV2;
        try (LoopbackAgent agent = new LoopbackAgent(AgentConfig.loopback(0, data));
             AgentClient client = agent.connect(streaming())) {
            Flasher.flash(client, "conv", v1);
            withV1 = classes(client);
            ProgramRef second = Flasher.flash(client, "conv", v2);
            assertEquals(2, second.getVersion());
            withV2 = classes(client);
            ProgramRef back = Flasher.rollback(client);
            assertEquals(1, back.getVersion());
            assertEquals(withV1, classes(client));
            Flasher.flash(client, "conv", v2);
        }
        try (LoopbackAgent restarted = new LoopbackAgent(AgentConfig.loopback(0, data));
             AgentClient client = restarted.connect(streaming())) {
            ProgramRef active = client.agentHello().getActiveProgram();
            assertEquals("conv", active.getName());
            assertEquals(3, active.getVersion());
            assertEquals(withV2, classes(client), "the restarted agent runs the last committed program");
            assertFalse(Flasher.versions(client).isEmpty());
        }
    }
}
