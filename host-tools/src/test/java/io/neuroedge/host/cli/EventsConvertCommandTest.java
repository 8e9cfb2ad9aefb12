package io.neuroedge.host.cli;

import io.neuroedge.runtime.testing.SharedTestData;
import io.neuroedge.events.EventArray;
import io.neuroedge.events.prophesee.Evt3Reader;
import io.neuroedge.events.nmnist.NMnistReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code events convert} through the CLI. */
class EventsConvertCommandTest {

    @TempDir
    Path dir;

    private static void assertOneLineError(RunCommandTest.Run run, String fragment) {
        assertEquals(NeuroEdgeCli.EXIT_BAD_INPUT, run.exit(), run.out());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().startsWith("error: ") && run.err().contains(fragment), run.err());
    }

    @Test
    void nmnistToEvt3ByExtension() throws Exception {
        Path in = SharedTestData.resolve("dvs/nmnist/train/1.bs2");
        Path out = dir.resolve("digit.raw");
        RunCommandTest.Run run = RunCommandTest.cli("events", "convert", in.toString(), out.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals(1, run.out().strip().lines().count(), run.out());
        assertTrue(run.out().startsWith("converted 4,681 events (nmnist, 34x34) to evt3 "), run.out());

        EventArray original = new NMnistReader().readAll(in);
        EventArray back = new Evt3Reader().readAll(out);
        assertEquals(original.size(), back.size());
        assertEquals(original.timeUs(original.size() - 1), back.timeUs(back.size() - 1));

        RunCommandTest.Run info = RunCommandTest.cli("events", "info", out.toString(), "--json");
        assertTrue(info.out().startsWith("{\"format\": \"evt3\", \"width\": 34, \"height\": 34, "), info.out());
        RunCommandTest.Run json = RunCommandTest.cli("events", "convert", in.toString(), dir.resolve("again.aedat4").toString(),
                "--json");
        assertEquals(0, json.exit(), json.err());
        assertTrue(json.out().startsWith("{\"events\": 4681, \"input_format\": \"nmnist\", \"format\": \"aedat4\", "
                + "\"width\": 34, \"height\": 34, \"bytes\": "), json.out());
        RunCommandTest.Run render = RunCommandTest.cli("events", "render", in.toString(), "-o",
                dir.resolve("digit.png").toString(), "--scale", "2", "--json");
        assertTrue(render.out().startsWith("{\"events\": 4681, \"format\": \"nmnist\", \"width\": 34, \"height\": 34, "
                + "\"mode\": \"counts\", \"image_width\": 68, \"image_height\": 68, \"outside\": 0"), render.out());
    }

    @Test
    void aedat4ToEvt3ReportsTheTimeShift() {
        Path in = SharedTestData.resolve("dvs/aedat4/davis346_aestream.aedat4");
        Path out = dir.resolve("davis.raw");
        RunCommandTest.Run run = RunCommandTest.cli("events", "convert", in.toString(), out.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("converted 117,667 events (aedat, 346x260) to evt3 "), run.out());
        assertTrue(run.out().contains("times shifted by -"), run.out());
    }

    @Test
    void explicitFormatOverridesTheExtension() throws Exception {
        Path in = SharedTestData.resolve("dvs/nmnist/train/1.bs2");
        Path out = dir.resolve("digit.dat");
        RunCommandTest.Run run = RunCommandTest.cli("events", "convert", in.toString(), out.toString(),
                "--format", "nmnist");
        assertEquals(0, run.exit(), run.err());
        assertEquals(Files.size(in), Files.size(out));
    }

    @Test
    void coordinatesBeyondNMnistAreAOneLineError() {
        Path in = SharedTestData.resolve("dvs/prophesee/evt3_gen41_pedestrians_cut.raw");
        Path out = dir.resolve("wide.bin");
        assertOneLineError(RunCommandTest.cli("events", "convert", in.toString(), out.toString()),
                "does not fit N-MNIST's 8-bit coordinates (0..255)");
        assertFalse(Files.exists(out));
    }

    @Test
    void unsupportedTargetsAreOneLineErrors() {
        String in = SharedTestData.resolve("dvs/nmnist/train/1.bs2").toString();
        assertOneLineError(RunCommandTest.cli("events", "convert", in, dir.resolve("x.aedat").toString()),
                "--format");
        assertOneLineError(RunCommandTest.cli("events", "convert", in, dir.resolve("x.raw").toString(),
                "--format", "aedat2"), "writable formats: nmnist, evt3, aedat4");
    }
}
