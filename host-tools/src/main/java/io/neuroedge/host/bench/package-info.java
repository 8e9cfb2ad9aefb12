/**
 * {@code neuroedge bench runtime}: synaptic operations per second of the standard networks per
 * kernel provider and synaptic path, and the bytes allocated per step
 * ({@link io.neuroedge.host.bench.RuntimeBench}). JMH benchmarks live in the {@code benchmarks} module.
 */
package io.neuroedge.host.bench;
