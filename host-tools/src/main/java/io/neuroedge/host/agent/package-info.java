/**
 * The host side of the agent protocol: {@link io.neuroedge.host.agent.AgentClient} (one Netty
 * connection, request/answer matching by request id, result and telemetry listeners, writability-
 * aware event sending), {@link io.neuroedge.host.agent.Flasher} (chunked, digest-checked upload),
 * {@link io.neuroedge.host.agent.RecordingStreamer} (recordings as paced event batches, one window
 * each) and a loopback load generator for the ingest figures.
 */
package io.neuroedge.host.agent;
