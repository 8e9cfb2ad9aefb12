/**
 * JMH benchmarks of the runtime kernels, the engine step and the event-file decoders. Build with
 * {@code ./mvnw -pl benchmarks -am package -DskipTests}, run {@code benchmarks/target/benchmarks.jar}.
 * Nothing depends on this module.
 */
package io.neuroedge.benchmarks;
