package io.neuroedge.runtime.learn;

import io.neuroedge.proto.model.InputEncoding;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SampleSourceTest {

    private static final byte[][] IMAGES = {{0, 64, (byte) 128, (byte) 255}, {(byte) 200, 0, 0, 1}};
    private static final int[] LABELS = {3, 7};

    @Test
    void rateCodingIsDeterministicPerSeedSampleEpochAndStep() {
        SampleSource a = SampleSource.rate(IMAGES, LABELS, 42);
        SampleSource b = SampleSource.rate(IMAGES, LABELS, 42);
        float[] x = new float[4];
        float[] y = new float[4];
        a.frame(0, 3, 5, x);
        b.frame(0, 3, 5, y);
        assertArrayEquals(x, y);
        assertEquals(0f, x[0]); // intensity 0 never spikes
        assertEquals(1f, x[3]); // intensity 255 always spikes
        assertEquals(InputEncoding.RATE, a.encoding());
        assertEquals(7, a.label(1));
    }

    @Test
    void rateCodingFiresWithProbabilityIntensityOver255() {
        SampleSource s = SampleSource.rate(IMAGES, LABELS, 1);
        float[] x = new float[4];
        int[] count = new int[4];
        int n = 20000;
        boolean epochsDiffer = false;
        float[] other = new float[4];
        for (int t = 0; t < n; t++) {
            s.frame(0, t / 100, t % 100, x);
            s.frame(0, t / 100 + 1, t % 100, other);
            epochsDiffer |= x[1] != other[1] || x[2] != other[2];
            for (int i = 0; i < 4; i++) {
                count[i] += (int) x[i];
            }
        }
        assertEquals(64 / 255.0, count[1] / (double) n, 0.015);
        assertEquals(128 / 255.0, count[2] / (double) n, 0.015);
        assertEquals(n, count[3]);
        assertFalse(!epochsDiffer, "different epochs must draw different spikes");
    }

    @Test
    void directAndPrecomputedFrames() {
        float[] x = new float[4];
        SampleSource.direct(IMAGES, LABELS).frame(1, 0, 9, x);
        assertArrayEquals(new float[] {200 / 255f, 0, 0, 1 / 255f}, x);

        byte[][] counts = {{1, 2, 3, (byte) 250, 0, 0}};
        SampleSource c = SampleSource.counts(counts, 2, 3, new int[] {4});
        float[] f = new float[3];
        c.frame(0, 0, 1, f);
        assertArrayEquals(new float[] {250, 0, 0}, f);
        assertEquals(2, c.steps());
        assertEquals(InputEncoding.EVENTS, c.encoding());
        assertThrows(IllegalArgumentException.class, () -> SampleSource.counts(counts, 3, 3, new int[] {4}));

        SampleSource sub = SampleSource.direct(IMAGES, LABELS).subset(1, 2);
        assertEquals(1, sub.size());
        assertEquals(7, sub.label(0));
    }
}
