/**
 * The agent's network side: configuration and bind-address security rules
 * ({@link io.neuroedge.agent.server.AgentConfig}), the Netty server with epoll or NIO
 * ({@link io.neuroedge.agent.server.AgentServer}), the per-connection pipeline
 * ({@link io.neuroedge.agent.server.AgentInitializer}: TLS, framing, guard, flow control,
 * authentication, session), result and telemetry fan-out with writability-based shedding
 * ({@link io.neuroedge.agent.server.Subscribers}) and the store thread's deploy handling.
 */
package io.neuroedge.agent.server;
