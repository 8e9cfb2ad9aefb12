package io.neuroedge.events.aedat;

import io.neuroedge.events.EventArray;
import io.neuroedge.events.EventFormatException;
import io.neuroedge.events.EventFormats;
import io.neuroedge.events.RecordingSummary;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Aedat3Reader} on files written here following the published AEDAT 3.1 layout. */
class Aedat3ReaderTest {

    private static final String HEADER = "#!AER-DAT3.1\r\n#Format: RAW\r\n#Source 1: DVS128\r\n"
            + "#Start-Time: 2017-01-01 10:00:00 (TZ+0000)\r\n#!END-HEADER\r\n";

    @TempDir
    Path dir;

    @Test
    void polarityPacketsDecodeAndOthersAreSkipped() throws IOException {
        byte[] file = concat(HEADER.getBytes(StandardCharsets.US_ASCII),
                // special packet with a TIMESTAMP_RESET: skipped
                packet(0, 0, 1, 1, new int[][] {{1 << 1 | 1, 0}}),
                // capacity 3 > number 2; event 1 invalid
                packet(1, 0, 3, 2, new int[][] {polarity(5, 7, 1, 100), {0, 200}, {0, 0}}),
                packet(1, 1, 1, 1, new int[][] {polarity(127, 127, 0, 50)}));
        Path f = dir.resolve("rec.aedat");
        Files.write(f, file);

        EventArray events = new EventArray();
        RecordingSummary summary = new Aedat3Reader().read(f, events);
        assertEquals(2, events.size());
        assertArrayEquals(new long[] {5, 7, 1, 100}, event(events, 0));
        assertArrayEquals(new long[] {127, 127, 0, (1L << 31) | 50}, event(events, 1));
        assertEquals(2, summary.skippedWords());   // the special packet, the invalid event
        assertEquals(128, summary.sensorWidth());
        assertEquals("DVS128", summary.header().value("Source 1").orElseThrow());
        assertInstanceOf(Aedat3Reader.class, EventFormats.open(f));
    }

    @Test
    void truncatedFinalPacketIsAFormatErrorAtEveryCut() throws IOException {
        byte[] header = HEADER.getBytes(StandardCharsets.US_ASCII);
        byte[] file = concat(header, packet(1, 0, 2, 2,
                new int[][] {polarity(1, 2, 1, 3), polarity(2, 3, 0, 4)}));
        Path f = dir.resolve("cut.aedat");
        for (int n = header.length + 1; n < file.length; n++) {
            Files.write(f, Arrays.copyOf(file, n));
            EventFormatException e = assertThrows(EventFormatException.class,
                    () -> new Aedat3Reader().readAll(f), "length " + n);
            assertEquals(header.length + (n - header.length < 28 ? 0 : 28), e.byteOffset(),
                    e.getMessage());
        }
    }

    @Test
    void headerWithoutEndMarkerIsAFormatError() throws IOException {
        Path f = dir.resolve("h.aedat");
        Files.writeString(f, "#!AER-DAT3.1\r\n#Format: RAW\r\n");
        assertThrows(EventFormatException.class, () -> new Aedat3Reader().readAll(f));
    }

    @Test
    void inconsistentPacketHeaderIsAFormatError() throws IOException {
        byte[] bad = packet(1, 0, 1, 2, new int[][] {{0, 0}});   // number > capacity
        Path f = dir.resolve("b.aedat");
        Files.write(f, concat(HEADER.getBytes(StandardCharsets.US_ASCII), bad));
        assertThrows(EventFormatException.class, () -> new Aedat3Reader().readAll(f));
    }

    @Test
    void eventOutsideTheDvs128IsAFormatError() throws IOException {
        Path f = dir.resolve("o.aedat");
        Files.write(f, concat(HEADER.getBytes(StandardCharsets.US_ASCII),
                packet(1, 0, 1, 1, new int[][] {polarity(128, 0, 1, 1)})));
        assertThrows(EventFormatException.class, () -> new Aedat3Reader().readAll(f));
    }

    private static int[] polarity(int x, int y, int p, int t) {
        return new int[] {x << 17 | y << 2 | p << 1 | 1, t};
    }

    /** A packet of {@code capacity} 8-byte events, the first {@code number} of them given. */
    private static byte[] packet(int type, int overflow, int capacity, int number, int[][] ev) {
        ByteBuffer b = ByteBuffer.allocate(28 + 8 * capacity).order(ByteOrder.LITTLE_ENDIAN);
        int valid = (int) Arrays.stream(ev).limit(number).filter(e -> (e[0] & 1) == 1).count();
        b.putShort((short) type).putShort((short) 1).putInt(8).putInt(4).putInt(overflow)
                .putInt(capacity).putInt(number).putInt(valid);
        for (int[] e : ev) {
            b.putInt(e[0]).putInt(e[1]);
        }
        return b.array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static long[] event(EventArray e, int i) {
        return new long[] {e.x(i), e.y(i), e.polarity(i), e.timeUs(i)};
    }
}
