package io.neuroedge.host.demo;

import io.neuroedge.runtime.testing.SharedTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo end to end at a size for CI: every stage runs for real, on simulated MNIST saccades. */
class DemoTest {

    @TempDir
    Path dir;

    @Test
    void demoShouldTrainFlashStreamAndAdaptOnTheDevice() throws Exception {
        Demo.Options o = new Demo.Options(dir, null, SharedTestData.resolve("data/mnist-10k"), 800, 8, 200, 120,
                16, 3, 64, 10.0, 0, 2, 1, 0.001);
        StringWriter log = new StringWriter();
        Demo.Summary s = new Demo(o, new PrintWriter(log, true)).run();
        String text = log.toString();
        assertEquals(10, s.classes());
        assertTrue(s.validationAccuracy() > 0.6, "STOP on 640 simulated recordings: " + s.validationAccuracy());
        assertTrue(text.contains("[4/6] agent on 127.0.0.1:") && text.contains("flashed demo v1"), text);
        assertTrue(text.contains("#8 "), "eight live predictions are shown: " + text);
        assertEquals(0, s.eventsDropped(), "lossless streaming");
        assertTrue(s.shiftedAfter() > s.shiftedBefore(),
                "on-device STOP on the noisy sensor: " + s.shiftedBefore() + " -> " + s.shiftedAfter());
        assertEquals("demo v2", s.learnedVersion(), "the learned program is stored as a new version");
        assertTrue(s.shiftedDenoised() > s.shiftedBefore(),
                "the program's background-activity filter on the noisy sensor: " + s.shiftedBefore() + " -> "
                        + s.shiftedDenoised());
    }
}
