package io.neuroedge.host.sim;

import io.neuroedge.runtime.testing.SharedTestData;
import io.neuroedge.runtime.data.IdxImages;
import io.neuroedge.runtime.data.IdxReader;
import io.neuroedge.events.EventArray;
import io.neuroedge.events.EventFormats;
import io.neuroedge.events.nmnist.NMnistWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** N-MNIST-like recordings of synthetic and real MNIST digits. */
class SaccadeRecorderTest {

    private static final SaccadeRecorder RECORDER = new SaccadeRecorder(DvsParameters.DEFAULT);

    /** A 28 x 28 synthetic "digit": a bright ring with a soft edge. */
    private static byte[] ring() {
        byte[] image = new byte[28 * 28];
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                double d = Math.hypot(r - 13.5, c - 13.5);
                double v = Math.max(0, 1 - Math.abs(d - 8) / 3);
                image[r * 28 + c] = (byte) Math.round(255 * v);
            }
        }
        return image;
    }

    private static IdxImages mnistTest() throws IOException {
        return IdxReader.readImages(SharedTestData.resolve("data/mnist-10k/test-images-idx3-ubyte.gz"));
    }

    private static boolean same(EventArray a, EventArray b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.x(i) != b.x(i) || a.y(i) != b.y(i) || a.polarity(i) != b.polarity(i) || a.timeUs(i) != b.timeUs(i)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void blankImageMakesNoEvents() {
        assertEquals(0, RECORDER.record(new byte[28 * 28], 28, 28).size());
    }

    @Test
    void digitMakesTimeOrderedEventsOfBothPolaritiesOnThe34By34Canvas() {
        EventArray events = RECORDER.record(ring(), 28, 28);
        assertTrue(events.size() > 500, "events: " + events.size());
        int on = 0;
        for (int i = 0; i < events.size(); i++) {
            assertTrue(events.x(i) >= 0 && events.x(i) < 34 && events.y(i) >= 0 && events.y(i) < 34);
            assertTrue(i == 0 || events.timeUs(i) >= events.timeUs(i - 1), "time order at " + i);
            on += events.polarity(i);
        }
        assertTrue(on > 0 && on < events.size());
        long span = events.timeUs(events.size() - 1) - events.timeUs(0);
        assertTrue(span > 280_000 && span <= 300_000, "span " + span);
        assertEquals(300_000, RECORDER.durationUs());
        assertEquals(34, SaccadeRecorder.canvasWidth(28));
    }

    @Test
    void sameSeedSameEventsOtherSeedOtherEvents() {
        byte[] image = ring();
        EventArray a = RECORDER.record(image, 28, 28);
        EventArray b = RECORDER.record(image, 28, 28);
        EventArray c = new SaccadeRecorder(DvsParameters.DEFAULT.withSeed(2)).record(image, 28, 28);
        assertTrue(same(a, b));
        assertFalse(same(a, c));
    }

    @Test
    void higherContrastThresholdMakesFewerEvents() {
        byte[] image = ring();
        int low = new SaccadeRecorder(DvsParameters.DEFAULT.withContrastThreshold(0.15)).record(image, 28, 28).size();
        int mid = new SaccadeRecorder(DvsParameters.DEFAULT.withContrastThreshold(0.3)).record(image, 28, 28).size();
        int high = new SaccadeRecorder(DvsParameters.DEFAULT.withContrastThreshold(0.6)).record(image, 28, 28).size();
        assertTrue(low > mid && mid > high, low + " > " + mid + " > " + high);
    }

    @Test
    void noiseOnABlankImageComesAtTheConfiguredRate() {
        double rate = 10;
        EventArray events = new SaccadeRecorder(DvsParameters.DEFAULT.withNoiseRateHz(rate).withSeed(7))
                .record(new byte[28 * 28], 28, 28);
        double expected = rate * 34 * 34 * 0.3;
        // Poisson, sd = sqrt(3468) = 59; 5 sd
        assertEquals(expected, events.size(), 5 * Math.sqrt(expected), "noise events " + events.size());
    }

    @Test
    void realMnistDigitGivesAPlausibleBalancedRecordingThatNMnistReadsBack(@TempDir Path dir) throws IOException {
        IdxImages images = mnistTest();
        long total = 0;
        long totalOn = 0;
        int samples = 20;
        for (int k = 0; k < samples; k++) {
            EventArray events = RECORDER.record(images.image(k), 28, 28);
            int on = 0;
            for (int i = 0; i < events.size(); i++) {
                on += events.polarity(i);
            }
            // real N-MNIST digits have a few thousand events; the closed path keeps ON/OFF within 40..60 %
            assertTrue(events.size() > 1000 && events.size() < 15_000, "digit " + k + ": " + events.size());
            double onShare = (double) on / events.size();
            assertTrue(onShare > 0.4 && onShare < 0.6, "digit " + k + " ON share " + onShare);
            total += events.size();
            totalOn += on;
        }
        System.out.printf("saccade recorder, %d mnist-10k test digits: mean %d events, ON share %.3f%n",
                samples, total / samples, (double) totalOn / total);

        EventArray first = RECORDER.record(images.image(0), 28, 28);
        Path file = dir.resolve("sim.bs2");
        new NMnistWriter().write(first, 34, 34, file);
        EventArray back = EventFormats.open(file).readAll(file);
        assertTrue(same(first, back));
    }
}
