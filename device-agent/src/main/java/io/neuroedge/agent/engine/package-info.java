/**
 * The engine thread and its inputs: per-connection single-producer/single-consumer batch queues
 * ({@link io.neuroedge.agent.engine.SpscBatchQueue}, {@link io.neuroedge.agent.engine.IngestQueue}),
 * the duty-cycle loop that bins events into the runtime {@code Engine}, closes windows and publishes
 * results ({@link io.neuroedge.agent.engine.EngineLoop}), and latency statistics. Everything that
 * touches an {@code Engine} runs on that one thread.
 */
package io.neuroedge.agent.engine;
