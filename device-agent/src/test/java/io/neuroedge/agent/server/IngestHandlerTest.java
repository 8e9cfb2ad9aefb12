package io.neuroedge.agent.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.neuroedge.agent.TestPrograms;
import io.neuroedge.agent.protocol.EventBatchFrame;
import io.neuroedge.proto.agent.Deploy;
import io.neuroedge.proto.agent.Envelope;
import io.neuroedge.proto.agent.Error;
import io.neuroedge.proto.agent.Hello;
import io.neuroedge.proto.agent.LearnControl;
import io.neuroedge.proto.agent.Telemetry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** {@link IngestHandler} alone on an {@link io.netty.channel.embedded.EmbeddedChannel}, with a real engine loop. */
class IngestHandlerTest {

    @TempDir
    Path dir;

    private SessionFixture f;
    private IngestHandler ingest;

    @BeforeEach
    void setUp() throws Exception {
        f = new SessionFixture(dir);
        ingest = new IngestHandler(f.services, f.gate);
        f.with(ingest);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void shouldSetUpTheQueueOnHelloAndPassEverythingButEventsOn() {
        Envelope hello = Envelope.newBuilder().setProtocolVersion(1).setRequestId(1)
                .setHello(Hello.newBuilder().setProtocolVersion(1)).build();
        Envelope deploy = Envelope.newBuilder().setProtocolVersion(1).setRequestId(2)
                .setDeploy(Deploy.newBuilder().setListVersions(Deploy.ListVersions.getDefaultInstance())).build();
        Envelope learn = Envelope.newBuilder().setProtocolVersion(1).setRequestId(3)
                .setLearn(LearnControl.newBuilder().setEnable(true)).build();
        Envelope telemetry = Envelope.newBuilder().setProtocolVersion(1).setRequestId(4)
                .setTelemetry(Telemetry.getDefaultInstance()).build();
        f.ch.writeInbound(hello, deploy, learn, telemetry);
        assertSame(hello, f.ch.readInbound(), "the session handler answers the Hello");
        assertSame(deploy, f.ch.readInbound());
        assertSame(learn, f.ch.readInbound());
        assertSame(telemetry, f.ch.readInbound());

        f.ch.writeInbound(Envelope.newBuilder().setProtocolVersion(1).setEvents(TestPrograms.events(10, 0, false)).build());
        assertNull(f.ch.readInbound(), "event batches stop here");
        assertNull(f.ch.readOutbound());
        assertEquals(10, ingest.eventsIn());
        assertEquals(1, f.engine.queueDepth(), "queued for the engine");
    }

    @Test
    void shouldQueueRawBatchesWithoutParsingAndReleaseRejectedOnes() throws Exception {
        f.hello(true, false);
        f.subscribers.add(f.ch); // the session handler's part of a subscribing Hello
        f.install(TestPrograms.conv(1));
        ByteBuf good = Unpooled.directBuffer().writeBytes(TestPrograms.events(200, 0, true).toByteArray());
        f.ch.writeInbound(new EventBatchFrame(1, 5, good));
        assertEquals(1, good.refCnt(), "queued, owned by the engine now");
        f.engine.runOnce();
        f.ch.runPendingTasks();
        Envelope result = f.ch.readOutbound();
        assertEquals(5, result.getRequestId());
        assertEquals(200, result.getResult().getEvents());
        assertEquals(0, good.refCnt(), "released after processing");

        ByteBuf bad = Unpooled.directBuffer()
                .writeBytes(TestPrograms.events(10, 0, false).toBuilder().addXy(1).build().toByteArray());
        f.ch.writeInbound(new EventBatchFrame(1, 6, bad));
        Envelope error = f.ch.readOutbound();
        assertEquals(Error.Code.BAD_REQUEST, error.getError().getCode());
        assertTrue(error.getError().getMessage().contains("xy has 11 entries but dt_us has 10"), error.getError().getMessage());
        assertEquals(0, bad.refCnt(), "a rejected batch is released at once");
        assertTrue(f.ch.isOpen());
    }

    @Test
    void shouldDiscardAndReleaseTheBatchesOfAClosedConnection() throws Exception {
        f.hello(false, false);
        f.install(TestPrograms.conv(1));
        ByteBuf waiting = Unpooled.directBuffer().writeBytes(TestPrograms.events(20, 0, false).toByteArray());
        f.ch.writeInbound(new EventBatchFrame(1, 0, waiting));
        f.ch.close();
        assertEquals(1, waiting.refCnt());
        f.engine.runOnce();
        assertEquals(0, waiting.refCnt());
        assertEquals(1, f.engine.discardedBatches());
        assertEquals(20, f.engine.eventsIn(), "accepted events stay counted after the connection is gone");
        assertEquals(0, f.engine.queueDepth());
    }

    @Test
    void shouldPauseReadingInsteadOfDroppingWhenLossless() throws Exception {
        f.hello(false, true);
        f.install(TestPrograms.conv(1));
        for (int i = 0; i < 4; i++) {
            f.ch.writeInbound(Envelope.newBuilder().setProtocolVersion(1).setEvents(TestPrograms.events(10, i * 1000L, false)).build());
        }
        assertFalse(f.ch.config().isAutoRead(), "a full lossless queue pauses reading");
        f.engine.runOnce(); // drains the queue and schedules the resume on the channel's loop
        f.ch.runPendingTasks();
        assertTrue(f.ch.config().isAutoRead());
        assertEquals(40, ingest.eventsIn());
        assertEquals(0, ingest.eventsDropped());
    }

    @Test
    void shouldDropTheNewestBatchesOfAFullQueue() throws Exception {
        f.hello(false, false);
        f.install(TestPrograms.conv(1));
        for (int i = 0; i < 6; i++) { // the engine is not run: the queue (4 batches) fills up
            f.ch.writeInbound(Envelope.newBuilder().setProtocolVersion(1).setEvents(TestPrograms.events(10, i * 1000L, false)).build());
        }
        assertTrue(f.ch.config().isAutoRead(), "a dropping queue never pauses reading");
        assertEquals(40, ingest.eventsIn());
        assertEquals(20, ingest.eventsDropped());
    }
}
