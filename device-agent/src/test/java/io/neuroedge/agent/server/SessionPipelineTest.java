package io.neuroedge.agent.server;

import static io.neuroedge.agent.server.SessionFixture.deploy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroedge.agent.TestPrograms;
import io.neuroedge.proto.agent.Deploy;
import io.neuroedge.proto.agent.Envelope;
import io.neuroedge.proto.agent.Error;
import io.neuroedge.proto.agent.EventBatch;
import io.neuroedge.proto.agent.Result;
import io.neuroedge.proto.agent.Telemetry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The session handlers as {@link AgentInitializer} chains them, behind {@link AuthGate}, on an
 * {@link io.netty.channel.embedded.EmbeddedChannel}: flows that cross concerns (deploy then ingest,
 * ingest then telemetry, errors from each handler on one connection).
 */
class SessionPipelineTest {

    @TempDir
    Path dir;

    private SessionFixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = new SessionFixture(dir);
        f.with(new AuthGate(null));
        AgentInitializer.addSessionHandlers(f.ch.pipeline(), f.services);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void shouldFlashAndActivateAProgramThenAnswerWindows() {
        f.hello(true, false);
        Envelope commit = f.flash(TestPrograms.conv(1));
        assertEquals(1, commit.getDeploy().getAck().getActive().getVersion());
        assertEquals("conv", f.engine.active().getName());
        assertTrue(f.ch.config().isAutoRead(), "reading resumes after the store work");

        f.ch.writeInbound(Envelope.newBuilder().setProtocolVersion(1).setRequestId(99)
                .setEvents(TestPrograms.events(300, 0, true)).build());
        f.engine.runOnce();
        f.ch.runPendingTasks();
        Envelope result = f.ch.readOutbound();
        assertEquals(99, result.getRequestId());
        Result r = result.getResult();
        assertEquals(300, r.getEvents());
        assertEquals(10, r.getSpikeCountsCount());
    }

    @Test
    void shouldAnswerBadBatchesAndHostOnlyMessagesWithErrorsAndKeepServing() {
        f.hello(false, false);
        EventBatch bad = TestPrograms.events(10, 0, false).toBuilder().addDtUs(5).build(); // dt and xy differ
        Envelope answer = f.send(Envelope.newBuilder().setEvents(bad));
        assertEquals(Error.Code.BAD_REQUEST, answer.getError().getCode());
        assertTrue(answer.getError().getMessage().contains("xy has"), answer.getError().getMessage());
        answer = f.send(Envelope.newBuilder().setResult(Result.newBuilder().setPredicted(1)));
        assertEquals(Error.Code.BAD_REQUEST, answer.getError().getCode());
        answer = f.send(deploy(Deploy.newBuilder().setChunk(Deploy.Chunk.newBuilder().setOffset(0))));
        assertEquals(Error.Code.BAD_REQUEST, answer.getError().getCode(), "chunk without begin");
        answer = f.send(deploy(Deploy.newBuilder().setCommit(Deploy.Commit.getDefaultInstance())));
        assertEquals(Error.Code.BAD_REQUEST, answer.getError().getCode(), "commit without begin");
        assertTrue(f.ch.isOpen());
        Envelope telemetry = f.send(Envelope.newBuilder().setTelemetry(Telemetry.getDefaultInstance()));
        assertEquals(0, telemetry.getTelemetry().getConnectionEventsIn(), "rejected batches were never queued");
    }

    @Test
    void shouldDropWhenFullUnlessLossless() {
        f.hello(false, false);
        f.flash(TestPrograms.conv(1));
        // the engine is not run: the queue (4 batches) fills up
        for (int i = 0; i < 6; i++) {
            f.ch.writeInbound(Envelope.newBuilder().setProtocolVersion(1).setEvents(TestPrograms.events(10, i * 1000L, false)).build());
        }
        f.ch.runPendingTasks();
        assertNull(f.ch.readOutbound());
        Envelope t = f.send(Envelope.newBuilder().setTelemetry(Telemetry.getDefaultInstance())); // runs the engine once
        assertEquals(40, t.getTelemetry().getConnectionEventsIn());
        assertEquals(20, t.getTelemetry().getConnectionEventsDropped());
        assertTrue(f.ch.config().isAutoRead());
    }

    @Test
    void shouldStopReadingInsteadOfDroppingForALosslessConnection() {
        f.hello(false, true);
        f.flash(TestPrograms.conv(1));
        for (int i = 0; i < 4; i++) {
            f.ch.writeInbound(Envelope.newBuilder().setProtocolVersion(1).setEvents(TestPrograms.events(10, i * 1000L, false)).build());
        }
        assertFalse(f.ch.config().isAutoRead(), "a full lossless queue pauses reading");
        f.engine.runOnce(); // drains the queue and schedules the resume on the channel's loop
        f.ch.runPendingTasks();
        assertTrue(f.ch.config().isAutoRead());
        Envelope t = f.send(Envelope.newBuilder().setTelemetry(Telemetry.getDefaultInstance()));
        assertEquals(40, t.getTelemetry().getConnectionEventsIn());
        assertEquals(0, t.getTelemetry().getConnectionEventsDropped());
    }
}
