package io.neuroedge.agent.protocol;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.ExtensionRegistryLite;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.neuroedge.proto.agent.Envelope;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Turns one frame into an {@link Envelope}, or, for event batches, into {@link EventBatchFrame}.
 *
 * <p>Event batches are the hot path: an envelope that carries only {@code protocol_version},
 * {@code request_id} and {@code events} (the form every encoder produces for a batch) is passed on
 * as a retained slice of the frame, so its events are never copied or parsed into objects before
 * the engine thread reads them ({@link ScannedBatch}). Every other envelope is parsed by protobuf
 * straight from the frame's memory (Netty's {@code ProtobufDecoder} would first copy a direct
 * buffer into a new array). Malformed bytes fail with the parser's exception, which Netty wraps in a
 * {@code DecoderException} for {@link ProtocolGuard}. Not sharable (keeps a scan cursor).
 */
public final class EnvelopeDecoder extends MessageToMessageDecoder<ByteBuf> {

    private static final int EVENTS_FIELD = Envelope.EVENTS_FIELD_NUMBER;

    private final Varints v = new Varints();
    private final boolean rawEvents;

    /** Decodes event batches as {@link EventBatchFrame}. */
    public EnvelopeDecoder() {
        this(true);
    }

    /** @param rawEvents false to parse every envelope, event batches included (host side) */
    public EnvelopeDecoder(boolean rawEvents) {
        super(ByteBuf.class);
        this.rawEvents = rawEvents;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf msg, List<Object> out) throws Exception {
        if (rawEvents) {
            EventBatchFrame raw = scanEvents(msg);
            if (raw != null) {
                out.add(raw);
                return;
            }
        }
        int length = msg.readableBytes();
        Envelope e;
        if (msg.hasArray()) {
            e = Envelope.parseFrom(CodedInputStream.newInstance(msg.array(), msg.arrayOffset() + msg.readerIndex(), length),
                    ExtensionRegistryLite.getEmptyRegistry());
        } else if (msg.nioBufferCount() == 1) {
            ByteBuffer view = msg.nioBuffer(msg.readerIndex(), length);
            e = Envelope.parseFrom(CodedInputStream.newInstance(view), ExtensionRegistryLite.getEmptyRegistry());
        } else {
            byte[] copy = new byte[length];
            msg.getBytes(msg.readerIndex(), copy);
            e = Envelope.parseFrom(copy);
        }
        msg.skipBytes(length);
        out.add(e);
    }

    /** The frame as EventBatchFrame if it is an events-only envelope in the plain form, else null. */
    private EventBatchFrame scanEvents(ByteBuf msg) {
        int i = msg.readerIndex();
        int to = msg.writerIndex();
        long version = 0;
        long requestId = 0;
        int eventsFrom = -1;
        int eventsTo = -1;
        while (i < to) {
            long tag = v.read(msg, i, to);
            if (v.position < 0) {
                return null;
            }
            i = v.position;
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            if (wire == 0 && (field == 1 || field == 2)) {
                long value = v.read(msg, i, to);
                if (v.position < 0) {
                    return null;
                }
                i = v.position;
                if (field == 1) {
                    version = value;
                } else {
                    requestId = value;
                }
            } else if (wire == 2 && field == EVENTS_FIELD && eventsFrom < 0) {
                long length = v.read(msg, i, to);
                if (v.position < 0 || length < 0 || length > to - v.position) {
                    return null;
                }
                eventsFrom = v.position;
                eventsTo = eventsFrom + (int) length;
                i = eventsTo;
            } else {
                return null; // any other field: the general parser handles it
            }
        }
        if (eventsFrom < 0 || version > Integer.MAX_VALUE) {
            return null;
        }
        EventBatchFrame raw = new EventBatchFrame((int) version, requestId, msg.retainedSlice(eventsFrom, eventsTo - eventsFrom));
        msg.skipBytes(msg.readableBytes());
        return raw;
    }
}
