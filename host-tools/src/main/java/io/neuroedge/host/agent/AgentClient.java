package io.neuroedge.host.agent;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.neuroedge.agent.protocol.AgentFraming;
import io.neuroedge.agent.protocol.ProtocolGuard;
import io.neuroedge.proto.agent.Envelope;
import io.neuroedge.proto.agent.Error;
import io.neuroedge.proto.agent.EventBatch;
import io.neuroedge.proto.agent.Hello;
import io.neuroedge.proto.agent.LearnControl;
import io.neuroedge.proto.agent.Result;
import io.neuroedge.proto.agent.Telemetry;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One connection to a device agent. Requests get increasing request ids and complete a future
 * with the matching answer ({@code Error} answers complete it exceptionally with
 * {@link AgentRequestException}). Results go to the result listener with the request id of the
 * batch that closed their window, unsolicited telemetry to the telemetry listener. Thread-safe;
 * the listeners run on the connection's event loop and must not block.
 */
public final class AgentClient implements AutoCloseable {

    /** Largest frame accepted from the agent (exports arrive in 256 KiB chunks). */
    static final int MAX_FRAME = 4 << 20;

    private final Channel channel;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<Long, CompletableFuture<Envelope>> pending = new ConcurrentHashMap<>();
    private final Map<Long, ProgramReceiver> exports = new ConcurrentHashMap<>();
    private final Object writable = new Object();
    private volatile BiConsumer<Long, Result> onResult = (id, r) -> { };
    private volatile Consumer<Telemetry> onTelemetry = t -> { };
    private volatile Consumer<Error> onError = e -> { };
    private volatile Hello agentHello;

    private AgentClient(Channel channel, EventLoopGroup group, boolean ownsGroup) {
        this.channel = channel;
        this.group = group;
        this.ownsGroup = ownsGroup;
    }

    /** A group for several clients (the load generator); close it after the clients. */
    public static EventLoopGroup newGroup(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    /** Connects, says Hello and waits for the agent's Hello (10 s at most). */
    public static AgentClient connect(AgentAddress address, ClientOptions options) throws IOException, InterruptedException {
        return connect(address, options, null);
    }

    public static AgentClient connect(AgentAddress address, ClientOptions options, EventLoopGroup shared)
            throws IOException, InterruptedException {
        EventLoopGroup group = shared != null ? shared : newGroup(1);
        SslContext ssl = options.tls() ? clientTls(options) : null;
        AgentClient[] self = new AgentClient[1];
        Bootstrap b = new Bootstrap().group(group)
                .channel(Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (ssl != null) {
                            ch.pipeline().addLast("tls", ssl.newHandler(ch.alloc(), address.host(), address.port()));
                        }
                        AgentFraming.install(ch.pipeline(), MAX_FRAME, false);
                        ch.pipeline().addLast("client", new Handler(() -> self[0]));
                    }
                });
        Channel ch;
        try {
            var f = b.connect(address.host(), address.port()).await();
            if (!f.isSuccess()) {
                throw new AgentUnreachableException("cannot connect to agent " + address + ": " + f.cause().getMessage(),
                        f.cause());
            }
            ch = f.channel();
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (shared == null) {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            }
            throw e;
        }
        AgentClient client = new AgentClient(ch, group, shared == null);
        self[0] = client;
        Hello.Builder hello = Hello.newBuilder().setProtocolVersion(ProtocolGuard.PROTOCOL_VERSION)
                .setSubscribe(options.subscribe()).setLossless(options.lossless());
        if (options.token() != null) {
            hello.setAuthToken(options.token());
        }
        try {
            client.agentHello = client.request(Envelope.newBuilder().setHello(hello), 10_000).getHello();
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
        return client;
    }

    private static SslContext clientTls(ClientOptions o) throws IOException {
        try {
            // hostname verification stays on (Netty 4.2 default): the agent certificate needs a SAN
            // (DNS name or IP address) matching what --agent names
            return SslContextBuilder.forClient().keyManager(o.tlsCert().toFile(), o.tlsKey().toFile())
                    .trustManager(o.tlsCa().toFile()).protocols("TLSv1.3").build();
        } catch (IllegalArgumentException | javax.net.ssl.SSLException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** The agent's Hello: board and active program at connection time. */
    public Hello agentHello() {
        return agentHello;
    }

    public void onResult(BiConsumer<Long, Result> listener) {
        this.onResult = listener;
    }

    public void onTelemetry(Consumer<Telemetry> listener) {
        this.onTelemetry = listener;
    }

    /** Errors that answer no pending request (e.g. the reason a connection is closed). */
    public void onError(Consumer<Error> listener) {
        this.onError = listener;
    }

    /** Sends a request with a fresh id and waits for its answer. */
    public Envelope request(Envelope.Builder body, long timeoutMillis) throws IOException, InterruptedException {
        try {
            return requestAsync(body).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("agent did not answer within " + timeoutMillis + " ms");
        }
    }

    public CompletableFuture<Envelope> requestAsync(Envelope.Builder body) {
        long id = nextId.getAndIncrement();
        CompletableFuture<Envelope> f = new CompletableFuture<>();
        pending.put(id, f);
        if (!channel.isActive()) {
            pending.remove(id);
            f.completeExceptionally(new AgentRequestException(Error.Code.UNKNOWN, "connection closed"));
            return f;
        }
        channel.writeAndFlush(body.setProtocolVersion(ProtocolGuard.PROTOCOL_VERSION).setRequestId(id).build());
        return f;
    }

    /**
     * Asks the agent for its learned program ({@code LearnControl.export}) and collects the
     * transfer; the bytes are checked against the size and SHA-256 the agent declares.
     */
    public byte[] exportLearnedProgram(long timeoutMillis) throws IOException, InterruptedException {
        long id = nextId.getAndIncrement();
        ProgramReceiver receiver = new ProgramReceiver();
        exports.put(id, receiver);
        channel.writeAndFlush(Envelope.newBuilder().setProtocolVersion(ProtocolGuard.PROTOCOL_VERSION).setRequestId(id)
                .setLearn(LearnControl.newBuilder().setExport(LearnControl.Export.getDefaultInstance())).build());
        try {
            return receiver.result.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException ex) {
            throw ex.getCause() instanceof IOException io ? io : new IOException(ex.getCause());
        } catch (TimeoutException ex) {
            throw new IOException("agent did not send the learned program within " + timeoutMillis + " ms");
        } finally {
            exports.remove(id);
        }
    }

    /** A fresh request id, e.g. for a window-closing batch whose Result is matched by it. */
    public long newRequestId() {
        return nextId.getAndIncrement();
    }

    /**
     * Queues a batch without flushing; waits (up to 30 s) while the connection is not writable, so a
     * sender can never buffer more than the high water mark.
     */
    public void send(EventBatch batch, long requestId) throws IOException, InterruptedException {
        awaitWritable();
        channel.write(Envelope.newBuilder().setProtocolVersion(ProtocolGuard.PROTOCOL_VERSION)
                .setRequestId(requestId).setEvents(batch).build(), channel.voidPromise());
    }

    /** Writes a pre-serialized envelope (the load generator; the pipeline adds the length prefix); same writability rule as {@link #send}. */
    public void sendRaw(io.netty.buffer.ByteBuf frame) throws IOException, InterruptedException {
        awaitWritable();
        channel.write(frame, channel.voidPromise());
    }

    public void flush() {
        channel.flush();
    }

    private void awaitWritable() throws IOException, InterruptedException {
        if (channel.isWritable()) {
            return;
        }
        channel.flush();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        synchronized (writable) {
            while (!channel.isWritable()) {
                if (!channel.isActive()) {
                    throw new IOException("connection to the agent closed");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IOException("agent stopped reading for 30 s");
                }
                writable.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    public Channel channel() {
        return channel;
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        if (ownsGroup) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    private void dispatch(Envelope e) {
        long id = e.getRequestId();
        ProgramReceiver export = id == 0 ? null : exports.get(id);
        if (export != null) {
            if (export.accept(e)) {
                exports.remove(id);
            }
            return;
        }
        switch (e.getBodyCase()) {
            case RESULT -> onResult.accept(id, e.getResult());
            case TELEMETRY -> {
                CompletableFuture<Envelope> f = id == 0 ? null : pending.remove(id);
                if (f != null) {
                    f.complete(e);
                } else {
                    onTelemetry.accept(e.getTelemetry());
                }
            }
            case ERROR -> {
                CompletableFuture<Envelope> f = id == 0 ? null : pending.remove(id);
                if (f != null) {
                    f.completeExceptionally(new AgentRequestException(e.getError().getCode(), e.getError().getMessage()));
                } else {
                    onError.accept(e.getError());
                }
            }
            default -> {
                CompletableFuture<Envelope> f = pending.remove(id);
                if (f != null) {
                    f.complete(e);
                }
            }
        }
    }

    private void failAll(String why) {
        for (Long id : exports.keySet()) {
            ProgramReceiver r = exports.remove(id);
            if (r != null) {
                r.result.completeExceptionally(new AgentRequestException(Error.Code.UNKNOWN, why));
            }
        }
        for (Long id : pending.keySet()) {
            CompletableFuture<Envelope> f = pending.remove(id);
            if (f != null) {
                f.completeExceptionally(new AgentRequestException(Error.Code.UNKNOWN, why));
            }
        }
        synchronized (writable) {
            writable.notifyAll();
        }
    }

    private static final class Handler extends SimpleChannelInboundHandler<Envelope> {
        private final java.util.function.Supplier<AgentClient> client;

        Handler(java.util.function.Supplier<AgentClient> client) {
            this.client = client;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Envelope msg) {
            AgentClient c = client.get();
            if (c != null) {
                c.dispatch(msg);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            AgentClient c = client.get();
            if (c != null) {
                synchronized (c.writable) {
                    c.writable.notifyAll();
                }
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            AgentClient c = client.get();
            if (c != null) {
                c.failAll("connection to the agent closed");
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
