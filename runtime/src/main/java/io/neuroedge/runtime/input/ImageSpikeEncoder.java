package io.neuroedge.runtime.input;

/**
 * Static uint8 images into per-step input, the one encoder training and evaluation share so a
 * trained model's program sees exactly the input the float network saw. RATE: each pixel spikes
 * with probability intensity/255 per step, from a SplitMix64 stream seeded by (seed, sample,
 * epoch, step), so a frame never depends on the thread or on the frames drawn before it. DIRECT:
 * the intensity itself (as a current in [0, 1] for training, as a count up to the program's input
 * bound for a program). Immutable and allocation-free: workers share one encoder.
 */
public final class ImageSpikeEncoder {

    /** How pixels become input. */
    public enum Mode { RATE, DIRECT }

    /** The epoch evaluation draws with (training passes epochs 0, 1, ...). */
    public static final int EVALUATION = -1;

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private final Mode mode;
    private final long seed;

    private ImageSpikeEncoder(Mode mode, long seed) {
        this.mode = mode;
        this.seed = seed;
    }

    /** Bernoulli rate spikes drawn from {@code seed}. */
    public static ImageSpikeEncoder rate(long seed) {
        return new ImageSpikeEncoder(Mode.RATE, seed);
    }

    /** Intensities as input, no randomness. */
    public static ImageSpikeEncoder direct() {
        return new ImageSpikeEncoder(Mode.DIRECT, 0);
    }

    /** {@link #rate} or {@link #direct} by {@code mode}. */
    public static ImageSpikeEncoder of(Mode mode, long seed) {
        return mode == Mode.RATE ? rate(seed) : direct();
    }

    public Mode mode() {
        return mode;
    }

    /** Step {@code t} of {@code image} as float input: spikes 0/1, or intensity/255. */
    public void encode(byte[] image, int sample, int epoch, int t, float[] dst) {
        if (mode == Mode.DIRECT) {
            for (int i = 0; i < image.length; i++) {
                dst[i] = (image[i] & 0xFF) / 255f;
            }
            return;
        }
        spikes(image, streamSeed(seed, sample, epoch, t), dst, null);
    }

    /**
     * Step {@code t} of {@code image} as a program's input counts: the same spikes as the float form,
     * or intensity scaled to {@code maxCount} (rounded).
     */
    public void encode(byte[] image, int sample, int epoch, int t, int maxCount, byte[] dst) {
        if (mode == Mode.DIRECT) {
            for (int i = 0; i < image.length; i++) {
                dst[i] = (byte) (((image[i] & 0xFF) * maxCount + 127) / 255);
            }
            return;
        }
        spikes(image, streamSeed(seed, sample, epoch, t), null, dst);
    }

    /** Writes the rate spikes into whichever of {@code floats} and {@code counts} is given. */
    private static void spikes(byte[] image, long state, float[] floats, byte[] counts) {
        // SplittableRandom's SplitMix64 stream, kept in a local: a generator object per frame was the
        // one allocation of a training step
        for (int i = 0; i < image.length; i++) {
            int v = image[i] & 0xFF;
            boolean spike = false;
            if (v != 0) { // zero pixels draw nothing (most of an MNIST digit)
                // P(spike) = v/255 exactly: a uniform draw in [0, 255) by multiply-shift, rejecting the
                // one low word in 2^32 that would bias it (no division, unlike a bounded nextInt)
                long m;
                do {
                    state += GOLDEN_GAMMA;
                    m = (mix32(state) & 0xFFFF_FFFFL) * 255;
                } while ((int) m == 0);
                spike = (int) (m >>> 32) < v;
            }
            if (floats != null) {
                floats[i] = spike ? 1f : 0f;
            } else {
                counts[i] = (byte) (spike ? 1 : 0);
            }
        }
    }

    /** SplittableRandom.nextInt's output function (Stafford variant 4 of the MurmurHash3 finaliser). */
    private static int mix32(long z) {
        z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
        return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
    }

    /** The stream's start for one frame; unrelated for nearby arguments (also seeds the trainer's shuffles). */
    public static long streamSeed(long seed, int sample, int epoch, int t) {
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
