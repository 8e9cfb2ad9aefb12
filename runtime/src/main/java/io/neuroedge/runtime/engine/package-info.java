/**
 * The step loop: an {@link io.neuroedge.runtime.engine.Engine} runs one plan on one thread, allocating
 * everything up front, choosing the sparse or dense synaptic path per layer and step
 * ({@link io.neuroedge.runtime.engine.EngineOptions}), and keeping the readout counters.
 * {@link io.neuroedge.runtime.engine.Parallel} spreads many independent runs (recordings, images,
 * calibration samples) over workers that each own their engine.
 */
package io.neuroedge.runtime.engine;
