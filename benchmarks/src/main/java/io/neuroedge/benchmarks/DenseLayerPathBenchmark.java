package io.neuroedge.benchmarks;

import io.neuroedge.proto.program.NeuronPopulation;
import io.neuroedge.runtime.bench.StandardNetworks;
import io.neuroedge.runtime.engine.Engine;
import io.neuroedge.runtime.engine.EngineOptions;
import io.neuroedge.runtime.program.ExecutionPlan;
import io.neuroedge.runtime.program.InvalidProgramException;
import io.neuroedge.runtime.program.ProgramBuilder;
import io.neuroedge.runtime.program.Shape;
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

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One step of a single dense layer on the sparse and on the dense path, across layer shapes and
 * input densities: the measurement behind {@code EngineOptions.defaultsFor}'s crossover densities.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector"})
public class DenseLayerPathBenchmark {

    /** inputs x outputs. */
    @Param({"784x512", "784x64", "784x16", "512x10"})
    public String shape;

    @Param({"0.02", "0.05", "0.1", "0.2", "0.3", "0.5", "0.8"})
    public double density;

    @Param({"SPARSE", "DENSE"})
    public String path;

    @Param({"vector"})
    public String kernel;

    private Engine engine;
    private byte[][] frames;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws InvalidProgramException {
        String[] dims = shape.split("x");
        int in = Integer.parseInt(dims[0]);
        int out = Integer.parseInt(dims[1]);
        SplittableRandom rnd = new SplittableRandom(1);
        byte[] w = new byte[in * out];
        for (int i = 0; i < w.length; i++) {
            w[i] = (byte) (rnd.nextInt(255) - 127);
        }
        float[] scales = new float[out];
        Arrays.fill(scales, 1f);
        ExecutionPlan plan = new ProgramBuilder("layer", Shape.vector(in), 1)
                .dense("dense", out, w, scales, ProgramBuilder.neurons(NeuronPopulation.Model.IF,
                        NeuronPopulation.Reset.SUBTRACT, 0, 1 << 20).build())
                .buildPlan();
        KernelProvider k = "vector".equals(kernel)
                ? KernelProviders.panama().orElseThrow(() -> new IllegalStateException(KernelProviders.fallbackReason()))
                : KernelProviders.scalar();
        engine = new Engine(plan, k, EngineOptions.forced(EngineOptions.Path.valueOf(path)));
        frames = StandardNetworks.inputs(in, density, 64, 3);
    }

    @Benchmark
    public int step() {
        byte[] frame = frames[next];
        next = next + 1 == frames.length ? 0 : next + 1;
        return engine.step(frame);
    }
}
