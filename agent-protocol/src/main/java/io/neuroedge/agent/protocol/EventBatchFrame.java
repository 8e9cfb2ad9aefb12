package io.neuroedge.agent.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * An {@code Envelope} whose body is an {@code EventBatch}, kept as the serialized batch bytes (a
 * retained slice of the received frame) instead of a parsed message, so event batches travel from
 * the socket to the engine thread without being copied or turned into objects. Emitted by
 * {@link EnvelopeDecoder} for envelopes that carry nothing but {@code protocol_version},
 * {@code request_id} and {@code events}; reference-counted: whoever consumes it releases it.
 */
public final class EventBatchFrame extends DefaultByteBufHolder {

    private final int protocolVersion;
    private final long requestId;

    public EventBatchFrame(int protocolVersion, long requestId, ByteBuf batch) {
        super(batch);
        this.protocolVersion = protocolVersion;
        this.requestId = requestId;
    }

    public int protocolVersion() {
        return protocolVersion;
    }

    public long requestId() {
        return requestId;
    }

    /** The serialized {@code EventBatch}. */
    public ByteBuf batch() {
        return content();
    }

    @Override
    public EventBatchFrame replace(ByteBuf content) {
        return new EventBatchFrame(protocolVersion, requestId, content);
    }

    @Override
    public String toString() {
        return "EventBatchFrame(v" + protocolVersion + ", request " + requestId + ", " + content().readableBytes() + " bytes)";
    }
}
