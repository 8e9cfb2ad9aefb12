package io.neuroedge.host.sim;

import io.neuroedge.events.EventArray;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contrast-threshold model of {@link DvsSimulator} on hand-made frames. */
class DvsSimulatorTest {

    private static final DvsParameters IDEAL = DvsParameters.DEFAULT.withThresholdSigma(0);

    @Test
    void oneEventPerThresholdCrossingWithInterpolatedTimes() {
        DvsParameters p = new DvsParameters(0.5, 0, 0, 1e-9, 1);
        DvsSimulator sim = new DvsSimulator(1, 1, p);
        EventArray events = new EventArray();
        sim.frame(new float[] {1f}, 0, events);
        // log change e^1.6 / 1 = 1.6 crosses 0.5, 1.0, 1.5: three ON events at 0.5/1.6, 1/1.6, 1.5/1.6 of 1000 us
        sim.frame(new float[] {(float) Math.exp(1.6)}, 1000, events);
        assertEquals(3, events.size());
        // float rounding of the intensity may move a time by one microsecond
        assertEquals(312, events.timeUs(0), 1);
        assertEquals(625, events.timeUs(1), 1);
        assertEquals(937, events.timeUs(2), 1);
        for (int i = 0; i < 3; i++) {
            assertEquals(1, events.polarity(i));
        }
        // back down to 1: reference is at 1.5, so crossings at 1.0, 0.5 and 0.0 give three OFF events
        sim.frame(new float[] {1f}, 2000, events);
        assertEquals(6, events.size());
        for (int i = 3; i < 6; i++) {
            assertEquals(0, events.polarity(i));
            assertTrue(events.timeUs(i) > 1000 && events.timeUs(i) <= 2000);
        }
    }

    @Test
    void changesBelowTheThresholdMakeNoEvents() {
        DvsSimulator sim = new DvsSimulator(2, 1, IDEAL);
        EventArray events = new EventArray();
        sim.frame(new float[] {0.5f, 0.5f}, 0, events);
        sim.frame(new float[] {0.55f, 0.45f}, 1000, events);
        assertEquals(0, events.size());
    }

    @Test
    void eventsOfAFrameAreSortedByTimeAcrossPixels() {
        DvsSimulator sim = new DvsSimulator(2, 1, IDEAL);
        EventArray events = new EventArray();
        sim.frame(new float[] {0f, 0f}, 0, events);
        sim.frame(new float[] {1f, 0.3f}, 1000, events);
        assertTrue(events.size() > 3);
        for (int i = 1; i < events.size(); i++) {
            assertTrue(events.timeUs(i) >= events.timeUs(i - 1));
        }
        assertEquals(0, events.x(0), "the bright pixel crosses its first threshold earliest");
    }

    @Test
    void byteFramesMatchFloatFrames() {
        EventArray a = new EventArray();
        EventArray b = new EventArray();
        DvsSimulator fs = new DvsSimulator(2, 1, IDEAL);
        DvsSimulator bs = new DvsSimulator(2, 1, IDEAL);
        fs.frame(new float[] {0f, 1f}, 0, a);
        fs.frame(new float[] {1f, 0f}, 1000, a);
        bs.frame(new byte[] {0, (byte) 255}, 0, b);
        bs.frame(new byte[] {(byte) 255, 0}, 1000, b);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.timeUs(i), b.timeUs(i));
            assertEquals(a.polarity(i), b.polarity(i));
        }
    }

    @Test
    void noiseAddsAboutRateTimesPixelsTimesDuration() {
        int w = 32;
        int h = 32;
        double rate = 5.0;
        DvsSimulator sim = new DvsSimulator(w, h, IDEAL.withNoiseRateHz(rate).withSeed(42));
        EventArray events = new EventArray();
        float[] blank = new float[w * h];
        int[] polarity = new int[2];
        for (int f = 0; f <= 1000; f++) {
            sim.frame(blank, f * 1000L, events);
        }
        double expected = rate * w * h * 1.0;   // 1 s of frames
        for (int i = 0; i < events.size(); i++) {
            polarity[events.polarity(i)]++;
            assertTrue(i == 0 || events.timeUs(i) >= events.timeUs(i - 1));
        }
        // Poisson: sd = sqrt(5120) = 72; 5 sd keeps the test from flaking while catching a wrong rate
        assertEquals(expected, events.size(), 5 * Math.sqrt(expected), "noise events " + events.size());
        assertTrue(Math.abs(polarity[1] - polarity[0]) < 5 * Math.sqrt(expected), Arrays.toString(polarity));
    }

    @Test
    void framesMustMoveForwardInTimeAndMatchTheSize() {
        DvsSimulator sim = new DvsSimulator(2, 2, IDEAL);
        EventArray events = new EventArray();
        sim.frame(new float[4], 100, events);
        assertThrows(IllegalArgumentException.class, () -> sim.frame(new float[4], 100, events));
        assertThrows(IllegalArgumentException.class, () -> sim.frame(new float[3], 200, events));
        assertThrows(IllegalArgumentException.class, () -> new DvsParameters(0, 0, 0, 0.1, 1));
    }
}
