/**
 * JMH benchmarks of the runtime kernels and the engine step. Build with
 * {@code ./mvnw -pl benchmarks -am package -DskipTests}, run {@code benchmarks/target/benchmarks.jar}.
 * Nothing depends on this module.
 */
package io.neuroedge.benchmarks;
