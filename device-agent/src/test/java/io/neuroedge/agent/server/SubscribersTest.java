package io.neuroedge.agent.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultChannelId;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.neuroedge.proto.agent.Envelope;
import io.neuroedge.proto.agent.Result;
import org.junit.jupiter.api.Test;

class SubscribersTest {

    private static Envelope result(int predicted) {
        return Envelope.newBuilder().setResult(Result.newBuilder().setPredicted(predicted)).build();
    }

    @Test
    void shouldSkipAndCountSubscribersThatAreNotWritable() {
        Subscribers subscribers = new Subscribers();
        // distinct ids: every EmbeddedChannel has the same default id, and a group is keyed by id
        EmbeddedChannel fast = new EmbeddedChannel(DefaultChannelId.newInstance());
        EmbeddedChannel slow = new EmbeddedChannel(DefaultChannelId.newInstance());
        slow.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1, 2));
        subscribers.add(fast);
        subscribers.add(slow);
        slow.write(result(-1)); // unflushed: the slow reader's buffer is above its high mark
        assertFalse(slow.isWritable());

        Envelope r = result(3);
        subscribers.publish(r);
        fast.runPendingTasks();
        slow.runPendingTasks();
        assertSame(r, fast.readOutbound());
        assertNull(slow.readOutbound(), "nothing more is buffered for the slow subscriber");
        assertEquals(1, subscribers.dropped());

        slow.flush(); // it catches up
        assertTrue(slow.isWritable());
        slow.readOutbound();
        subscribers.publish(result(4));
        slow.runPendingTasks();
        assertEquals(4, ((Envelope) slow.readOutbound()).getResult().getPredicted());
        assertEquals(1, subscribers.dropped());

        fast.close();
        assertEquals(1, subscribers.size(), "closed channels leave the group");
        fast.finishAndReleaseAll();
        slow.finishAndReleaseAll();
    }
}
