/**
 * The engine thread and its inputs: per-connection single-producer/single-consumer batch queues
 * ({@link io.neuroedge.agent.engine.SpscBatchQueue}, {@link io.neuroedge.agent.engine.IngestQueue}),
 * the duty cycle that bins events into the runtime {@code Engine}, closes windows and publishes
 * results ({@link io.neuroedge.agent.engine.EngineLoop}, with
 * {@link io.neuroedge.agent.engine.ResultMapper} turning a window's readout into a {@code Result}),
 * the thread that runs it ({@link io.neuroedge.agent.engine.DutyCycleRunner}) and how that thread
 * waits for work ({@link io.neuroedge.agent.engine.BackoffIdleStrategy}) — Agrona's Agent,
 * AgentRunner and IdleStrategy, written out here — and latency statistics. Everything that
 * touches an {@code Engine} runs on that one thread.
 */
package io.neuroedge.agent.engine;
