package io.neuroedge.host.agent;

import io.neuroedge.agent.server.AgentConfig;
import io.neuroedge.agent.server.AgentServer;

import java.net.InetSocketAddress;

/** A real agent on a free loopback port, for the end-to-end tests. */
final class LoopbackAgent implements AutoCloseable {

    final AgentServer server;
    final AgentAddress address;

    LoopbackAgent(AgentConfig config) throws Exception {
        this(new AgentServer(config));
    }

    /** An agent whose programs learn on the device (StopLearning) when they can. */
    static LoopbackAgent learning(AgentConfig config, io.neuroedge.runtime.ondevice.DeviceLearner.Options options)
            throws Exception {
        return new LoopbackAgent(new AgentServer(config, io.neuroedge.runtime.simd.KernelProviders.get(),
                io.neuroedge.agent.learn.StopLearning.factory(options), io.neuroedge.agent.gpio.ClassIndicator.NONE));
    }

    private LoopbackAgent(AgentServer server) throws Exception {
        this.server = server;
        InetSocketAddress bound = server.start();
        address = new AgentAddress("127.0.0.1", bound.getPort());
    }

    AgentClient connect(ClientOptions options) throws Exception {
        return AgentClient.connect(address, options);
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
