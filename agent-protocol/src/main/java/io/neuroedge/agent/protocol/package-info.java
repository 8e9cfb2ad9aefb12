/**
 * The agent wire protocol, shared by the agent and every client (Netty's codec/transport split:
 * this module has no sockets and no session state). It owns the framing of
 * {@code neuroedge.agent.Envelope} messages ({@link io.neuroedge.agent.protocol.AgentFraming}),
 * protocol-violation handling ({@link io.neuroedge.agent.protocol.ProtocolGuard}), envelope decoding
 * that keeps event batches as bytes ({@link io.neuroedge.agent.protocol.EnvelopeDecoder},
 * {@link io.neuroedge.agent.protocol.EventBatchFrame}) and the one event-batch codec: packing for
 * senders and validation/streaming for receivers ({@link io.neuroedge.agent.protocol.EventBatchCodec}),
 * with the agent's zero-copy reader of serialized batches ({@link io.neuroedge.agent.protocol.ScannedBatch}).
 */
package io.neuroedge.agent.protocol;
