package io.neuroedge.agent.server;

import static io.neuroedge.agent.server.SessionFixture.deploy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.neuroedge.agent.TestPrograms;
import io.neuroedge.proto.agent.Deploy;
import io.neuroedge.proto.agent.Envelope;
import io.neuroedge.proto.agent.Error;
import io.neuroedge.proto.agent.Hello;
import io.neuroedge.runtime.program.SpikePrograms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.util.ArrayDeque;
import java.nio.file.Path;
import java.util.stream.Stream;

/** {@link DeployHandler} alone on an {@link io.netty.channel.embedded.EmbeddedChannel}, with a real store and engine loop. */
class DeployHandlerTest {

    @TempDir
    Path dir;

    private SessionFixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = new SessionFixture(dir);
        f.with(new DeployHandler(f.services, f.gate));
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void shouldPassEverythingButDeployOn() {
        Envelope hello = Envelope.newBuilder().setProtocolVersion(1).setHello(Hello.newBuilder().setProtocolVersion(1)).build();
        f.ch.writeInbound(hello);
        assertSame(hello, f.ch.readInbound());
        assertNull(f.ch.readOutbound());
    }

    @Test
    void shouldPauseReadingWhileTheStoreWorks() {
        ArrayDeque<Runnable> storeWork = new ArrayDeque<>();
        AgentServices s = f.services;
        AgentServices heldStore = new AgentServices(s.config(), s.store(), new DirectExecutorService() {
            @Override
            public void execute(Runnable command) {
                storeWork.add(command);
            }
        }, s.engine(), s.subscribers(), s.telemetry(), s.board());
        f.ch.pipeline().replace(DeployHandler.class, DeployHandler.NAME, new DeployHandler(heldStore, f.gate));

        f.ch.writeInbound(deploy(Deploy.newBuilder().setListVersions(Deploy.ListVersions.getDefaultInstance()))
                .setProtocolVersion(1).setRequestId(8).build());
        assertFalse(f.ch.config().isAutoRead(), "no reading while the store thread has the request");
        assertNull(f.ch.readOutbound());
        storeWork.poll().run();
        Envelope versions = f.ch.readOutbound();
        assertEquals(8, versions.getRequestId());
        assertEquals(0, versions.getDeploy().getVersions().getVersionsCount());
        f.ch.runPendingTasks(); // the resume runs on the channel's loop
        assertTrue(f.ch.config().isAutoRead());
    }

    @Test
    void shouldFlashAndActivateAProgram() {
        Envelope commit = f.flash(TestPrograms.conv(1));
        assertEquals(1, commit.getDeploy().getAck().getActive().getVersion());
        assertEquals("conv", f.engine.active().getName());
        assertTrue(f.ch.config().isAutoRead(), "reading resumes after the store work");
    }

    @Test
    void shouldRejectACorruptedUploadAndKeepTheActiveProgram() {
        f.flash(TestPrograms.conv(1));
        byte[] corrupt = TestPrograms.conv(2);
        byte[] announced = SpikePrograms.sha256(corrupt);
        corrupt[corrupt.length / 2] ^= 1;
        f.send(deploy(Deploy.newBuilder().setBegin(Deploy.Begin.newBuilder().setName("conv")
                .setTotalSize(corrupt.length).setSha256(ByteString.copyFrom(announced)))));
        f.send(deploy(Deploy.newBuilder().setChunk(Deploy.Chunk.newBuilder().setData(ByteString.copyFrom(corrupt)))));
        Envelope answer = f.send(deploy(Deploy.newBuilder().setCommit(Deploy.Commit.getDefaultInstance())));
        assertEquals(Error.Code.INVALID_PROGRAM, answer.getError().getCode());
        assertEquals(1, f.engine.active().getVersion());
        assertTrue(f.ch.config().isAutoRead());
    }

    @Test
    void shouldDiscardTheUploadOfAClosedConnection() throws Exception {
        f.flash(TestPrograms.conv(1));
        byte[] next = TestPrograms.conv(2);
        f.send(deploy(Deploy.newBuilder().setBegin(Deploy.Begin.newBuilder().setName("conv")
                .setTotalSize(next.length).setSha256(ByteString.copyFrom(SpikePrograms.sha256(next))))));
        f.send(deploy(Deploy.newBuilder().setChunk(Deploy.Chunk.newBuilder().setData(ByteString.copyFrom(next, 0, 1000)))));
        f.ch.close();
        try (Stream<Path> staged = Files.list(dir.resolve("staging"))) {
            assertEquals(0, staged.filter(p -> p.toString().endsWith(".part")).count());
        }
        assertEquals(1, f.engine.active().getVersion());
        assertEquals(1, f.store.versions().size());
    }

    @Test
    void shouldListVersionsAndRollBack() {
        f.flash(TestPrograms.conv(1));
        f.flash(TestPrograms.conv(2));
        Envelope versions = f.send(deploy(Deploy.newBuilder().setListVersions(Deploy.ListVersions.getDefaultInstance())));
        assertEquals(2, versions.getDeploy().getVersions().getVersionsCount());
        Envelope back = f.send(deploy(Deploy.newBuilder().setRollback(Deploy.Rollback.getDefaultInstance())));
        assertEquals(1, back.getDeploy().getAck().getActive().getVersion());
        assertEquals(1, f.engine.active().getVersion());
    }

    @Test
    void shouldAnswerStepsWithoutBeginWithBadRequest() {
        Envelope answer = f.send(deploy(Deploy.newBuilder().setChunk(Deploy.Chunk.newBuilder().setOffset(0))));
        assertEquals(Error.Code.BAD_REQUEST, answer.getError().getCode(), "chunk without begin");
        answer = f.send(deploy(Deploy.newBuilder().setCommit(Deploy.Commit.getDefaultInstance())));
        assertEquals(Error.Code.BAD_REQUEST, answer.getError().getCode(), "commit without begin");
        assertTrue(f.ch.isOpen());
        assertTrue(f.ch.config().isAutoRead());
    }
}
