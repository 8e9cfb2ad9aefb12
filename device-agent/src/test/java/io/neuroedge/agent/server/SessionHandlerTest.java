package io.neuroedge.agent.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.netty.channel.embedded.EmbeddedChannel;
import io.neuroedge.agent.TestPrograms;
import io.neuroedge.agent.engine.EngineLoop;
import io.neuroedge.agent.learn.CheckpointInfo;
import io.neuroedge.agent.learn.DeviceLearning;
import io.neuroedge.agent.learn.LearningFactory;
import io.neuroedge.agent.store.ProgramStore;
import io.neuroedge.proto.agent.Board;
import io.neuroedge.proto.agent.Deploy;
import io.neuroedge.proto.agent.Envelope;
import io.neuroedge.proto.agent.Error;
import io.neuroedge.proto.agent.EventBatch;
import io.neuroedge.proto.agent.Hello;
import io.neuroedge.proto.agent.LearnControl;
import io.neuroedge.proto.agent.Result;
import io.neuroedge.proto.agent.Telemetry;
import io.neuroedge.runtime.program.SpikePrograms;
import io.neuroedge.runtime.simd.KernelProviders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * {@link SessionHandler} behind {@link AuthGate} on an {@link EmbeddedChannel}: store work runs
 * inline (direct executor) and the engine loop is driven by {@code runOnce}, so every step is
 * deterministic.
 */
class SessionHandlerTest {

    @TempDir
    Path dir;

    private EngineLoop engine;
    private ProgramStore store;
    private Subscribers subscribers;
    private EmbeddedChannel ch;
    private long nextId = 1;

    /** A learner stand-in: records commands, checkpoints and exports a fixed program. */
    private static final class FakeLearning implements DeviceLearning {
        final java.util.List<String> calls = new java.util.ArrayList<>();

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public void setEnabled(boolean enabled) {
            calls.add("enabled " + enabled);
        }

        @Override
        public void supervise(int label) {
            calls.add("label " + label);
        }

        @Override
        public CheckpointInfo checkpoint() {
            return new CheckpointInfo(TestPrograms.conv(9), 5);
        }

        @Override
        public byte[] exportProgram() {
            return TestPrograms.conv(9);
        }
    }

    private LearningFactory learning = LearningFactory.NONE;

    @BeforeEach
    void setUp() throws Exception {
        build();
    }

    private void build() throws Exception {
        store = ProgramStore.open(dir);
        subscribers = new Subscribers();
        engine = new EngineLoop(KernelProviders.scalar(),
                (id, r) -> subscribers.publish(Envelopes.reply(id).setResult(r).build()), learning, 0);
        AgentConfig config = AgentConfig.loopback(0, dir).withQueue(4);
        AgentServices services = new AgentServices(config, store, new DirectExecutorService(), engine, subscribers,
                new TelemetryReporter(engine, subscribers), Board.newBuilder().setArch("test").setCores(2).build());
        ch = new EmbeddedChannel(new AuthGate(null), new SessionHandler(services));
    }

    @AfterEach
    void tearDown() {
        ch.finishAndReleaseAll();
    }

    @Test
    void shouldRouteLearningCommandsThroughThePluggedInLearner() throws Exception {
        ch.finishAndReleaseAll();
        FakeLearning fake = new FakeLearning();
        learning = (e, p) -> fake;
        build();
        hello(false, false);
        flash(TestPrograms.conv(1));
        LearnControl enable = LearnControl.newBuilder().setEnable(true).build();
        assertEquals(enable, send(Envelope.newBuilder().setLearn(enable)).getLearn(), "confirmed by echo");
        send(Envelope.newBuilder().setLearn(LearnControl.newBuilder().setSuperviseLabel(4)));
        assertEquals(java.util.List.of("enabled true", "label 4"), fake.calls);

        Envelope checkpoint = send(Envelope.newBuilder().setLearn(LearnControl.newBuilder()
                .setCheckpoint(LearnControl.Checkpoint.getDefaultInstance())));
        assertEquals(2, checkpoint.getDeploy().getAck().getActive().getVersion(), "stored as a new version");
        engine.runOnce();
        assertEquals(2, engine.active().getVersion());
        assertEquals(2, store.versions().size());

        ch.writeInbound(Envelope.newBuilder().setProtocolVersion(1).setRequestId(77).setLearn(LearnControl.newBuilder()
                .setExport(LearnControl.Export.getDefaultInstance())).build());
        engine.runOnce();
        ch.runPendingTasks();
        Envelope begin = ch.readOutbound();
        byte[] expected = TestPrograms.conv(9);
        assertEquals(expected.length, begin.getDeploy().getBegin().getTotalSize());
        java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
        for (Envelope e; (e = ch.readOutbound()) != null && e.getDeploy().hasChunk(); ) {
            assertEquals(77, e.getRequestId());
            e.getDeploy().getChunk().getData().writeTo(received);
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, received.toByteArray());
    }

    private Envelope send(Envelope.Builder e) {
        ch.writeInbound(e.setProtocolVersion(1).setRequestId(nextId++).build());
        engine.runOnce();
        ch.runPendingTasks();
        return ch.readOutbound();
    }

    private Envelope hello(boolean subscribe, boolean lossless) {
        return send(Envelope.newBuilder().setHello(Hello.newBuilder().setProtocolVersion(1).setSubscribe(subscribe)
                .setLossless(lossless)));
    }

    private static Envelope.Builder deploy(Deploy.Builder d) {
        return Envelope.newBuilder().setDeploy(d);
    }

    private Envelope flash(byte[] program) {
        Envelope a = send(deploy(Deploy.newBuilder().setBegin(Deploy.Begin.newBuilder().setName("conv")
                .setTotalSize(program.length).setSha256(ByteString.copyFrom(SpikePrograms.sha256(program))))));
        assertTrue(a.hasDeploy(), a.toString());
        a = send(deploy(Deploy.newBuilder().setChunk(Deploy.Chunk.newBuilder().setOffset(0)
                .setData(ByteString.copyFrom(program)))));
        assertEquals(program.length, a.getDeploy().getAck().getReceivedBytes());
        return send(deploy(Deploy.newBuilder().setCommit(Deploy.Commit.getDefaultInstance())));
    }

    @Test
    void shouldAnswerHelloWithTheBoardAndTheActiveProgram() {
        Envelope answer = hello(false, false);
        assertEquals("test", answer.getHello().getBoard().getArch());
        assertFalse(answer.getHello().hasActiveProgram());
        assertEquals(1, answer.getRequestId());
        flash(TestPrograms.conv(1));
        assertEquals("conv", hello(false, false).getHello().getActiveProgram().getName());
    }

    @Test
    void shouldFlashAndActivateAProgramThenAnswerWindows() {
        hello(true, false);
        Envelope commit = flash(TestPrograms.conv(1));
        assertEquals(1, commit.getDeploy().getAck().getActive().getVersion());
        assertEquals("conv", engine.active().getName());
        assertTrue(ch.config().isAutoRead(), "reading resumes after the store work");

        ch.writeInbound(Envelope.newBuilder().setProtocolVersion(1).setRequestId(99)
                .setEvents(TestPrograms.events(300, 0, true)).build());
        engine.runOnce();
        ch.runPendingTasks();
        Envelope result = ch.readOutbound();
        assertEquals(99, result.getRequestId());
        Result r = result.getResult();
        assertEquals(300, r.getEvents());
        assertEquals(10, r.getSpikeCountsCount());
    }

    @Test
    void shouldQueueRawBatchesWithoutParsingAndReleaseRejectedOnes() {
        hello(true, false);
        flash(TestPrograms.conv(1));
        io.netty.buffer.ByteBuf good = io.netty.buffer.Unpooled.directBuffer()
                .writeBytes(TestPrograms.events(200, 0, true).toByteArray());
        ch.writeInbound(new io.neuroedge.agent.protocol.RawEvents(1, 5, good));
        assertEquals(1, good.refCnt(), "queued, owned by the engine now");
        engine.runOnce();
        ch.runPendingTasks();
        Envelope result = ch.readOutbound();
        assertEquals(5, result.getRequestId());
        assertEquals(200, result.getResult().getEvents());
        assertEquals(0, good.refCnt(), "released after processing");

        io.netty.buffer.ByteBuf bad = io.netty.buffer.Unpooled.directBuffer()
                .writeBytes(TestPrograms.events(10, 0, false).toBuilder().addXy(1).build().toByteArray());
        ch.writeInbound(new io.neuroedge.agent.protocol.RawEvents(1, 6, bad));
        Envelope error = ch.readOutbound();
        assertEquals(Error.Code.BAD_REQUEST, error.getError().getCode());
        assertTrue(error.getError().getMessage().contains("xy has 11 entries but dt_us has 10"), error.getError().getMessage());
        assertEquals(0, bad.refCnt(), "a rejected batch is released at once");
        assertTrue(ch.isOpen());
    }

    @Test
    void shouldDiscardAndReleaseTheBatchesOfAClosedConnection() {
        hello(false, false);
        flash(TestPrograms.conv(1));
        io.netty.buffer.ByteBuf waiting = io.netty.buffer.Unpooled.directBuffer()
                .writeBytes(TestPrograms.events(20, 0, false).toByteArray());
        ch.writeInbound(new io.neuroedge.agent.protocol.RawEvents(1, 0, waiting));
        ch.close();
        assertEquals(1, waiting.refCnt());
        engine.runOnce();
        assertEquals(0, waiting.refCnt());
        assertEquals(1, engine.discardedBatches());
        assertEquals(20, engine.eventsIn(), "accepted events stay counted after the connection is gone");
        assertEquals(0, engine.queueDepth());
    }

    @Test
    void shouldAnswerBadBatchesAndHostOnlyMessagesWithErrorsAndKeepServing() {
        hello(false, false);
        EventBatch bad = TestPrograms.events(10, 0, false).toBuilder().addDtUs(5).build(); // dt and xy differ
        Envelope answer = send(Envelope.newBuilder().setEvents(bad));
        assertEquals(Error.Code.BAD_REQUEST, answer.getError().getCode());
        assertTrue(answer.getError().getMessage().contains("xy has"), answer.getError().getMessage());
        answer = send(Envelope.newBuilder().setResult(Result.newBuilder().setPredicted(1)));
        assertEquals(Error.Code.BAD_REQUEST, answer.getError().getCode());
        answer = send(deploy(Deploy.newBuilder().setChunk(Deploy.Chunk.newBuilder().setOffset(0))));
        assertEquals(Error.Code.BAD_REQUEST, answer.getError().getCode(), "chunk without begin");
        answer = send(deploy(Deploy.newBuilder().setCommit(Deploy.Commit.getDefaultInstance())));
        assertEquals(Error.Code.BAD_REQUEST, answer.getError().getCode(), "commit without begin");
        assertTrue(ch.isOpen());
        Envelope telemetry = send(Envelope.newBuilder().setTelemetry(Telemetry.getDefaultInstance()));
        assertEquals(0, telemetry.getTelemetry().getConnectionEventsIn(), "rejected batches were never queued");
    }

    @Test
    void shouldRejectACorruptedUploadAndKeepTheActiveProgram() {
        hello(false, false);
        flash(TestPrograms.conv(1));
        byte[] corrupt = TestPrograms.conv(2);
        byte[] announced = SpikePrograms.sha256(corrupt);
        corrupt[corrupt.length / 2] ^= 1;
        send(deploy(Deploy.newBuilder().setBegin(Deploy.Begin.newBuilder().setName("conv")
                .setTotalSize(corrupt.length).setSha256(ByteString.copyFrom(announced)))));
        send(deploy(Deploy.newBuilder().setChunk(Deploy.Chunk.newBuilder().setData(ByteString.copyFrom(corrupt)))));
        Envelope answer = send(deploy(Deploy.newBuilder().setCommit(Deploy.Commit.getDefaultInstance())));
        assertEquals(Error.Code.INVALID_PROGRAM, answer.getError().getCode());
        assertEquals(1, engine.active().getVersion());
        assertTrue(ch.config().isAutoRead());
    }

    @Test
    void shouldDiscardTheUploadOfAClosedConnection() throws Exception {
        hello(false, false);
        flash(TestPrograms.conv(1));
        byte[] next = TestPrograms.conv(2);
        send(deploy(Deploy.newBuilder().setBegin(Deploy.Begin.newBuilder().setName("conv")
                .setTotalSize(next.length).setSha256(ByteString.copyFrom(SpikePrograms.sha256(next))))));
        send(deploy(Deploy.newBuilder().setChunk(Deploy.Chunk.newBuilder().setData(ByteString.copyFrom(next, 0, 1000)))));
        ch.close();
        try (Stream<Path> staged = Files.list(dir.resolve("staging"))) {
            assertEquals(0, staged.filter(p -> p.toString().endsWith(".part")).count());
        }
        assertEquals(1, engine.active().getVersion());
        assertEquals(1, store.versions().size());
    }

    @Test
    void shouldListVersionsAndRollBack() {
        hello(false, false);
        flash(TestPrograms.conv(1));
        flash(TestPrograms.conv(2));
        Envelope versions = send(deploy(Deploy.newBuilder().setListVersions(Deploy.ListVersions.getDefaultInstance())));
        assertEquals(2, versions.getDeploy().getVersions().getVersionsCount());
        Envelope back = send(deploy(Deploy.newBuilder().setRollback(Deploy.Rollback.getDefaultInstance())));
        assertEquals(1, back.getDeploy().getAck().getActive().getVersion());
        assertEquals(1, engine.active().getVersion());
    }

    @Test
    void shouldAnswerLearningCommandsWithUnsupportedUntilALearnerIsPluggedIn() {
        hello(false, false);
        flash(TestPrograms.conv(1));
        for (LearnControl c : new LearnControl[] {LearnControl.newBuilder().setEnable(true).build(),
                LearnControl.newBuilder().setSuperviseLabel(3).build(),
                LearnControl.newBuilder().setCheckpoint(LearnControl.Checkpoint.getDefaultInstance()).build(),
                LearnControl.newBuilder().setExport(LearnControl.Export.getDefaultInstance()).build()}) {
            Envelope answer = send(Envelope.newBuilder().setLearn(c));
            assertEquals(Error.Code.UNSUPPORTED, answer.getError().getCode(), c.toString());
            assertEquals("learning not available for this program", answer.getError().getMessage());
        }
    }

    @Test
    void shouldDropWhenFullUnlessLossless() {
        hello(false, false);
        flash(TestPrograms.conv(1));
        // the engine is not run: the queue (4 batches) fills up
        for (int i = 0; i < 6; i++) {
            ch.writeInbound(Envelope.newBuilder().setProtocolVersion(1).setEvents(TestPrograms.events(10, i * 1000L, false)).build());
        }
        ch.runPendingTasks();
        assertNull(ch.readOutbound());
        Envelope t = send(Envelope.newBuilder().setTelemetry(Telemetry.getDefaultInstance())); // runs the engine once
        assertEquals(40, t.getTelemetry().getConnectionEventsIn());
        assertEquals(20, t.getTelemetry().getConnectionEventsDropped());
        assertTrue(ch.config().isAutoRead());
    }

    @Test
    void shouldStopReadingInsteadOfDroppingForALosslessConnection() {
        hello(false, true);
        flash(TestPrograms.conv(1));
        for (int i = 0; i < 4; i++) {
            ch.writeInbound(Envelope.newBuilder().setProtocolVersion(1).setEvents(TestPrograms.events(10, i * 1000L, false)).build());
        }
        assertFalse(ch.config().isAutoRead(), "a full lossless queue pauses reading");
        engine.runOnce(); // drains the queue and schedules the resume on the channel's loop
        ch.runPendingTasks();
        assertTrue(ch.config().isAutoRead());
        Envelope t = send(Envelope.newBuilder().setTelemetry(Telemetry.getDefaultInstance()));
        assertEquals(40, t.getTelemetry().getConnectionEventsIn());
        assertEquals(0, t.getTelemetry().getConnectionEventsDropped());
    }
}
