package io.neuroedge.agent.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.neuroedge.agent.protocol.ProtocolGuard;
import io.neuroedge.proto.agent.Envelope;
import io.neuroedge.proto.agent.Error;
import io.neuroedge.proto.agent.Hello;
import io.neuroedge.proto.agent.ProgramRef;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One connection's session, last in the pipeline (after {@link IngestHandler}, {@link DeployHandler}
 * and {@link LearningHandler}, which take their own envelopes). Handles what is left:
 * <ul>
 *   <li>{@code Hello} → answered with the board and the active program; subscribes the connection
 *       to results and telemetry when asked (the ingest handler has set up its queue already);</li>
 *   <li>{@code Telemetry} (empty, a request) → the latest report plus this connection's counts;</li>
 *   <li>anything else → BAD_REQUEST, connection kept.</li>
 * </ul>
 * It also closes the connection on an exception from any handler. Errors in one request never close
 * the connection or touch other clients. Not sharable.
 */
final class SessionHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = "session";

    private static final Logger LOG = Logger.getLogger(SessionHandler.class.getName());

    private final AgentServices services;
    private final IngestHandler ingest;

    /** @param ingest the same connection's ingest, for its counts in telemetry answers */
    SessionHandler(AgentServices services, IngestHandler ingest) {
        this.services = services;
        this.ingest = ingest;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Envelope e) {
            dispatch(ctx, e);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void dispatch(ChannelHandlerContext ctx, Envelope msg) {
        long id = msg.getRequestId();
        switch (msg.getBodyCase()) {
            case HELLO -> hello(ctx, id, msg.getHello());
            case TELEMETRY -> ctx.writeAndFlush(Envelopes.reply(id).setTelemetry(services.telemetry().latest().toBuilder()
                    .setConnectionEventsIn(ingest.eventsIn())
                    .setConnectionEventsDropped(ingest.eventsDropped())).build());
            default -> ctx.writeAndFlush(Envelopes.error(id, Error.Code.BAD_REQUEST,
                    "a host does not send " + msg.getBodyCase() + " messages"));
        }
    }

    private void hello(ChannelHandlerContext ctx, long id, Hello hello) {
        if (hello.getSubscribe()) {
            services.subscribers().add(ctx.channel());
        }
        Hello.Builder answer = Hello.newBuilder().setProtocolVersion(ProtocolGuard.PROTOCOL_VERSION)
                .setBoard(services.board());
        ProgramRef active = services.engine().active();
        if (active != null) {
            answer.setActiveProgram(active);
        }
        ctx.writeAndFlush(Envelopes.reply(id).setHello(answer).build());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.FINE, "connection " + ctx.channel().remoteAddress() + " failed", cause);
        ctx.close();
    }
}
