package io.neuroedge.agent.protocol;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.codec.protobuf.ProtobufEncoder;
import io.neuroedge.proto.agent.Envelope;

/**
 * Installs the agent protocol's wire format: each {@link Envelope} is preceded by a 4-byte
 * big-endian length (the length of the serialized envelope, prefix excluded).
 *
 * <pre>
 *   socket ─► [frameDecoder]    LengthFieldBasedFrameDecoder: cuts frames, rejects long ones at once
 *          ─► [protobufDecoder] {@link EnvelopeDecoder}: Envelope, or {@link EventBatchFrame} for event batches
 *             [framePrepender]  LengthFieldPrepender(4)                       ◄─ outbound
 *             [protobufEncoder] ProtobufEncoder                              ◄─ outbound
 *          ─► [guard]           {@link ProtocolGuard}: version check, error answers
 *          ─► session handlers
 * </pre>
 *
 * Transport-level handlers (TLS, idle detection) go before these; {@link ProtocolGuard} goes
 * right after them. The length-field decoder is used, never {@code ProtobufVarint32FrameDecoder}:
 * the varint decoder has no maximum frame length, so a peer announcing 1 GiB would make it buffer
 * until memory runs out.
 */
public final class AgentFraming {

    /** Handler names, so later handlers can be placed relative to them. */
    public static final String FRAME_DECODER = "frameDecoder";
    public static final String PROTOBUF_DECODER = "protobufDecoder";
    public static final String FRAME_PREPENDER = "framePrepender";
    public static final String PROTOBUF_ENCODER = "protobufEncoder";

    /** Bytes of the length prefix. */
    public static final int LENGTH_FIELD_BYTES = 4;

    private AgentFraming() {
    }

    /**
     * Appends the framing and protobuf codecs to {@code p}.
     *
     * @param maxFrameBytes largest accepted frame, length prefix included; size it to the largest
     *                      event batch or deploy chunk (64 KiB to 1 MiB). A longer announced length
     *                      fails with {@code TooLongFrameException} as soon as the prefix arrives.
     */
    public static void install(ChannelPipeline p, int maxFrameBytes) {
        install(p, maxFrameBytes, true);
    }

    /**
     * As {@link #install(ChannelPipeline, int)}; with {@code rawEvents} false event batches are
     * parsed into {@link Envelope}s like every other message (the host side, which receives none
     * in bulk), with true they arrive as {@link EventBatchFrame} (the agent's ingest path).
     */
    public static void install(ChannelPipeline p, int maxFrameBytes, boolean rawEvents) {
        if (maxFrameBytes <= LENGTH_FIELD_BYTES) {
            throw new IllegalArgumentException("maxFrameBytes must exceed " + LENGTH_FIELD_BYTES + ": " + maxFrameBytes);
        }
        // (max, lengthFieldOffset 0, lengthFieldLength 4, adjustment 0, strip the 4 prefix bytes);
        // failFast (the default) throws on reading the prefix instead of after discarding the frame.
        p.addLast(FRAME_DECODER, new LengthFieldBasedFrameDecoder(maxFrameBytes, 0, LENGTH_FIELD_BYTES, 0, LENGTH_FIELD_BYTES));
        p.addLast(PROTOBUF_DECODER, new EnvelopeDecoder(rawEvents));
        p.addLast(FRAME_PREPENDER, new LengthFieldPrepender(LENGTH_FIELD_BYTES));
        p.addLast(PROTOBUF_ENCODER, new ProtobufEncoder());
    }
}
