package io.neuroedge.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.neuroedge.runtime.simd.KernelProvider;
import io.neuroedge.runtime.simd.KernelProviders;
import io.neuroedge.runtime.program.NeuronParams;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scalar against Vector API kernels on the shapes of a 784-512 dense layer: paired
 * {@code fooScalar}/{@code fooVector} benchmarks make the same call on the two providers in the
 * same JVM configuration. {@link KernelBenchmark128} repeats them at the 128-bit NEON width.
 * Run with {@code -prof gc}: every kernel must allocate nothing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = "--add-modules=jdk.incubator.vector")
public class KernelBenchmark {

    private static final int ROWS = 512;
    private static final int COLS = 784;
    private static final double INPUT_DENSITY = 0.05;

    /** Neuron model of the neuron-step benchmarks (LIF by default; -p model=CUBA_LIF etc.). */
    @Param({"LIF"})
    public String model;

    private KernelProvider scalar;
    private KernelProvider vector;

    private byte[] weights;
    private byte[] input;
    private byte[] sparseInput;
    private int[] out;
    private int[] acc;
    private int[] indices;

    private NeuronParams params;
    private int[] synaptic;
    private int[] membrane;
    private int[] current;
    private byte[] spikes;

    @Setup
    public void setUp() {
        scalar = KernelProviders.scalar();
        vector = KernelProviders.panama().orElseThrow(
                () -> new IllegalStateException("no Panama kernels: " + KernelProviders.fallbackReason()));
        SplittableRandom random = new SplittableRandom(2026);
        weights = bytes(random, ROWS * COLS, -127, 127);
        input = bytes(random, COLS, 0, 127);
        sparseInput = new byte[COLS];
        for (int i = 0; i < COLS; i++) {
            if (random.nextDouble() < INPUT_DENSITY) {
                sparseInput[i] = (byte) random.nextInt(1, 128);
            }
        }
        out = new int[ROWS];
        acc = new int[ROWS];
        indices = new int[COLS];
        setUpNeurons(random);
    }

    /** A population that spikes now and then: 15/16 leak, inputs of a few percent of the threshold. */
    private void setUpNeurons(SplittableRandom random) {
        int[] threshold = new int[ROWS];
        int[] bias = new int[ROWS];
        synaptic = new int[ROWS];
        membrane = new int[ROWS];
        current = new int[ROWS];
        spikes = new byte[ROWS];
        for (int k = 0; k < ROWS; k++) {
            threshold[k] = random.nextInt(1 << 16, 1 << 18);
            bias[k] = random.nextInt(-256, 256);
            synaptic[k] = random.nextInt(-600, 1200);
            membrane[k] = random.nextInt(0, threshold[k]);
        }
        params = new NeuronParams(NeuronParams.Model.valueOf(model), true, 4, threshold, bias,
                30720, 15, 28672, 15, true, -(1 << 18));
    }

    @Benchmark
    public int[] gemvScalar() {
        scalar.gemvI8(weights, 0, ROWS, COLS, input, 0, out, 0);
        return out;
    }

    @Benchmark
    public int[] gemvVector() {
        vector.gemvI8(weights, 0, ROWS, COLS, input, 0, out, 0);
        return out;
    }

    @Benchmark
    public int dotScalar() {
        return scalar.dotI8(weights, COLS, input, 0, COLS);
    }

    @Benchmark
    public int dotVector() {
        return vector.dotI8(weights, COLS, input, 0, COLS);
    }

    @Benchmark
    public int[] axpyScalar() {
        scalar.axpyI8(acc, 0, weights, COLS, ROWS, 37);
        return acc;
    }

    @Benchmark
    public int[] axpyVector() {
        vector.axpyI8(acc, 0, weights, COLS, ROWS, 37);
        return acc;
    }

    @Benchmark
    public int nonZeroScalar() {
        return scalar.nonZeroIndices(sparseInput, 0, COLS, indices);
    }

    @Benchmark
    public int nonZeroVector() {
        return vector.nonZeroIndices(sparseInput, 0, COLS, indices);
    }

    @Benchmark
    public int neuronStepScalar() {
        return scalar.neuronStep(params, synaptic, membrane, current, spikes, ROWS);
    }

    @Benchmark
    public int neuronStepVector() {
        return vector.neuronStep(params, synaptic, membrane, current, spikes, ROWS);
    }

    private static byte[] bytes(SplittableRandom random, int n, int min, int max) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) random.nextInt(min, max + 1);
        }
        return b;
    }
}
