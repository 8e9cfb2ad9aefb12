package io.neuroedge.events.prophesee;

import io.neuroedge.events.EventArray;
import io.neuroedge.events.EventFileWriter;
import io.neuroedge.events.EventFormat;
import io.neuroedge.events.EventFormats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.neuroedge.events.EventAssertions.assertSameEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Evt3Writer} on synthetic events: word layout, time wraps, gaps and rejections. */
class Evt3WriterTest {

    private static final long PERIOD = 1L << 24;

    @TempDir
    Path dir;

    private static EventArray events(long... times) {
        EventArray a = new EventArray();
        for (int i = 0; i < times.length; i++) {
            a.event(i % 640, (i * 7) % 480, i % 2, times[i]);
        }
        return a;
    }

    private EventArray roundTrip(EventArray events) throws IOException {
        Path out = dir.resolve("t.raw");
        new Evt3Writer().write(events, 640, 480, out);
        return new Evt3Reader().readAll(out);
    }

    @Test
    void headerAndWordsFollowTheSpec() throws IOException {
        EventArray one = new EventArray();
        one.event(5, 3, 1, 0x123456);
        Path out = dir.resolve("one.raw");
        new Evt3Writer().write(one, 640, 480, out);

        byte[] bytes = Files.readAllBytes(out);
        String header = "% evt 3.0\n% format EVT3;height=480;width=640\n% geometry 640x480\n% end\n";
        assertEquals(header, new String(bytes, 0, header.length(), StandardCharsets.US_ASCII));
        int[] words = new int[(bytes.length - header.length()) / 2];
        for (int i = 0; i < words.length; i++) {
            int at = header.length() + 2 * i;
            words[i] = (bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8;
        }
        // TIME_HIGH 0x123, TIME_LOW 0x456, ADDR_Y 3, ADDR_X 5 with polarity bit 11
        assertEquals(4, words.length);
        assertEquals(0x8123, words[0]);
        assertEquals(0x6456, words[1]);
        assertEquals(0x0003, words[2]);
        assertEquals(0x2805, words[3]);
    }

    @Test
    void timesAcross24BitWrapsAndLongGapsSurvive() throws IOException {
        EventArray events = events(0, 5, 4095, 4096, PERIOD - 1, PERIOD, PERIOD + 4097,
                3 * PERIOD + 7, 3_600_000_000L, 3_600_000_000L, 86_400_000_000L);
        assertSameEvents(events, roundTrip(events), 0);
    }

    @Test
    void smallStepsBackInTimeSurvive() throws IOException {
        EventArray events = events(PERIOD - 100, PERIOD - 5000, PERIOD + 10, PERIOD + 3,
                PERIOD + 20_000, PERIOD + 1);
        assertSameEvents(events, roundTrip(events), 0);
    }

    @Test
    void aFirstEventPastTheFirstPeriodShiftsAllTimesByWholePeriods() throws IOException {
        long start = 5 * PERIOD + 1234;
        EventArray events = events(start, start + 10, start + PERIOD);
        Path out = dir.resolve("shifted.raw");
        EventFileWriter.WriteSummary summary = new Evt3Writer().write(events, 640, 480, out);
        assertEquals(5 * PERIOD, summary.timeOriginUs());
        assertSameEvents(events, new Evt3Reader().readAll(out), 5 * PERIOD);
    }

    @Test
    void writtenFileGetsTheDirectoryDefaultPermissions() throws IOException {
        Path out = dir.resolve("perm.raw");
        new Evt3Writer().write(events(1), 640, 480, out);
        Path reference = Files.createFile(dir.resolve("reference"));
        // a temp-file-style owner-only mode would differ from a plainly created file's
        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(out));
    }

    @Test
    void emptyArrayWritesAHeaderOnly() throws IOException {
        Path out = dir.resolve("empty.raw");
        new Evt3Writer().write(new EventArray(), 640, 480, out);
        assertEquals(0, new Evt3Reader().readAll(out).size());
        assertEquals(EventFormat.EVT3, EventFormats.detect(out));
    }

    @Test
    void unrepresentableEventsAreRejectedAndLeaveTheTargetUntouched() throws IOException {
        Path out = dir.resolve("keep.raw");
        Files.writeString(out, "old");
        Evt3Writer writer = new Evt3Writer();

        EventArray outside = new EventArray();
        outside.event(640, 0, 1, 0);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> writer.write(outside, 640, 480, out)).getMessage().contains("outside"));
        EventArray polarity = new EventArray();
        polarity.event(1, 1, 2, 0);
        assertThrows(IllegalArgumentException.class, () -> writer.write(polarity, 640, 480, out));
        assertThrows(IllegalArgumentException.class,
                () -> writer.write(events(10, -1), 640, 480, out));
        // back across a wrap, and back by more than half the 24-bit counter
        assertThrows(IllegalArgumentException.class,
                () -> writer.write(events(PERIOD + 5, PERIOD - 5), 640, 480, out));
        assertThrows(IllegalArgumentException.class,
                () -> writer.write(events(10_000_000, 1_000_000), 640, 480, out));
        assertThrows(IllegalArgumentException.class,
                () -> writer.write(new EventArray(), 4096, 480, out));

        assertEquals("old", Files.readString(out));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary files left behind");
        }
    }
}
