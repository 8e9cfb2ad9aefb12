package io.neuroedge.agent.server;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.neuroedge.proto.agent.Envelope;

import java.util.concurrent.atomic.LongAdder;

/**
 * The connections that asked for results and telemetry ({@code Hello.subscribe}). Publishing
 * never buffers without bound: a subscriber whose channel is not writable (its outbound buffer is
 * above the high water mark because it reads too slowly) misses the message, which is counted in
 * {@link #dropped()}; it receives messages again once it has drained below the low mark. Closed
 * channels leave the group by themselves. Thread-safe.
 */
public final class Subscribers {

    private final ChannelGroup channels = new DefaultChannelGroup("subscribers", GlobalEventExecutor.INSTANCE);
    private final LongAdder dropped = new LongAdder();

    public void add(Channel channel) {
        channels.add(channel);
    }

    /** Sends {@code message} to every writable subscriber. */
    public void publish(Envelope message) {
        for (Channel c : channels) {
            if (c.isWritable()) {
                c.writeAndFlush(message, c.voidPromise());
            } else {
                dropped.increment();
            }
        }
    }

    public int size() {
        return channels.size();
    }

    /** Messages not sent to slow subscribers since start. */
    public long dropped() {
        return dropped.sum();
    }
}
