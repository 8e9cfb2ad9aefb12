package io.neuroedge.benchmarks;

import org.openjdk.jmh.annotations.Fork;

/**
 * {@link KernelBenchmark} with 128-bit vectors ({@code -XX:MaxVectorSize=16}), the NEON width of
 * the Raspberry Pi and Jetson CPUs, emulated on the build host.
 */
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "-XX:MaxVectorSize=16"})
public class KernelBenchmark128 extends KernelBenchmark {
}
