package io.neuroedge.agent.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.neuroedge.agent.engine.EngineLoop;
import io.neuroedge.agent.learn.LearningFactory;
import io.neuroedge.agent.store.ProgramStore;
import io.neuroedge.agent.store.StoredProgram;
import io.neuroedge.agent.store.Upload;
import io.neuroedge.proto.agent.Board;
import io.neuroedge.proto.agent.Deploy;
import io.neuroedge.proto.agent.Envelope;
import io.neuroedge.proto.agent.Hello;
import io.neuroedge.runtime.program.SpikePrograms;
import io.neuroedge.runtime.simd.KernelProviders;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Real agent services around one {@link EmbeddedChannel} for the session handlers' tests: store
 * work runs inline (direct executor) and the engine loop is driven by {@code runOnce}, so every
 * step is deterministic. Results go to the subscribers, as in the agent.
 */
final class SessionFixture implements AutoCloseable {

    final ProgramStore store;
    final Subscribers subscribers = new Subscribers();
    final EngineLoop engine;
    final AgentServices services;
    final EmbeddedChannel ch = new EmbeddedChannel();
    /** The channel's read gate, for handlers built by the test. */
    final ReadGate gate = new ReadGate(ch);
    private long nextId = 1;

    SessionFixture(Path dir, LearningFactory learning) throws Exception {
        store = ProgramStore.open(dir);
        engine = new EngineLoop(KernelProviders.scalar(),
                (id, r) -> subscribers.publish(Envelopes.reply(id).setResult(r).build()), learning, 0);
        AgentConfig config = AgentConfig.loopback(0, dir).withQueue(4);
        services = new AgentServices(config, store, new DirectExecutorService(), engine, subscribers,
                new TelemetryReporter(engine, subscribers), Board.newBuilder().setArch("test").setCores(2).build());
    }

    SessionFixture(Path dir) throws Exception {
        this(dir, LearningFactory.NONE);
    }

    /** Adds {@code handlers} to the channel's pipeline. */
    SessionFixture with(ChannelHandler... handlers) {
        ch.pipeline().addLast(handlers);
        return this;
    }

    /** Sends {@code e} with the next request id, runs the engine once and returns the first answer, if any. */
    Envelope send(Envelope.Builder e) {
        ch.writeInbound(e.setProtocolVersion(1).setRequestId(nextId++).build());
        engine.runOnce();
        ch.runPendingTasks();
        return ch.readOutbound();
    }

    Envelope hello(boolean subscribe, boolean lossless) {
        return send(Envelope.newBuilder().setHello(Hello.newBuilder().setProtocolVersion(1).setSubscribe(subscribe)
                .setLossless(lossless)));
    }

    static Envelope.Builder deploy(Deploy.Builder d) {
        return Envelope.newBuilder().setDeploy(d);
    }

    /** Uploads and commits {@code program} through Deploy envelopes (needs a {@link DeployHandler}); returns the commit's answer. */
    Envelope flash(byte[] program) {
        Envelope a = send(deploy(Deploy.newBuilder().setBegin(Deploy.Begin.newBuilder().setName("conv")
                .setTotalSize(program.length).setSha256(ByteString.copyFrom(SpikePrograms.sha256(program))))));
        assertTrue(a.hasDeploy(), a.toString());
        a = send(deploy(Deploy.newBuilder().setChunk(Deploy.Chunk.newBuilder().setOffset(0)
                .setData(ByteString.copyFrom(program)))));
        assertEquals(program.length, a.getDeploy().getAck().getReceivedBytes());
        return send(deploy(Deploy.newBuilder().setCommit(Deploy.Commit.getDefaultInstance())));
    }

    /** Stores {@code program} as "conv" straight into the store and activates it, without any handler. */
    StoredProgram install(byte[] program) throws Exception {
        Upload u = store.begin("conv", program.length, SpikePrograms.sha256(program));
        u.append(0, ByteBuffer.wrap(program));
        StoredProgram p = store.commit(u); // closes the upload
        engine.activate(p);
        engine.runOnce();
        return p;
    }

    @Override
    public void close() {
        ch.finishAndReleaseAll();
        engine.runOnce(); // releases what the closed connection left queued
    }
}
