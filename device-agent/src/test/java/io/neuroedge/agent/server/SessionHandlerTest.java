package io.neuroedge.agent.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.neuroedge.agent.TestPrograms;
import io.neuroedge.proto.agent.Envelope;
import io.neuroedge.proto.agent.Error;
import io.neuroedge.proto.agent.Result;
import io.neuroedge.proto.agent.Telemetry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * {@link SessionHandler} on an {@link io.netty.channel.embedded.EmbeddedChannel} behind the
 * {@link IngestHandler} it reads the connection's counts from, as in the agent's pipeline.
 */
class SessionHandlerTest {

    @TempDir
    Path dir;

    private SessionFixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = new SessionFixture(dir);
        IngestHandler ingest = new IngestHandler(f.services, f.gate);
        f.with(ingest, new SessionHandler(f.services, ingest));
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void shouldAnswerHelloWithTheBoardAndTheActiveProgram() throws Exception {
        Envelope answer = f.hello(false, false);
        assertEquals("test", answer.getHello().getBoard().getArch());
        assertFalse(answer.getHello().hasActiveProgram());
        assertEquals(1, answer.getRequestId());
        f.install(TestPrograms.conv(1));
        assertEquals("conv", f.hello(false, false).getHello().getActiveProgram().getName());
    }

    @Test
    void shouldSubscribeOnlyWhenHelloAsks() {
        f.hello(false, false);
        assertEquals(0, f.subscribers.size());
        f.hello(true, false);
        assertEquals(1, f.subscribers.size());
    }

    @Test
    void shouldAnswerTelemetryWithThisConnectionsCounts() {
        f.hello(false, false);
        f.ch.writeInbound(Envelope.newBuilder().setProtocolVersion(1).setEvents(TestPrograms.events(10, 0, false)).build());
        Envelope t = f.send(Envelope.newBuilder().setTelemetry(Telemetry.getDefaultInstance()));
        assertEquals(2, t.getRequestId());
        assertEquals(10, t.getTelemetry().getConnectionEventsIn());
        assertEquals(0, t.getTelemetry().getConnectionEventsDropped());
        assertEquals(10, t.getTelemetry().getEventsIn(), "with the agent's totals");
    }

    @Test
    void shouldAnswerHostOnlyMessagesWithBadRequestAndKeepServing() {
        f.hello(false, false);
        Envelope answer = f.send(Envelope.newBuilder().setResult(Result.newBuilder().setPredicted(1)));
        assertEquals(Error.Code.BAD_REQUEST, answer.getError().getCode());
        assertEquals("a host does not send RESULT messages", answer.getError().getMessage());
        assertTrue(f.ch.isOpen());
        ByteBuf stray = Unpooled.buffer().writeInt(1);
        f.ch.writeInbound(stray);
        assertEquals(0, stray.refCnt(), "what is not an envelope is released");
        assertTrue(f.ch.isOpen());
    }
}
