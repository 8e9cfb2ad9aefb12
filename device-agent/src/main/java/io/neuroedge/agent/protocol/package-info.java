/**
 * The agent wire protocol: framing of {@code neuroedge.agent.Envelope} messages
 * ({@link io.neuroedge.agent.protocol.AgentFraming}), protocol-violation handling
 * ({@link io.neuroedge.agent.protocol.ProtocolGuard}) and event-batch packing
 * ({@link io.neuroedge.agent.protocol.EventBatchCodec},
 * {@link io.neuroedge.agent.protocol.EventBatchDecoder}). No sockets and no session state here.
 */
package io.neuroedge.agent.protocol;
