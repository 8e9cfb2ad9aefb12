package io.neuroedge.agent.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.neuroedge.agent.engine.DutyCycleRunner;
import io.neuroedge.agent.engine.EngineLoop;
import io.neuroedge.agent.gpio.ClassIndicator;
import io.neuroedge.agent.learn.LearningFactory;
import io.neuroedge.agent.protocol.ProtocolGuard;
import io.neuroedge.agent.store.ProgramStore;
import io.neuroedge.agent.store.StoredProgram;
import io.neuroedge.proto.agent.Board;
import io.neuroedge.runtime.simd.KernelProvider;
import io.neuroedge.runtime.simd.KernelProviders;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The device agent: program store, engine thread, Netty server. {@link #start} recovers the last
 * committed program, starts the engine thread and binds; {@link #close} stops everything.
 *
 * <p>Threads: Netty event loops (epoll where available, NIO otherwise; one per core up to 2 — the
 * engine thread needs a core of its own), the engine thread, one store thread (all program-store
 * I/O, so fsyncs never block an event loop) and one telemetry scheduler.
 */
public final class AgentServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AgentServer.class.getName());

    private final AgentConfig config;
    private final KernelProvider kernels;
    private final LearningFactory learning;
    private final ClassIndicator indicator;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private ExecutorService storeThread;
    private ScheduledExecutorService scheduler;
    private EngineLoop engine;
    private DutyCycleRunner engineThread;
    private Subscribers subscribers;
    private Channel serverChannel;
    private String transport;

    public AgentServer(AgentConfig config) {
        this(config, KernelProviders.get(), LearningFactory.NONE, ClassIndicator.NONE);
    }

    /**
     * @param learning  creates the learner for each activated program (the runtime plugs in here)
     * @param indicator drives outputs (GPIO) from each result's class; called on the engine thread
     */
    public AgentServer(AgentConfig config, KernelProvider kernels, LearningFactory learning, ClassIndicator indicator) {
        this.config = config;
        this.kernels = kernels;
        this.learning = learning;
        this.indicator = indicator;
    }

    /** Starts the agent; returns the bound address (useful with port 0). */
    public InetSocketAddress start() throws IOException, InterruptedException {
        config.checkSecurity();
        SslContext ssl = config.tls() == null ? null : serverTls(config.tls());
        ProgramStore store = ProgramStore.open(config.dataDir());
        subscribers = new Subscribers();
        engine = new EngineLoop(kernels, (requestId, result) -> {
            indicator.show(result.getPredicted());
            subscribers.publish(Envelopes.reply(requestId).setResult(result).build());
        }, learning, config.windowSteps());
        engineThread = new DutyCycleRunner(engine, engine.idleStrategy(), "neuroedge-engine");
        Optional<StoredProgram> recovered = store.recover();
        if (recovered.isPresent()) {
            CountDownLatch swapped = new CountDownLatch(1);
            engine.activate(recovered.get(), swapped::countDown);
            engineThread.start();
            swapped.await();
        } else {
            engineThread.start();
            LOG.info("no stored program; waiting for a deploy");
        }
        storeThread = Executors.newSingleThreadExecutor(r -> daemon(r, "neuroedge-store"));
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "neuroedge-telemetry"));
        TelemetryReporter telemetry = new TelemetryReporter(engine, subscribers);
        if (config.telemetryMillis() > 0) {
            scheduler.scheduleAtFixedRate(() -> subscribers.publish(Envelopes.reply(0).setTelemetry(telemetry.tick()).build()),
                    config.telemetryMillis(), config.telemetryMillis(), TimeUnit.MILLISECONDS);
        }
        Board board = Board.newBuilder()
                .setArch(System.getProperty("os.arch"))
                .setCores(Runtime.getRuntime().availableProcessors())
                .setSimdBits(Math.max(0, kernels.vectorBitSize()))
                .setMemoryBytes(Runtime.getRuntime().maxMemory())
                .build();
        AgentServices services = new AgentServices(config, store, storeThread, engine, subscribers, telemetry, board);

        IoHandlerFactory io;
        Class<? extends ServerSocketChannel> channelType;
        boolean epoll = switch (config.transport()) {
            case AUTO -> Epoll.isAvailable();
            case NIO -> false;
            case EPOLL -> {
                if (!Epoll.isAvailable()) {
                    throw new IOException("epoll is not available: " + Epoll.unavailabilityCause());
                }
                yield true;
            }
        };
        if (epoll) {
            io = EpollIoHandler.newFactory();
            channelType = EpollServerSocketChannel.class;
            transport = "epoll";
        } else {
            io = NioIoHandler.newFactory();
            channelType = NioServerSocketChannel.class;
            transport = "nio";
        }
        boss = new MultiThreadIoEventLoopGroup(1, io);
        workers = new MultiThreadIoEventLoopGroup(Math.min(2, Runtime.getRuntime().availableProcessors()), io);
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(channelType)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // results and telemetry to slow subscribers stop being queued above 256 KiB
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 * 1024, 256 * 1024))
                .childHandler(new AgentInitializer(services, ssl));
        serverChannel = b.bind(config.bindAddress(), config.port()).sync().channel();
        InetSocketAddress bound = (InetSocketAddress) serverChannel.localAddress();
        LOG.info("agent listening on " + bound + " (" + transport + (ssl != null ? ", mutual TLS" : "")
                + (config.token() != null ? ", token" : "") + ", protocol " + ProtocolGuard.PROTOCOL_VERSION + ")");
        return bound;
    }

    private static SslContext serverTls(AgentConfig.Tls tls) throws IOException {
        try {
            return SslContextBuilder.forServer(tls.certChain().toFile(), tls.privateKey().toFile())
                    .trustManager(tls.trustedCa().toFile())
                    .clientAuth(ClientAuth.REQUIRE)
                    .protocols("TLSv1.3")
                    .build();
        } catch (IllegalArgumentException | javax.net.ssl.SSLException e) {
            throw new IOException("cannot set up TLS from " + tls + ": " + e.getMessage(), e);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** "epoll" or "nio". */
    public String transport() {
        return transport;
    }

    public EngineLoop engine() {
        return engine;
    }

    public Subscribers subscribers() {
        return subscribers;
    }

    /** Blocks until the server channel closes. */
    public void awaitClose() throws InterruptedException {
        serverChannel.closeFuture().sync();
    }

    @Override
    public void close() throws InterruptedException {
        if (serverChannel != null) {
            serverChannel.close().sync();
        }
        if (boss != null) {
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (storeThread != null) {
            storeThread.shutdown();
            storeThread.awaitTermination(5, TimeUnit.SECONDS);
        }
        if (engineThread != null) {
            engineThread.stop(5000);
        }
        indicator.close();
    }
}
