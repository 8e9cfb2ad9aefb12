package io.neuroedge.events.aedat;

import io.neuroedge.events.EventArray;
import io.neuroedge.events.EventFormatException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Aedat4Reader} on files written by {@link Aedat4Files}: NONE, LZ4 and ZSTD payloads. */
class Aedat4SyntheticTest {

    private static final long T = 1_700_000_000_000_000L;
    private static final long[][] EVENTS = {{T, 3, 4, 1}, {T + 5, 0, 0, 0}, {T + 9, 9, 7, 1}};
    private static final long[][] MORE = {{T + 20, 1, 2, 0}};

    @TempDir
    Path dir;

    @Test
    void uncompressedPacketsDecodeAndOtherStreamsAreSkipped() throws IOException {
        EventArray events = read(file(0, EVENTS, MORE, p -> p));
        assertEvents(events, EVENTS, MORE);
    }

    @Test
    void zstdPacketsDecode() throws IOException {
        for (int code : new int[] {3, 4}) {
            assertEvents(read(file(code, EVENTS, MORE, Aedat4Files::zstd)), EVENTS, MORE);
        }
    }

    @Test
    void lz4StoredBlocksDecode() throws IOException {
        assertEvents(read(file(1, EVENTS, MORE, Aedat4Files::lz4Stored)), EVENTS, MORE);
    }

    @Test
    void coordinatesOutsideTheDeclaredSensorAreRejected() throws IOException {
        Path f = file(0, new long[][] {{T, 10, 0, 1}}, MORE, p -> p);
        EventFormatException e = assertThrows(EventFormatException.class, () -> read(f));
        assertTrue(e.getMessage().contains("x = 10"), e.getMessage());
    }

    @Test
    void polarityOtherThanZeroOrOneIsRejected() throws IOException {
        Path f = file(0, new long[][] {{T, 1, 1, 2}}, MORE, p -> p);
        assertThrows(EventFormatException.class, () -> read(f));
    }

    @Test
    void corruptZstdPayloadIsAFormatError() throws IOException {
        byte[] bytes = Files.readAllBytes(file(3, EVENTS, MORE, Aedat4Files::zstd));
        int payload = Aedat4Files.header(3, Aedat4Files.infoNode(10, 8)).length + 8;
        Arrays.fill(bytes, payload + 4, payload + 12, (byte) 0xFF);
        Path f = dir.resolve("bad.aedat4");
        Files.write(f, bytes);
        EventFormatException e = assertThrows(EventFormatException.class, () -> read(f));
        assertEquals(payload, e.byteOffset());
    }

    @Test
    void unknownCompressionCodeIsRejected() throws IOException {
        Path f = dir.resolve("c.aedat4");
        Files.write(f, Aedat4Files.header(7, Aedat4Files.infoNode(10, 8)));
        EventFormatException e = assertThrows(EventFormatException.class, () -> read(f));
        assertTrue(e.getMessage().contains("compression code 7"), e.getMessage());
    }

    @Test
    void malformedInfoNodeIsAFormatError() throws IOException {
        Path f = dir.resolve("x.aedat4");
        Files.write(f, Aedat4Files.header(0, "<dv><node name=\"outInfo\">"));
        assertThrows(EventFormatException.class, () -> read(f));
    }

    @Test
    void wrongPayloadIdentifierIsAFormatError() throws IOException {
        byte[] packet = Aedat4Files.eventPacket(EVENTS);
        packet[8] = 'F';
        Path f = dir.resolve("id.aedat4");
        Files.write(f, Aedat4Files.concat(Aedat4Files.header(0, Aedat4Files.infoNode(10, 8)),
                Aedat4Files.packet(0, packet)));
        EventFormatException e = assertThrows(EventFormatException.class, () -> read(f));
        assertTrue(e.getMessage().contains("FVTS"), e.getMessage());
    }

    private interface Codec {
        byte[] apply(byte[] payload);
    }

    /** Header, an EVTS packet, a TRIG packet (garbage, must be skipped), an EVTS packet. */
    private Path file(int code, long[][] first, long[][] second, Codec codec) throws IOException {
        Path f = dir.resolve("rec" + code + ".aedat4");
        Files.write(f, Aedat4Files.concat(Aedat4Files.header(code, Aedat4Files.infoNode(10, 8)),
                Aedat4Files.packet(0, codec.apply(Aedat4Files.eventPacket(first))),
                Aedat4Files.packet(1, new byte[] {1, 2, 3}),
                Aedat4Files.packet(0, codec.apply(Aedat4Files.eventPacket(second)))));
        return f;
    }

    private static EventArray read(Path f) throws IOException {
        return new Aedat4Reader().readAll(f);
    }

    private static void assertEvents(EventArray actual, long[][]... expected) {
        long[][] all = Arrays.stream(expected).flatMap(Arrays::stream).toArray(long[][]::new);
        assertEquals(all.length, actual.size());
        for (int i = 0; i < all.length; i++) {
            assertArrayEquals(all[i], new long[] {actual.timeUs(i), actual.x(i), actual.y(i),
                actual.polarity(i)}, "event " + i);
        }
    }
}
