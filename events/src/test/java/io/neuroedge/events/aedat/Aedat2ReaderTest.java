package io.neuroedge.events.aedat;

import io.neuroedge.events.EventArray;
import io.neuroedge.events.EventFormat;
import io.neuroedge.events.EventFormatException;
import io.neuroedge.events.EventFormats;
import io.neuroedge.events.RecordingSummary;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroedge.runtime.testing.SharedTestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Aedat2Reader} on synthetic files and on the shared negative-test headers. */
class Aedat2ReaderTest {

    private static final String DVS128 = "# AEChip: ch.unizh.ini.jaer.chip.retina.DVS128";
    private static final String DAVIS346 = "# AEChip: eu.seebetter.ini.chips.davis.Davis346red";

    @TempDir
    Path dir;

    @Test
    void dvs128EventsUseJaersMapping() throws IOException {
        // raw x 5, y 9, raw polarity 0 -> jAER: x = 127 - 5, polarity ON
        int a = 9 << 8 | 5 << 1;
        int special = 0x8000;
        Path f = file("\r\n", DVS128, new int[] {a, 100, special, 101, a | 1, 102});
        EventArray events = new EventArray();
        RecordingSummary summary = new Aedat2Reader().read(f, events);
        assertEquals(2, events.size());
        assertEvent(events, 0, 122, 9, 1, 100);
        assertEvent(events, 1, 122, 9, 0, 102);
        assertEquals(1, summary.skippedWords());
        assertEquals(128, summary.sensorWidth());
        assertEquals("ch.unizh.ini.jaer.chip.retina.DVS128",
                summary.header().value("AEChip").orElseThrow());
    }

    @Test
    void mappingIsConfigurable() throws IOException {
        Path f = file("\n", DVS128, new int[] {9 << 8 | 5 << 1, 100});
        EventArray events = new EventArray();
        new Aedat2Reader(null, Aedat2Mapping.RAW).read(f, events);
        assertEvent(events, 0, 5, 9, 0, 100);
    }

    @Test
    void davisEventsMirrorBothAxesAndSkipApsAndExternal() throws IOException {
        int dvs = 10 << 22 | 20 << 12 | 1 << 11;
        int aps = 0x8000_0000 | 123;
        int external = dvs | 0x400;
        Path f = file("\n", DAVIS346, new int[] {dvs, 7, aps, 8, external, 9, dvs & ~(1 << 11), 10});
        EventArray events = new EventArray();
        RecordingSummary summary = new Aedat2Reader().read(f, events);
        assertEquals(2, events.size());
        assertEvent(events, 0, 345 - 20, 259 - 10, 1, 7);
        assertEvent(events, 1, 345 - 20, 259 - 10, 0, 10);
        assertEquals(2, summary.skippedWords());
        assertEquals(346, summary.sensorWidth());
        assertEquals(260, summary.sensorHeight());
    }

    @Test
    void timestampsUnwrapOnlyOnLargeBackwardSteps() throws IOException {
        int a = 1 << 1;
        Path f = file("\n", DVS128, new int[] {a, 0x7FFF_FFF0, a, 0x8000_0010, a, 0xFFFF_FFF0,
            a, 0x10, a, 0x5, a, 0x20});
        EventArray events = new Aedat2Reader().readAll(f);
        long wrap = 1L << 32;
        long[] expected = {0x7FFF_FFF0L, 0x8000_0010L, 0xFFFF_FFF0L, wrap + 0x10, wrap + 5,
            wrap + 0x20};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], events.timeUs(i), "event " + i);
        }
    }

    @Test
    void partialFinalEventIsAFormatError() throws IOException {
        byte[] body = new byte[8 + 3];
        Path f = dir.resolve("p.aedat");
        Files.write(f, concat(header("\n", DVS128), body));
        EventFormatException e = assertThrows(EventFormatException.class,
                () -> new Aedat2Reader().readAll(f));
        assertEquals(header("\n", DVS128).length + 8, e.byteOffset());
    }

    @Test
    void unknownChipIsAFormatError() throws IOException {
        Path f = file("\n", "# AEChip: some.other.Chip", new int[] {0, 0});
        assertThrows(EventFormatException.class, () -> new Aedat2Reader().readAll(f));
    }

    @Test
    void sharedHeaderTruncatedInsidePreferencesIsRejected() throws IOException {
        Path f = SharedTestData.resolve("dvs/aedat2-headers/davis346red_tonic_header_only.aedat");
        EventFormatException e = assertThrows(EventFormatException.class,
                () -> new Aedat2Reader().readAll(f));
        assertEquals(599, e.byteOffset());
        assertTrue(e.getMessage().contains("preferences"), e.getMessage());
        assertEquals(EventFormat.AEDAT, EventFormats.detect(f));
        assertThrows(EventFormatException.class, () -> EventFormats.open(f));
    }

    @Test
    void sharedDvs128HeaderWithDollarFillerIsRejected() throws IOException {
        Path f = SharedTestData.resolve("dvs/aedat2-headers/dvs128_header_plus_38B_filler.aedat");
        EventFormatException e = assertThrows(EventFormatException.class,
                () -> new Aedat2Reader().read(f, (x, y, p, t) -> {
                    throw new AssertionError("filler delivered as an event");
                }));
        assertEquals(4279 - 38, e.byteOffset());
        assertTrue(e.getMessage().contains("0x24242424"), e.getMessage());
        assertEquals(EventFormat.AEDAT, EventFormats.detect(f));
        assertInstanceOf(Aedat2Reader.class, EventFormats.open(f));
    }

    private Path file(String eol, String chipLine, int[] words) throws IOException {
        ByteBuffer body = ByteBuffer.allocate(4 * words.length);
        for (int w : words) {
            body.putInt(w);
        }
        Path f = dir.resolve("rec.aedat");
        Files.write(f, concat(header(eol, chipLine), body.array()));
        return f;
    }

    private static byte[] header(String eol, String chipLine) {
        String text = "#!AER-DAT2.0" + eol + "# Timestamps tick: 1 us" + eol + chipLine + eol
                + "#Start of Preferences for this AEChip" + eol + "#<x/>" + eol
                + "#End of Preferences for this AEChip" + eol + "#End Of ASCII Header" + eol;
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    private static void assertEvent(EventArray e, int i, int x, int y, int p, long t) {
        assertArrayEquals(new long[] {x, y, p, t},
                new long[] {e.x(i), e.y(i), e.polarity(i), e.timeUs(i)}, "event " + i);
    }
}
