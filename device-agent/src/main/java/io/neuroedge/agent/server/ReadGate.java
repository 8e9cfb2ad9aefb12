package io.neuroedge.agent.server;

import io.netty.channel.Channel;

/**
 * Turns a connection's socket reading off while any reason holds (a full lossless ingest queue, a
 * deploy request being stored) and back on when none does. Reasons are bits, so one reason
 * ending cannot resume reading that another still needs paused. Event-loop thread only.
 */
final class ReadGate {

    static final int QUEUE_FULL = 1;
    static final int STORE_BUSY = 2;

    private final Channel channel;
    private int reasons;

    ReadGate(Channel channel) {
        this.channel = channel;
    }

    void pause(int reason) {
        reasons |= reason;
        channel.config().setAutoRead(false);
    }

    void resume(int reason) {
        reasons &= ~reason;
        if (reasons == 0) {
            channel.config().setAutoRead(true);
        }
    }
}
