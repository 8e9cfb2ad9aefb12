/**
 * Synthetic programs of the standard benchmark shapes (seeded random weights) measured by
 * {@code neuroedge bench runtime} and the JMH benchmarks.
 */
package io.neuroedge.runtime.bench;
