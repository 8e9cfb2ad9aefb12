package io.neuroedge.host.cli;

import io.neuroedge.runtime.testing.SharedTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code events info} on the real recordings, against the values in ../shared/dvs/MANIFEST.md. */
class EventsCommandTest {

    private static String info(String relative) {
        RunCommandTest.Run run = RunCommandTest.cli("events", "info", SharedTestData.resolve(relative).toString(), "--json");
        assertEquals(0, run.exit(), run.err());
        return run.out().strip();
    }

    @Test
    void evt3Recording() {
        assertEquals("{\"format\": \"evt3\", \"width\": 1280, \"height\": 720, \"size_from\": \"header\", \"events\": 5000, "
                + "\"on_events\": 2894, \"t_first_us\": 5840504, \"t_last_us\": 5885714, \"skipped\": 0}",
                info("dvs/prophesee/evt3_gen41_pedestrians_cut.raw"));
    }

    @Test
    void aedat4RecordingOfADavis346() {
        String json = info("dvs/aedat4/davis346_aestream.aedat4");
        assertTrue(json.startsWith("{\"format\": \"aedat\", \"width\": 346, \"height\": 260, \"size_from\": \"header\", "
                + "\"events\": 117667, \"on_events\": 72363, \"t_first_us\": 1633953690975950, "
                + "\"t_last_us\": 1633953691105949"), json);
    }

    @Test
    void nmnistRecordingHasNoHeaderSoItsExtentIsShown() {
        String json = info("dvs/nmnist/train/1.bs2");
        assertTrue(json.startsWith("{\"format\": \"nmnist\", "), json);
        assertTrue(json.contains("\"size_from\": \"events\", \"events\": 4681, "), json);
        assertTrue(json.contains("\"t_first_us\": 893, \"t_last_us\": 305924"), json);
    }

    @Test
    void unknownContentIsAOneLineError(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.txt");
        Files.writeString(junk, "%% hello\nthis is not an event recording\n");
        RunCommandTest.Run run = RunCommandTest.cli("events", "info", junk.toString());
        assertEquals(NeuroEdgeCli.EXIT_BAD_INPUT, run.exit());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().startsWith("error: ") && run.err().contains("junk.txt"), run.err());
    }
}
