package io.neuroedge.host.cli;

import io.neuroedge.runtime.testing.SharedTestData;
import io.neuroedge.runtime.data.IdxReader;
import io.neuroedge.events.EventArray;
import io.neuroedge.events.EventFormat;
import io.neuroedge.events.EventFormats;
import io.neuroedge.events.RecordingSummary;
import io.neuroedge.events.labels.LabelsCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.neuroedge.events.EventAssertions.assertSameEvents;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code events simulate} through the CLI, read back through the event readers. */
class EventsSimulateCommandTest {

    private static final Pattern JSON = Pattern.compile(
            "\\{\"recordings\": (\\d+), \"events\": (\\d+), \"seconds\": ([0-9.]+)}\\s*");

    @TempDir
    Path dir;

    private static String mnist() {
        return SharedTestData.resolve("data/mnist-10k").toString();
    }

    private static Matcher json(RunCommandTest.Run run) {
        assertEquals(0, run.exit(), run.err());
        Matcher m = JSON.matcher(run.out());
        assertTrue(m.matches(), run.out());
        return m;
    }

    @Test
    void twentyRecordingsReadBackWithTheirLabels() throws IOException {
        Path out = dir.resolve("sim");
        Matcher m = json(RunCommandTest.cli("events", "simulate", "--mnist", mnist(), "--limit", "20",
                "-o", out.toString(), "--json"));
        assertEquals(20, Integer.parseInt(m.group(1)));

        List<LabelsCsv.Entry> entries = LabelsCsv.read(out.resolve("labels.csv"));
        byte[] labels = IdxReader.readLabels(Path.of(mnist(), "train-labels-idx1-ubyte.gz"));
        assertEquals(20, entries.size());
        long total = 0;
        long on = 0;
        for (int i = 0; i < entries.size(); i++) {
            LabelsCsv.Entry e = entries.get(i);
            assertEquals("train/" + i + ".bs2", e.file());
            assertEquals(labels[i] & 0xFF, e.label(), e.file());
            Path file = out.resolve(e.file());
            assertEquals(EventFormat.NMNIST, EventFormats.detect(file), e.file());
            EventArray events = new EventArray();
            RecordingSummary s = EventFormats.open(file).read(file, events);
            // real N-MNIST digits have ~1,500..9,000 events in ~300 ms
            assertTrue(s.events() > 1_000 && s.events() < 12_000, e.file() + ": " + s.events());
            double onShare = (double) s.onEvents() / s.events();
            assertTrue(onShare > 0.4 && onShare < 0.6, e.file() + ": ON share " + onShare);
            assertTrue(s.firstTimeUs() >= 0 && s.lastTimeUs() <= 300_000, e.file());
            for (int k = 0; k < events.size(); k++) {
                assertTrue(events.x(k) < 34 && events.y(k) < 34, e.file() + " event " + k);
            }
            total += s.events();
            on += s.onEvents();
        }
        assertEquals(total, Long.parseLong(m.group(2)));
        assertTrue(on > 0.45 * total && on < 0.55 * total, on + " of " + total);
    }

    @Test
    void equalSeedsGiveIdenticalFilesWhateverTheThreadCount() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Path c = dir.resolve("c");
        json(RunCommandTest.cli("events", "simulate", "--mnist", mnist(), "--limit", "6", "--seed", "7",
                "--threads", "1", "-o", a.toString(), "--json"));
        json(RunCommandTest.cli("events", "simulate", "--mnist", mnist(), "--limit", "6", "--seed", "7",
                "--threads", "3", "-o", b.toString(), "--json"));
        json(RunCommandTest.cli("events", "simulate", "--mnist", mnist(), "--limit", "6", "--seed", "8",
                "-o", c.toString(), "--json"));
        for (int i = 0; i < 6; i++) {
            String name = "train/" + i + ".bs2";
            assertArrayEquals(Files.readAllBytes(a.resolve(name)), Files.readAllBytes(b.resolve(name)), name);
            assertFalse(java.util.Arrays.equals(Files.readAllBytes(a.resolve(name)),
                    Files.readAllBytes(c.resolve(name))), name + " must change with the seed");
        }
        assertEquals(Files.readString(a.resolve("labels.csv")), Files.readString(b.resolve("labels.csv")));
    }

    @Test
    void noiseAddsBackgroundEventsAtTheRequestedRate() throws IOException {
        Path clean = dir.resolve("clean");
        Path noisy = dir.resolve("noisy");
        long quiet = Long.parseLong(json(RunCommandTest.cli("events", "simulate", "--mnist", mnist(),
                "--limit", "4", "-o", clean.toString(), "--json")).group(2));
        long loud = Long.parseLong(json(RunCommandTest.cli("events", "simulate", "--mnist", mnist(),
                "--limit", "4", "--noise", "10", "-o", noisy.toString(), "--json")).group(2));
        // 10 Hz x 34 x 34 pixels x 0.3 s x 4 recordings = 13,872 expected background events
        long added = loud - quiet;
        assertTrue(added > 12_500 && added < 15_300, "added " + added);
    }

    @Test
    void everyFormatHoldsTheSameEvents() throws IOException {
        Path nmnist = dir.resolve("n");
        json(RunCommandTest.cli("events", "simulate", "--mnist", mnist(), "--split", "test", "--limit", "3",
                "-o", nmnist.toString(), "--json"));
        for (String[] f : new String[][] {{"evt3", "raw", "EVT3"}, {"aedat4", "aedat4", "AEDAT"}}) {
            Path out = dir.resolve(f[0]);
            json(RunCommandTest.cli("events", "simulate", "--mnist", mnist(), "--split", "test", "--limit", "3",
                    "--format", f[0], "-o", out.toString(), "--json"));
            List<LabelsCsv.Entry> entries = LabelsCsv.read(out.resolve("labels.csv"));
            assertEquals("test/0." + f[1], entries.get(0).file());
            for (int i = 0; i < 3; i++) {
                Path file = out.resolve("test/" + i + "." + f[1]);
                assertEquals(EventFormat.valueOf(f[2]), EventFormats.detect(file));
                Path reference = nmnist.resolve("test/" + i + ".bs2");
                assertSameEvents(EventFormats.open(reference).readAll(reference),
                        EventFormats.open(file).readAll(file), 0);
            }
        }
    }

    @Test
    void movingBarLabelsAreDirectionsTheEventsFollow() throws IOException {
        Path out = dir.resolve("bar");
        json(RunCommandTest.cli("events", "simulate", "--scene", "moving-bar", "--limit", "8",
                "-o", out.toString(), "--json"));
        List<LabelsCsv.Entry> entries = LabelsCsv.read(out.resolve("labels.csv"));
        assertEquals(8, entries.size());
        for (int i = 0; i < 8; i++) {
            int label = entries.get(i).label();
            assertEquals(i % 4, label);
            EventArray events = EventFormats.open(out.resolve(entries.get(i).file()))
                    .readAll(out.resolve(entries.get(i).file()));
            assertTrue(events.size() > 5_000, "events " + events.size());
            // where along the motion axis the early and the late events are
            double early = 0;
            double late = 0;
            int third = events.size() / 3;
            for (int k = 0; k < third; k++) {
                early += label < 2 ? events.x(k) : events.y(k);
                late += label < 2 ? events.x(events.size() - 1 - k) : events.y(events.size() - 1 - k);
            }
            boolean forward = label == 0 || label == 2;
            assertTrue(forward ? late > early + 10.0 * third : early > late + 10.0 * third,
                    "recording " + i + " (label " + label + "): early " + early / third + ", late " + late / third);
        }
    }

    @Test
    void badArgumentsAreOneLineErrors() {
        String out = dir.resolve("x").toString();
        assertOneLineError(RunCommandTest.cli("events", "simulate", "-o", out), "needs --mnist DIR");
        assertOneLineError(RunCommandTest.cli("events", "simulate", "--mnist", mnist(), "--split", "val",
                "-o", out), "--split must be train or test");
        assertOneLineError(RunCommandTest.cli("events", "simulate", "--mnist", mnist(), "--limit", "9000",
                "-o", out), "--limit 9000 exceeds the 8000 images");
        RunCommandTest.Run noImages = RunCommandTest.cli("events", "simulate", "--mnist", dir.toString(), "-o", out);
        assertEquals(ExitCodes.NO_INPUT, noImages.exit(), noImages.err());
        assertTrue(noImages.err().contains("train-images-idx3-ubyte"), noImages.err());
        assertOneLineError(RunCommandTest.cli("events", "simulate", "--mnist", mnist(), "--format", "dat",
                "-o", out), "writable formats: nmnist, evt3, aedat4");
        assertOneLineError(RunCommandTest.cli("events", "simulate", "--scene", "moving-bar", "-o", out),
                "needs --limit N");
        assertOneLineError(RunCommandTest.cli("events", "simulate", "--mnist", mnist(), "--noise", "-1",
                "-o", out), "noise rate must be >= 0");
        assertFalse(Files.exists(dir.resolve("x").resolve("labels.csv")));
    }

    private static void assertOneLineError(RunCommandTest.Run run, String fragment) {
        assertEquals(NeuroEdgeCli.EXIT_BAD_INPUT, run.exit(), run.out() + run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().startsWith("error: ") && run.err().contains(fragment), run.err());
    }
}
