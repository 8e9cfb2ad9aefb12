package io.neuroedge.agent.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.neuroedge.agent.engine.FlowControl;
import io.neuroedge.agent.engine.IngestQueue;
import io.neuroedge.agent.protocol.EventBatchFrame;
import io.neuroedge.agent.protocol.ScannedBatch;
import io.neuroedge.proto.agent.Envelope;
import io.neuroedge.proto.agent.Error;
import io.neuroedge.proto.agent.EventBatch;
import io.neuroedge.proto.agent.Hello;
import com.google.protobuf.InvalidProtocolBufferException;

/**
 * A connection's event ingest, first after {@link AuthGate} so event batches (the hot path) take no
 * further hops. Handles:
 * <ul>
 *   <li>{@code Hello} (then passed on: {@link SessionHandler} answers it) → sets up this connection's
 *       {@link IngestQueue}, lossless (reading pauses while it is full) or dropping, and registers it
 *       with the engine;</li>
 *   <li>{@code EventBatch} (as {@link EventBatchFrame}: the serialized batch, not parsed) → located and
 *       validated here, on the event loop ({@link ScannedBatch}), then the buffer itself is offered
 *       to the queue; a malformed batch is answered with BAD_REQUEST and never reaches the engine.
 *       Batches in a form the scanner does not read (e.g. unpacked repeated fields, legal protobuf)
 *       are parsed and re-serialized once.</li>
 * </ul>
 * Everything else is passed on. When the connection closes the queue is unregistered (the engine
 * thread releases what it still holds). Nothing is allocated per batch. Not sharable.
 */
final class IngestHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = "ingest";

    private final AgentServices services;
    private final ReadGate gate;
    private final ScannedBatch scanner = new ScannedBatch();
    private IngestQueue queue;

    /** @param gate the connection's read gate, shared with {@link DeployHandler} */
    IngestHandler(AgentServices services, ReadGate gate) {
        this.services = services;
        this.gate = gate;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof EventBatchFrame raw) {
            events(ctx, raw.requestId(), raw.batch());
        } else if (msg instanceof Envelope e && e.getBodyCase() == Envelope.BodyCase.EVENTS) {
            events(ctx, e.getRequestId(), plain(e.getEvents()));
        } else {
            if (msg instanceof Envelope e && e.getBodyCase() == Envelope.BodyCase.HELLO) {
                open(ctx.channel(), e.getHello());
            }
            ctx.fireChannelRead(msg);
        }
    }

    private void open(Channel ch, Hello hello) {
        if (queue != null) {
            return;
        }
        IngestQueue.Policy policy = hello.getLossless() ? IngestQueue.Policy.PAUSE_READING : IngestQueue.Policy.DROP_NEWEST;
        queue = new IngestQueue(services.config().queueCapacity(), policy, new FlowControl() {
            @Override
            public void pause() {
                gate.pause(ReadGate.QUEUE_FULL);
            }

            @Override
            public void resume() {
                gate.resume(ReadGate.QUEUE_FULL);
            }

            @Override
            public void onProducer(Runnable task) {
                ch.eventLoop().execute(task);
            }
        });
        services.engine().register(queue);
    }

    /** Takes ownership of {@code batch}: queued (the engine releases it) or released here. */
    private void events(ChannelHandlerContext ctx, long id, ByteBuf batch) {
        long arrival = System.nanoTime();
        int n;
        try {
            if (!scanner.scan(batch, batch.readerIndex(), batch.writerIndex())) {
                ByteBuf parsed = reparse(batch);
                batch.release();
                batch = parsed;
                if (!scanner.scan(batch, batch.readerIndex(), batch.writerIndex())) {
                    throw new IllegalStateException("a re-serialized batch does not scan");
                }
            }
            n = scanner.validate(batch);
        } catch (IllegalArgumentException | InvalidProtocolBufferException e) {
            batch.release();
            ctx.writeAndFlush(Envelopes.error(id, Error.Code.BAD_REQUEST, "bad event batch: " + e.getMessage()));
            return;
        }
        queue.offer(batch, n, arrival, id);
        services.engine().wake();
    }

    /** The batch parsed by protobuf and written back in the plain form the scanner reads. */
    private static ByteBuf reparse(ByteBuf batch) throws InvalidProtocolBufferException {
        return plain(EventBatch.parseFrom(batch.nioBuffer()));
    }

    /** {@code batch} serialized without unknown fields (packed, each field once). */
    private static ByteBuf plain(EventBatch batch) {
        EventBatch clean = EventBatch.newBuilder().setStreamId(batch.getStreamId()).setSequence(batch.getSequence())
                .setT0Us(batch.getT0Us()).addAllDtUs(batch.getDtUsList()).addAllXy(batch.getXyList())
                .setPolarityBits(batch.getPolarityBits()).setCloseWindow(batch.getCloseWindow()).build();
        return Unpooled.wrappedBuffer(clean.toByteArray());
    }

    /** Events this connection's queue accepted (0 before its Hello); event-loop thread. */
    long eventsIn() {
        return queue == null ? 0 : queue.eventsIn();
    }

    /** Events this connection's full queue dropped; event-loop thread. */
    long eventsDropped() {
        return queue == null ? 0 : queue.eventsDropped();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (queue != null) {
            services.engine().unregister(queue);
        }
        ctx.fireChannelInactive();
    }
}
