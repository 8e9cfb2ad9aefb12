package io.neuroedge.host.eval;

import io.neuroedge.runtime.engine.Engine;
import io.neuroedge.runtime.engine.Parallel;
import io.neuroedge.runtime.input.ImageSpikeEncoder;
import io.neuroedge.runtime.program.ExecutionPlan;
import io.neuroedge.runtime.reference.FloatReference;
import io.neuroedge.runtime.simd.KernelProvider;

import java.io.IOException;
import java.util.function.IntConsumer;

/**
 * Runs static images through a program compiled from a trained model: each image is presented for
 * a fixed number of steps, encoded by the runtime's {@link ImageSpikeEncoder} exactly as training
 * encodes its test images (rate spikes from the stream of (seed, image, {@link ImageSpikeEncoder#EVALUATION},
 * step), so results do not depend on the thread count, or intensities as counts up to the program's
 * input bound).
 */
public final class ImageRunner {

    /** @param floatPredicted the float reference's decision, or -2 when it was not run */
    public record Outcome(int predicted, int floatPredicted) {
    }

    private final ExecutionPlan plan;
    private final KernelProvider kernels;
    private final ImageSpikeEncoder encoder;
    private final int steps;
    private final boolean withFloat;
    private final int threads;

    public ImageRunner(ExecutionPlan plan, KernelProvider kernels, ImageSpikeEncoder encoder, int steps,
                       boolean withFloat, int threads) {
        if (steps < 1) {
            throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
        }
        this.plan = plan;
        this.kernels = kernels;
        this.encoder = encoder;
        this.steps = steps;
        this.withFloat = withFloat;
        this.threads = Math.max(1, threads);
    }

    /** Outcomes in the order of {@code images}; each image must have the program's input size. */
    public Outcome[] run(byte[][] images) throws IOException, InterruptedException {
        return run(images, done -> { });
    }

    /** As {@link #run(byte[][])}, telling {@code progress} (thread-safe) how many images are done. */
    public Outcome[] run(byte[][] images, IntConsumer progress) throws IOException, InterruptedException {
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
        }, progress);
        return results;
    }

    private interface Step {
        void step(byte[] counts);
    }

    private void present(byte[] image, int index, byte[] input, Step target) {
        int max = plan.input().maxCount();
        for (int t = 0; t < steps; t++) {
            encoder.encode(image, index, ImageSpikeEncoder.EVALUATION, t, max, input);
            target.step(input);
        }
    }
}
