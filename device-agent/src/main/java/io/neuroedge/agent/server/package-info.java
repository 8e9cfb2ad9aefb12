/**
 * The agent's network side: configuration and bind-address security rules
 * ({@link io.neuroedge.agent.server.AgentConfig}), the Netty server with epoll or NIO
 * ({@link io.neuroedge.agent.server.AgentServer}), the per-connection pipeline
 * ({@link io.neuroedge.agent.server.AgentInitializer}: TLS, framing, guard, flow control,
 * authentication, then one handler per concern: {@link io.neuroedge.agent.server.IngestHandler}
 * (event batches into the engine's queue), {@link io.neuroedge.agent.server.DeployHandler} (uploads,
 * commit, rollback, versions on the store thread), {@link io.neuroedge.agent.server.LearningHandler}
 * (learning control on the engine thread) and {@link io.neuroedge.agent.server.SessionHandler}
 * (Hello, telemetry requests, everything else), and result and telemetry fan-out with
 * writability-based shedding ({@link io.neuroedge.agent.server.Subscribers}).
 */
package io.neuroedge.agent.server;
