package io.neuroedge.agent.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.neuroedge.proto.agent.Envelope;
import io.neuroedge.proto.agent.Error;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The first handler after the protocol guard: the first envelope of a connection must be a
 * {@code Hello}, carrying the shared token when one is configured. Anything else is answered with
 * {@code Error{UNAUTHENTICATED}} and the connection closed, before any other handler sees a message.
 * A peer that sends nothing for {@link #HELLO_TIMEOUT_MILLIS} gets the same answer.
 * On success the gate removes itself and passes the Hello on. With mutual TLS the certificate check
 * has already happened in the {@code SslHandler}, before any byte reaches this gate.
 *
 * <pre>
 *   ... ─► protocolGuard ─► flowControl ─► [AuthGate] ─► ingest ─► deploy ─► learning ─► session
 * </pre>
 * Not sharable.
 */
public final class AuthGate extends ChannelInboundHandlerAdapter {

    public static final String NAME = "auth";

    /** How long a peer may stay connected without saying Hello. */
    public static final long HELLO_TIMEOUT_MILLIS = 10_000;

    private final byte[] token;
    private final long helloTimeoutMillis;
    private boolean closing;
    private ScheduledFuture<?> timeout;

    /** @param token the required token, or null to require only that the first message is a Hello */
    public AuthGate(String token) {
        this(token, HELLO_TIMEOUT_MILLIS);
    }

    public AuthGate(String token, long helloTimeoutMillis) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.helloTimeoutMillis = helloTimeoutMillis;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // a peer that connects and stays silent must not hold a connection (and its memory) forever
        timeout = ctx.executor().schedule(() -> {
            if (!closing && ctx.channel().isActive()) {
                reject(ctx, 0, "no Hello within " + helloTimeoutMillis + " ms");
            }
        }, helloTimeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!(msg instanceof Envelope e) || !e.hasHello()) {
            ReferenceCountUtil.release(msg);
            reject(ctx, msg instanceof Envelope e ? e.getRequestId() : 0, "the first message must be a Hello");
            return;
        }
        if (token != null && !MessageDigest.isEqual(token, e.getHello().getAuthToken().getBytes(StandardCharsets.UTF_8))) {
            reject(ctx, e.getRequestId(), "wrong or missing auth_token");
            return;
        }
        ctx.pipeline().remove(this);
        ctx.fireChannelRead(e);
    }

    private void reject(ChannelHandlerContext ctx, long requestId, String why) {
        closing = true;
        ctx.writeAndFlush(Envelopes.error(requestId, Error.Code.UNAUTHENTICATED, why))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
