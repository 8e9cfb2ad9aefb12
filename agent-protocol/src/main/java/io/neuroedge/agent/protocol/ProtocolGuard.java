package io.neuroedge.agent.protocol;

import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.ReferenceCountUtil;
import io.neuroedge.proto.agent.Envelope;
import io.neuroedge.proto.agent.Error;

/**
 * Turns protocol violations into an {@link Error} answer followed by a close, and passes valid
 * envelopes on. Placed right after the decoders installed by {@link AgentFraming}:
 *
 * <pre>
 *   frameDecoder ─► protobufDecoder ─► [ProtocolGuard] ─► session handlers
 *                                          │ Error envelope
 *                    framePrepender ◄─ protobufEncoder ◄┘
 * </pre>
 *
 * <ul>
 *   <li>frame longer than the maximum ({@link TooLongFrameException}) → {@code TOO_LARGE};</li>
 *   <li>any other decoder failure, e.g. bytes that do not parse as an {@link Envelope} → {@code BAD_REQUEST};</li>
 *   <li>{@code protocol_version} outside the supported range → {@code UNSUPPORTED_VERSION};</li>
 *   <li>envelope with no body → {@code BAD_REQUEST}.</li>
 * </ul>
 *
 * Event batches arrive as {@link EventBatchFrame} and get the same version check.
 * Every violation closes the connection: after a framing error the byte stream can no longer be
 * trusted to be aligned on frame boundaries. Other exceptions travel on unchanged.
 * Not sharable: it remembers per channel that it is closing.
 */
public final class ProtocolGuard extends ChannelInboundHandlerAdapter {

    /** The protocol version this agent speaks; also stamped on the guard's own answers. */
    public static final int PROTOCOL_VERSION = 1;

    public static final String NAME = "protocolGuard";

    private final int minVersion;
    private final int maxVersion;
    private boolean closing;

    /** Accepts exactly {@link #PROTOCOL_VERSION}. */
    public ProtocolGuard() {
        this(PROTOCOL_VERSION, PROTOCOL_VERSION);
    }

    /** Accepts versions {@code minVersion..maxVersion}, both inclusive. */
    public ProtocolGuard(int minVersion, int maxVersion) {
        if (minVersion < 1 || maxVersion < minVersion) {
            throw new IllegalArgumentException("bad version range " + minVersion + ".." + maxVersion);
        }
        this.minVersion = minVersion;
        this.maxVersion = maxVersion;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            // bytes already in flight after a violation: drop them, the answer has been sent
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof EventBatchFrame raw) {
            int v = raw.protocolVersion();
            if (v < minVersion || v > maxVersion) {
                raw.release();
                reject(ctx, raw.requestId(), Error.Code.UNSUPPORTED_VERSION,
                        "protocol_version " + v + " not supported; this agent speaks " + minVersion + ".." + maxVersion);
            } else {
                ctx.fireChannelRead(raw);
            }
            return;
        }
        if (!(msg instanceof Envelope envelope)) {
            ctx.fireChannelRead(msg);
            return;
        }
        int version = envelope.getProtocolVersion();
        if (version < minVersion || version > maxVersion) {
            reject(ctx, envelope.getRequestId(), Error.Code.UNSUPPORTED_VERSION,
                    "protocol_version " + version + " not supported; this agent speaks " + minVersion + ".." + maxVersion);
        } else if (envelope.getBodyCase() == Envelope.BodyCase.BODY_NOT_SET) {
            reject(ctx, envelope.getRequestId(), Error.Code.BAD_REQUEST, "envelope has no body");
        } else {
            ctx.fireChannelRead(envelope);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (closing) {
            return; // the connection is going away for a reason already reported
        }
        if (cause instanceof TooLongFrameException) {
            reject(ctx, 0, Error.Code.TOO_LARGE, cause.getMessage());
        } else if (cause instanceof DecoderException) {
            String what = cause.getCause() instanceof InvalidProtocolBufferException
                    ? "frame is not a valid Envelope: " + cause.getCause().getMessage()
                    : "malformed frame: " + cause.getMessage();
            reject(ctx, 0, Error.Code.BAD_REQUEST, what);
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }

    private void reject(ChannelHandlerContext ctx, long requestId, Error.Code code, String message) {
        closing = true;
        Envelope answer = Envelope.newBuilder()
                .setProtocolVersion(PROTOCOL_VERSION)
                .setRequestId(requestId)
                .setError(Error.newBuilder().setCode(code).setMessage(message == null ? "" : message))
                .build();
        // written from this handler's position, so it passes the encoders that sit before it
        ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
    }
}
