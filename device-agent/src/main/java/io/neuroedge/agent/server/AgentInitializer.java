package io.neuroedge.agent.server;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.neuroedge.agent.protocol.AgentFraming;
import io.neuroedge.agent.protocol.ProtocolGuard;

/**
 * Builds each connection's pipeline:
 *
 * <pre>
 *   flush ─► [tls] ─► frameDecoder ─► protobufDecoder ─► framePrepender ─► protobufEncoder
 *         ─► protocolGuard ─► flowControl ─► auth ─► ingest ─► deploy ─► learning ─► session
 * </pre>
 *
 * {@link FlushConsolidationHandler} first (its Javadoc's rule); TLS before the framing so nothing
 * is parsed from an unauthenticated peer; {@link FlowControlHandler} after the decoders, so that
 * when reading is paused (full lossless queue, busy store) the envelopes already decoded from the
 * last read are held back, one released per read, instead of being pushed on regardless. After
 * authentication, one handler per concern ({@link #addSessionHandlers}), each taking its own
 * envelope kinds and passing the others on; ingest comes first so event batches take no extra hops.
 */
final class AgentInitializer extends ChannelInitializer<SocketChannel> {

    private final AgentServices services;
    private final SslContext ssl;

    AgentInitializer(AgentServices services, SslContext ssl) {
        this.services = services;
        this.ssl = ssl;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast("flush", new FlushConsolidationHandler(64, true));
        if (ssl != null) {
            p.addLast("tls", ssl.newHandler(ch.alloc()));
        }
        AgentFraming.install(p, services.config().maxFrameBytes());
        p.addLast(ProtocolGuard.NAME, new ProtocolGuard());
        p.addLast("flowControl", new FlowControlHandler());
        p.addLast(AuthGate.NAME, new AuthGate(services.config().token()));
        addSessionHandlers(p, services);
    }

    /** Adds the handlers behind the {@link AuthGate}, in order; they share the connection's {@link ReadGate}. */
    static void addSessionHandlers(ChannelPipeline p, AgentServices services) {
        ReadGate gate = new ReadGate(p.channel());
        IngestHandler ingest = new IngestHandler(services, gate);
        p.addLast(IngestHandler.NAME, ingest);
        p.addLast(DeployHandler.NAME, new DeployHandler(services, gate));
        p.addLast(LearningHandler.NAME, new LearningHandler(services));
        p.addLast(SessionHandler.NAME, new SessionHandler(services, ingest));
    }
}
