package io.neuroedge.runtime.learn;

import io.neuroedge.proto.model.InputEncoding;

import java.util.SplittableRandom;

/** Static uint8 images under RATE or DIRECT coding. */
final class ImageSource implements SampleSource {

    private final byte[][] images;
    private final int[] labels;
    private final InputEncoding encoding;
    private final long seed;
    private final int inputSize;

    ImageSource(byte[][] images, int[] labels, InputEncoding encoding, long seed) {
        if (images.length != labels.length) {
            throw new IllegalArgumentException(images.length + " images but " + labels.length + " labels");
        }
        if (images.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        this.inputSize = images[0].length;
        for (byte[] im : images) {
            if (im.length != inputSize) {
                throw new IllegalArgumentException("images differ in size: " + im.length + " vs " + inputSize);
            }
        }
        this.images = images;
        this.labels = labels;
        this.encoding = encoding;
        this.seed = seed;
    }

    @Override
    public int size() {
        return images.length;
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    @Override
    public int label(int sample) {
        return labels[sample];
    }

    @Override
    public InputEncoding encoding() {
        return encoding;
    }

    @Override
    public void frame(int sample, int epoch, int t, float[] dst) {
        byte[] im = images[sample];
        if (encoding == InputEncoding.DIRECT) {
            for (int i = 0; i < inputSize; i++) {
                dst[i] = (im[i] & 0xFF) / 255f;
            }
            return;
        }
        SplittableRandom rnd = new SplittableRandom(mix(seed, sample, epoch, t));
        for (int i = 0; i < inputSize; i++) {
            int v = im[i] & 0xFF;
            // P(spike) = v/255 exactly; zero pixels draw nothing (most of an MNIST digit)
            dst[i] = v != 0 && below255(rnd) < v ? 1f : 0f;
        }
    }

    /**
     * Uniform in [0, 255) without a division (Lemire's multiply-shift with exact rejection):
     * SplittableRandom's bounded nextInt divides on every draw, which made rate coding a tenth of
     * a training step.
     */
    static int below255(SplittableRandom rnd) {
        long m = (rnd.nextInt() & 0xFFFF_FFFFL) * 255;
        // the low 32 bits fall below 2^32 mod 255 = 1 for one draw in 2^32: reject those
        while ((int) m == 0) {
            m = (rnd.nextInt() & 0xFFFF_FFFFL) * 255;
        }
        return (int) (m >>> 32);
    }

    static long mix(long seed, int sample, int epoch, int t) {
        long h = seed * 0x9E3779B97F4A7C15L;
        h = murmur(h ^ sample);
        h = murmur(h ^ ((long) epoch << 32));
        return murmur(h ^ ((long) t << 16));
    }

    private static long murmur(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
