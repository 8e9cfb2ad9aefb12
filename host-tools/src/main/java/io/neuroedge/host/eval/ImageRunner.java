package io.neuroedge.host.eval;

import io.neuroedge.runtime.engine.Engine;
import io.neuroedge.runtime.engine.Parallel;
import io.neuroedge.runtime.program.ExecutionPlan;
import io.neuroedge.runtime.reference.FloatReference;
import io.neuroedge.runtime.simd.KernelProvider;

import java.io.IOException;
import java.util.SplittableRandom;

/**
 * Runs static images through a program compiled from a trained model: each image is presented for
 * a fixed number of steps, rate-coded (each pixel spikes with probability intensity/255 per step,
 * from a generator seeded per image, so results do not depend on the thread count) or directly as
 * counts (intensity scaled to the program's input bound).
 */
public final class ImageRunner {

    /** How pixels become input counts. */
    public enum Encoding { RATE, DIRECT }

    /** @param floatPredicted the float reference's decision, or -2 when it was not run */
    public record Outcome(int predicted, int floatPredicted) {
    }

    private final ExecutionPlan plan;
    private final KernelProvider kernels;
    private final Encoding encoding;
    private final int steps;
    private final long seed;
    private final boolean withFloat;
    private final int threads;

    public ImageRunner(ExecutionPlan plan, KernelProvider kernels, Encoding encoding, int steps, long seed,
                       boolean withFloat, int threads) {
        if (steps < 1) {
            throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
        }
        this.plan = plan;
        this.kernels = kernels;
        this.encoding = encoding;
        this.steps = steps;
        this.seed = seed;
        this.withFloat = withFloat;
        this.threads = Math.max(1, threads);
    }

    /** Outcomes in the order of {@code images}; each image must have the program's input size. */
    public Outcome[] run(byte[][] images) throws IOException, InterruptedException {
        int size = plan.input().shape().size();
        for (byte[] image : images) {
            if (image.length != size) {
                throw new IllegalArgumentException("images have " + image.length + " pixels, program '" + plan.name()
                        + "' takes " + size + " inputs per step");
            }
        }
        Outcome[] results = new Outcome[images.length];
        Parallel.forEachIndex(images.length, threads, () -> {
            Engine engine = new Engine(plan, kernels);
            FloatReference reference = withFloat ? new FloatReference(plan) : null;
            byte[] input = new byte[size];
            return i -> {
                engine.reset();
                present(images[i], i, input, engine::step);
                int floatPredicted = -2;
                if (reference != null) {
                    reference.reset();
                    present(images[i], i, input, reference::step);
                    floatPredicted = reference.predicted();
                }
                results[i] = new Outcome(engine.predicted(), floatPredicted);
            };
        });
        return results;
    }

    private interface Step {
        void step(byte[] counts);
    }

    private void present(byte[] image, int index, byte[] input, Step target) {
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        int max = plan.input().maxCount();
        for (int t = 0; t < steps; t++) {
            for (int p = 0; p < image.length; p++) {
                int v = image[p] & 0xFF;
                input[p] = (byte) (encoding == Encoding.RATE ? (rnd.nextInt(255) < v ? 1 : 0)
                        : (v * max + 127) / 255);
            }
            target.step(input);
        }
    }
}
