package io.neuroedge.host.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.neuroedge.agent.server.AgentConfig;
import io.neuroedge.runtime.testing.SharedTestData;
import io.neuroedge.host.eval.RecordingRunner;
import io.neuroedge.runtime.bench.StandardNetworks;
import io.neuroedge.runtime.program.ProgramLoader;
import io.neuroedge.runtime.program.SpikePrograms;
import io.neuroedge.runtime.simd.KernelProviders;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The same flash-and-stream round trip over each socket transport (this suite runs on Linux, where both exist). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AgentTransportTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = AgentConfig.Transport.class, names = {"EPOLL", "NIO"})
    void shouldServeOverEachTransport(AgentConfig.Transport transport) throws Exception {
        byte[] program = SpikePrograms.seal(StandardNetworks.nmnistConvBody(21)).toByteArray();
        Path train = SharedTestData.resolve("dvs/nmnist/train");
        List<Path> files = List.of(train.resolve("4.bs2"), train.resolve("5.bs2"), train.resolve("6.bs2"));
        List<Integer> local = new RecordingRunner(new ProgramLoader().load(program), KernelProviders.get(), false, 1)
                .run(files).stream().map(RecordingRunner.Outcome::predicted).toList();
        try (LoopbackAgent agent = new LoopbackAgent(AgentConfig.loopback(0, dir).withTransport(transport));
             AgentClient client = agent.connect(ClientOptions.plain().withSubscribe(true).withLossless(true))) {
            assertEquals(transport.name().toLowerCase(java.util.Locale.ROOT), agent.server.transport());
            Flasher.flash(client, "conv", program);
            List<Integer> remote = new RecordingStreamer(client, 0).stream(files, 30_000).outcomes().stream()
                    .map(RecordingStreamer.Outcome::predicted).toList();
            assertEquals(local, remote);
        }
    }
}
