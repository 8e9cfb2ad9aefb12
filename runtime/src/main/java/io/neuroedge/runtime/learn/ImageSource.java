package io.neuroedge.runtime.learn;

import io.neuroedge.proto.model.InputEncoding;

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
        // SplittableRandom's SplitMix64 stream, kept in a local: a generator object per frame was the
        // one allocation of a training step
        long state = mix(seed, sample, epoch, t);
        for (int i = 0; i < inputSize; i++) {
            int v = im[i] & 0xFF;
            if (v == 0) { // zero pixels draw nothing (most of an MNIST digit)
                dst[i] = 0f;
                continue;
            }
            // P(spike) = v/255 exactly: a uniform draw in [0, 255) by multiply-shift, rejecting the
            // one low word in 2^32 that would bias it (no division, unlike a bounded nextInt)
            long m;
            do {
                state += GOLDEN_GAMMA;
                m = (mix32(state) & 0xFFFF_FFFFL) * 255;
            } while ((int) m == 0);
            dst[i] = (int) (m >>> 32) < v ? 1f : 0f;
        }
    }

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    /** SplittableRandom.nextInt's output function (Stafford variant 4 of the MurmurHash3 finaliser). */
    private static int mix32(long z) {
        z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
        return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
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
