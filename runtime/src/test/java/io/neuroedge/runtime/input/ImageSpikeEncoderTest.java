package io.neuroedge.runtime.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** One image encoder for training and evaluation: the rate stream is pinned, its two forms agree. */
class ImageSpikeEncoderTest {

    private static byte[] ramp() {
        byte[] im = new byte[64];
        for (int i = 0; i < im.length; i++) {
            im[i] = (byte) (i * 4);
        }
        return im;
    }

    private static long spikeBits(float[] f) {
        long bits = 0;
        for (int i = 0; i < f.length; i++) {
            bits |= f[i] == 1f ? 1L << i : 0;
        }
        return bits;
    }

    @Test
    void rateStreamIsTheTrainersStream() {
        // the frames training has drawn since the stream was made allocation-free: changing them changes
        // every trained model
        float[] f = new float[64];
        ImageSpikeEncoder.rate(1).encode(ramp(), 3, 0, 5, f);
        assertEquals(0xffae5f54d941b540L, spikeBits(f));
        ImageSpikeEncoder.rate(2).encode(ramp(), 7, ImageSpikeEncoder.EVALUATION, 0, f);
        assertEquals(0xffbffc503d22a000L, spikeBits(f));
        assertEquals(0, spikeBits(f) & 1, "a black pixel never spikes");
    }

    @Test
    void countsAreTheSameSpikesAsTheFloatFrame() {
        ImageSpikeEncoder rate = ImageSpikeEncoder.rate(9);
        float[] f = new float[64];
        byte[] c = new byte[64];
        for (int t = 0; t < 8; t++) {
            rate.encode(ramp(), 11, ImageSpikeEncoder.EVALUATION, t, f);
            rate.encode(ramp(), 11, ImageSpikeEncoder.EVALUATION, t, 15, c);
            for (int i = 0; i < 64; i++) {
                assertEquals(f[i], c[i], "pixel " + i + " step " + t);
            }
        }
        float[] other = new float[64];
        rate.encode(ramp(), 11, 0, 7, other);
        assertNotEquals(spikeBits(f), spikeBits(other), "training epochs draw apart from evaluation");
    }

    @Test
    void directGivesIntensityAsCurrentOrAsCountsUpToTheBound() {
        byte[] im = {0, (byte) 255, (byte) 128, 1};
        float[] f = new float[4];
        byte[] c = new byte[4];
        ImageSpikeEncoder.direct().encode(im, 0, 0, 0, f);
        ImageSpikeEncoder.direct().encode(im, 0, 0, 0, 127, c);
        assertArrayEquals(new float[] {0f, 1f, 128 / 255f, 1 / 255f}, f);
        assertArrayEquals(new byte[] {0, 127, 64, 0}, c);
    }
}
