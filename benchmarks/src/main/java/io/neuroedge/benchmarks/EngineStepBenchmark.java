package io.neuroedge.benchmarks;

import io.neuroedge.runtime.bench.StandardNetworks;
import io.neuroedge.runtime.engine.Engine;
import io.neuroedge.runtime.engine.EngineOptions;
import io.neuroedge.runtime.program.ExecutionPlan;
import io.neuroedge.runtime.simd.KernelProvider;
import io.neuroedge.runtime.simd.KernelProviders;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One engine step of the standard networks, per kernel implementation, synaptic path and input
 * density. Run with {@code -prof gc}: {@code gc.alloc.rate.norm} must be ~0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector"})
public class EngineStepBenchmark {

    @Param({"dense-784-512-10", "conv-nmnist"})
    public String network;

    @Param({"0.01", "0.05", "0.2"})
    public double density;

    @Param({"scalar", "vector"})
    public String kernel;

    @Param({"AUTO", "SPARSE", "DENSE"})
    public String path;

    private Engine engine;
    private byte[][] frames;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        ExecutionPlan plan = switch (network) {
            case "dense-784-512-10" -> StandardNetworks.dense784(1);
            case "conv-nmnist" -> StandardNetworks.nmnistConv(1);
            default -> throw new IllegalArgumentException(network);
        };
        KernelProvider k = "vector".equals(kernel)
                ? KernelProviders.panama().orElseThrow(() -> new IllegalStateException(KernelProviders.fallbackReason()))
                : KernelProviders.scalar();
        engine = new Engine(plan, k, EngineOptions.forced(EngineOptions.Path.valueOf(path)));
        frames = StandardNetworks.inputs(plan.input().shape().size(), density, 64, 42);
    }

    @Benchmark
    public int step() {
        byte[] frame = frames[next];
        next = next + 1 == frames.length ? 0 : next + 1;
        return engine.step(frame);
    }
}
