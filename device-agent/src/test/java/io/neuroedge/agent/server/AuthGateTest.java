package io.neuroedge.agent.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.neuroedge.agent.TestPrograms;
import io.neuroedge.proto.agent.Envelope;
import io.neuroedge.proto.agent.Error;
import io.neuroedge.proto.agent.Hello;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

class AuthGateTest {

    private static final String TOKEN = "0123456789abcdef-token";

    /** Records what gets past the gate. */
    private static final class Behind extends ChannelInboundHandlerAdapter {
        final List<Object> seen = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            seen.add(msg);
        }
    }

    private static Envelope hello(String token) {
        Hello.Builder h = Hello.newBuilder().setProtocolVersion(1);
        if (token != null) {
            h.setAuthToken(token);
        }
        return Envelope.newBuilder().setProtocolVersion(1).setRequestId(7).setHello(h).build();
    }

    /** A channel whose clock stands still before the gate schedules its timeout: only advanceTimeBy moves it. */
    private static EmbeddedChannel frozenChannel(ChannelHandler... handlers) {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.freezeTime();
        ch.pipeline().addLast(handlers);
        return ch;
    }

    @Test
    void shouldRejectAnyFirstMessageButHelloAndProcessNothingAfter() {
        Behind behind = new Behind();
        EmbeddedChannel ch = new EmbeddedChannel(new AuthGate(null), behind);
        // both arrive in one read: the Hello behind the rejected message must not get through either
        ch.writeInbound(Envelope.newBuilder().setProtocolVersion(1).setRequestId(3)
                .setEvents(TestPrograms.events(5, 0, true)).build(), hello(null));
        Envelope answer = ch.readOutbound();
        assertEquals(Error.Code.UNAUTHENTICATED, answer.getError().getCode());
        assertEquals(3, answer.getRequestId());
        assertNull(ch.readOutbound());
        assertFalse(ch.isOpen());
        assertTrue(behind.seen.isEmpty(), "nothing reaches the session");
        ch.finishAndReleaseAll();
    }

    @Test
    void shouldRejectAWrongOrMissingToken() {
        for (String wrong : new String[] {null, "", "0123456789abcdef-tokem", TOKEN + "x"}) {
            Behind behind = new Behind();
            EmbeddedChannel ch = new EmbeddedChannel(new AuthGate(TOKEN), behind);
            ch.writeInbound(hello(wrong));
            Envelope answer = ch.readOutbound();
            assertEquals(Error.Code.UNAUTHENTICATED, answer.getError().getCode(), "token " + wrong);
            assertFalse(ch.isOpen());
            assertTrue(behind.seen.isEmpty());
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void shouldCloseAPeerThatNeverSaysHello() {
        Behind behind = new Behind();
        // a frozen clock: on a slow or loaded JVM real time would otherwise add to the 999 ms
        EmbeddedChannel ch = frozenChannel(new AuthGate(null, 1000), behind);
        ch.advanceTimeBy(999, java.util.concurrent.TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertTrue(ch.isOpen());
        ch.advanceTimeBy(1, java.util.concurrent.TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        Envelope answer = ch.readOutbound();
        assertEquals(Error.Code.UNAUTHENTICATED, answer.getError().getCode());
        assertTrue(answer.getError().getMessage().contains("no Hello within 1000 ms"));
        assertFalse(ch.isOpen());
        ch.finishAndReleaseAll();
    }

    @Test
    void shouldCancelTheTimeoutOnceAuthenticated() {
        Behind behind = new Behind();
        EmbeddedChannel ch = frozenChannel(new AuthGate(null, 1000), behind);
        ch.writeInbound(hello(null));
        ch.advanceTimeBy(5, java.util.concurrent.TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertNull(ch.readOutbound());
        assertTrue(ch.isOpen());
        ch.finishAndReleaseAll();
    }

    @Test
    void shouldPassTheAuthenticatedHelloAndGetOutOfTheWay() {
        Behind behind = new Behind();
        EmbeddedChannel ch = new EmbeddedChannel(new AuthGate(TOKEN), behind);
        Envelope hello = hello(TOKEN);
        ch.writeInbound(hello);
        assertNull(ch.readOutbound());
        assertSame(hello, behind.seen.get(0));
        assertNull(ch.pipeline().get(AuthGate.class), "the gate removed itself");
        Envelope events = Envelope.newBuilder().setProtocolVersion(1).setEvents(TestPrograms.events(5, 0, false)).build();
        ch.writeInbound(events);
        assertSame(events, behind.seen.get(1));
        assertTrue(ch.isOpen());
        ch.finishAndReleaseAll();
    }
}
