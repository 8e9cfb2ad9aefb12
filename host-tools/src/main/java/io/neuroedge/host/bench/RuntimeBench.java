package io.neuroedge.host.bench;

import io.neuroedge.runtime.bench.StandardNetworks;
import io.neuroedge.runtime.engine.Engine;
import io.neuroedge.runtime.engine.EngineOptions;
import io.neuroedge.runtime.program.ExecutionPlan;
import io.neuroedge.runtime.simd.KernelProvider;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures synaptic operations per second of the standard networks on one kernel provider: warm
 * up, then several timed rounds; the figure reported is the median round, and the allocation per
 * step is measured with the thread's allocation counter over all rounds.
 *
 * <p>A synaptic operation is one weight accumulated for one active input (the event-driven count
 * neuromorphic hardware reports); the dense path does more arithmetic than that at low density,
 * which is exactly what the sparse path avoids.
 */
public final class RuntimeBench {

    /** One measured configuration. */
    public record Result(String network, double density, String kernel, EngineOptions.Path path,
                         double synopsPerSecond, double stepsPerSecond, double allocBytesPerStep) {
    }

    private static final int FRAMES = 64;

    private final double warmupSeconds;
    private final double roundSeconds;
    private final int rounds;

    public RuntimeBench(double warmupSeconds, double roundSeconds, int rounds) {
        this.warmupSeconds = warmupSeconds;
        this.roundSeconds = roundSeconds;
        this.rounds = rounds;
    }

    public List<Result> run(List<String> networks, double[] densities, List<KernelProvider> kernels,
                            List<EngineOptions.Path> paths) {
        List<Result> results = new ArrayList<>();
        for (String network : networks) {
            ExecutionPlan plan = plan(network);
            for (double density : densities) {
                byte[][] frames = StandardNetworks.inputs(plan.input().shape().size(), density, FRAMES, 42);
                for (EngineOptions.Path path : paths) {
                    for (KernelProvider k : kernels) {
                        results.add(measure(network, plan, density, frames, k, path));
                    }
                }
            }
        }
        return results;
    }

    public static ExecutionPlan plan(String network) {
        return switch (network) {
            case "dense-784-512-10" -> StandardNetworks.dense784(1);
            case "conv-nmnist" -> StandardNetworks.nmnistConv(1);
            default -> throw new IllegalArgumentException("unknown network '" + network
                    + "'; expected dense-784-512-10 or conv-nmnist");
        };
    }

    private Result measure(String network, ExecutionPlan plan, double density, byte[][] frames, KernelProvider k,
                           EngineOptions.Path path) {
        Engine engine = new Engine(plan, k, EngineOptions.forced(path));
        runFor(engine, frames, warmupSeconds);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double[] synops = new double[rounds];
        double[] stepRates = new double[rounds];
        long allocated = 0;
        long steps = 0;
        for (int r = 0; r < rounds; r++) {
            long ops0 = engine.synapticOps();
            long alloc0 = threads.getCurrentThreadAllocatedBytes();
            long t0 = System.nanoTime();
            long n = runFor(engine, frames, roundSeconds);
            long t1 = System.nanoTime();
            allocated += threads.getCurrentThreadAllocatedBytes() - alloc0;
            steps += n;
            double seconds = (t1 - t0) / 1e9;
            synops[r] = (engine.synapticOps() - ops0) / seconds;
            stepRates[r] = n / seconds;
        }
        return new Result(network, density, k.vectorBitSize() == 0 ? "scalar" : "vector", path, median(synops),
                median(stepRates), (double) allocated / steps);
    }

    /** Steps through the frames until {@code seconds} have passed (checked every 16 steps); returns steps. */
    private static long runFor(Engine engine, byte[][] frames, double seconds) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long steps = 0;
        int f = 0;
        do {
            for (int i = 0; i < 16; i++) {
                engine.step(frames[f]);
                f = f + 1 == frames.length ? 0 : f + 1;
                // keep the network responsive: start over every pass through the frames
                if (f == 0) {
                    engine.reset();
                }
            }
            steps += 16;
        } while (System.nanoTime() < deadline);
        return steps;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
