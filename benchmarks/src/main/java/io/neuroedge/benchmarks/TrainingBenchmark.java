package io.neuroedge.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.neuroedge.runtime.learn.Algorithm;
import io.neuroedge.runtime.learn.FloatNetwork;
import io.neuroedge.runtime.learn.Gradients;
import io.neuroedge.runtime.learn.Learner;
import io.neuroedge.runtime.learn.SampleSource;
import io.neuroedge.runtime.learn.Surrogate;
import io.neuroedge.runtime.simd.FloatKernels;
import io.neuroedge.runtime.simd.KernelProviders;

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
 * The host trainer: one sample learned by a {@link Learner} (784-400-10, T = 16, a rate-coded
 * digit-like image with MNIST's share of lit pixels), and the float kernels behind it, scalar
 * against Vector API on the shapes that dominate a step. Run with {@code -prof gc}: a learned
 * sample must allocate nothing. The learner uses the process's kernels; add
 * {@code -jvmArgsAppend -Dneuroedge.simd=scalar} for the scalar ones.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = "--add-modules=jdk.incubator.vector")
public class TrainingBenchmark {

    @Param({"stop-wtl"})
    public String algo;

    private Learner learner;
    private SampleSource source;
    private Gradients grads;
    private int sample;

    private FloatKernels scalar;
    private FloatKernels vector;
    private float[] weights;
    private float[] current;
    private int[] activeRows;
    private float[][] traces;
    private float[][] errors;
    private float[] gradient;
    private float[] convWeights;
    private float[] convInput;
    private int[] convTaps;
    private float[] convOut;
    private float[] convGrad;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(2026);
        byte[][] images = new byte[16][];
        int[] labels = new int[images.length];
        for (int s = 0; s < images.length; s++) {
            images[s] = digitLike(random);
            labels[s] = s % 10;
        }
        source = SampleSource.rate(images, labels, 1);
        FloatNetwork net = FloatNetwork.initialize("784-400-10", 1);
        learner = Learner.create(net, Algorithm.parse(algo), 16, Surrogate.EXP);
        grads = new Gradients(net);

        scalar = KernelProviders.scalar().floats();
        vector = KernelProviders.panama().orElseThrow(
                () -> new IllegalStateException("no Panama kernels: " + KernelProviders.fallbackReason())).floats();
        weights = floats(random, 784 * 400);
        current = new float[400];
        activeRows = random.ints(100, 0, 784).sorted().toArray();
        traces = new float[4][784];
        errors = new float[4][400];
        for (int i = 0; i < 150; i++) { // ~150 lit pixels with a non-zero trace
            int row = random.nextInt(784);
            for (int k = 0; k < 4; k++) {
                traces[k][row] = 1f + k;
            }
        }
        for (float[] e : errors) {
            fill(random, e);
        }
        gradient = new float[784 * 400];
        // second conv layer of 1x28x28-c16k5-p2-c32k5-p2-10: 16x12x12 -> 32x8x8 at padded width 12
        convWeights = floats(random, 32 * 16 * 25);
        convInput = floats(random, 16 * (12 * 12 + 5));
        convTaps = new int[16 * 25];
        for (int c = 0, q = 0; c < 16; c++) {
            for (int t = 0; t < 25; t++) {
                convTaps[q++] = c * (12 * 12 + 5) + (t / 5) * 12 + t % 5;
            }
        }
        convOut = new float[32 * 8 * 12];
        convGrad = new float[convWeights.length];
    }

    /** A blob covering about a fifth of the 28x28 frame, like an MNIST digit. */
    private static byte[] digitLike(SplittableRandom random) {
        byte[] im = new byte[784];
        int cy = 10 + random.nextInt(8);
        int cx = 10 + random.nextInt(8);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                double d = Math.hypot(y - cy, x - cx);
                if (d < 7 && random.nextDouble() < 0.8) {
                    im[y * 28 + x] = (byte) (255 - (int) (d * 20));
                }
            }
        }
        return im;
    }

    @Benchmark
    public double learnOneSample() {
        sample = (sample + 1) % 16;
        return learner.learn(source, sample, 0, grads, 1e-3f);
    }

    @Benchmark
    public float[] addRowsScalar() {
        scalar.addRows(weights, activeRows, activeRows.length, 400, current);
        return current;
    }

    @Benchmark
    public float[] addRowsVector() {
        vector.addRows(weights, activeRows, activeRows.length, 400, current);
        return current;
    }

    @Benchmark
    public float[] rankUpdateScalar() {
        scalar.rankUpdate(traces, errors, 4, 784, 400, gradient);
        return gradient;
    }

    @Benchmark
    public float[] rankUpdateVector() {
        vector.rankUpdate(traces, errors, 4, 784, 400, gradient);
        return gradient;
    }

    @Benchmark
    public float[] correlateScalar() {
        scalar.correlate(convWeights, 32, 400, convInput, convTaps, convOut, 96, 96);
        return convOut;
    }

    @Benchmark
    public float[] correlateVector() {
        vector.correlate(convWeights, 32, 400, convInput, convTaps, convOut, 96, 96);
        return convOut;
    }

    @Benchmark
    public float[] correlateGradScalar() {
        scalar.correlateGrad(convOut, 32, 96, convInput, convTaps, 400, 96, convGrad);
        return convGrad;
    }

    @Benchmark
    public float[] correlateGradVector() {
        vector.correlateGrad(convOut, 32, 96, convInput, convTaps, 400, 96, convGrad);
        return convGrad;
    }

    private static float[] floats(SplittableRandom random, int n) {
        float[] a = new float[n];
        fill(random, a);
        return a;
    }

    private static void fill(SplittableRandom random, float[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (random.nextDouble() - 0.5) * 0.01f;
        }
    }
}
