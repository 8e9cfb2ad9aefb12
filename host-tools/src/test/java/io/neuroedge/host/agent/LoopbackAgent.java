package io.neuroedge.host.agent;

import io.neuroedge.agent.server.AgentConfig;
import io.neuroedge.agent.server.AgentServer;

import java.net.InetSocketAddress;

/** A real agent on a free loopback port, for the end-to-end tests. */
final class LoopbackAgent implements AutoCloseable {

    final AgentServer server;
    final AgentAddress address;

    LoopbackAgent(AgentConfig config) throws Exception {
        server = new AgentServer(config);
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
