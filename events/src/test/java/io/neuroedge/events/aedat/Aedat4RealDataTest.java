package io.neuroedge.events.aedat;

import io.neuroedge.events.EventArray;
import io.neuroedge.events.EventFormat;
import io.neuroedge.events.EventFormatException;
import io.neuroedge.events.EventFormats;
import io.neuroedge.events.EventStats;
import io.neuroedge.events.RecordingSummary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroedge.runtime.testing.SharedTestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Aedat4Reader} on the real DAVIS346 recording in the shared data folder (LZ4 frames with
 * linked blocks); expected values are those of {@code dvs/MANIFEST.md}.
 */
class Aedat4RealDataTest {

    static final String FILE = "dvs/aedat4/davis346_aestream.aedat4";
    private static final long T0 = 1_633_953_690_975_950L;
    /** Offsets of the first packets, from walking the file: EVTS packet 0 starts at 3226. */
    private static final long FIRST_EVENT_PACKET = 3226;

    @TempDir
    Path dir;

    @Test
    void matchesTheManifest() throws IOException {
        EventArray first = new EventArray();
        EventStats stats = new EventStats();
        long[] wrappingSum = new long[1];
        RecordingSummary summary = new Aedat4Reader().read(SharedTestData.resolve(FILE),
                (x, y, p, t) -> {
                    stats.event(x, y, p, t);
                    wrappingSum[0] += t;
                    if (first.size() < 3) {
                        first.event(x, y, p, t);
                    }
                });

        assertEquals(117_667, stats.events);
        assertEquals(72_363, stats.on);
        assertEquals(45_304, stats.events - stats.on);
        assertEquals(T0, stats.firstT);
        assertEquals(1_633_953_691_105_949L, stats.lastT);
        assertTrue(stats.maxX <= 345 && stats.maxY <= 259 && stats.minX >= 0 && stats.minY >= 0);
        // MANIFEST's sum_t adds the timestamps in (overflowing) 64-bit arithmetic, then takes the
        // remainder; the exact sum of these Unix-time values exceeds 2^63
        assertEquals(734_434_141, Math.floorMod(wrappingSum[0], EventStats.SUM_T_MODULUS));
        assertEquals(557_874_179, stats.sumT);
        long[][] expected = {{T0, 218, 15, 1}, {T0, 306, 76, 1}, {T0 + 4, 178, 73, 0}};
        for (int i = 0; i < 3; i++) {
            assertEquals(expected[i][0], first.timeUs(i));
            assertEquals(expected[i][1], first.x(i));
            assertEquals(expected[i][2], first.y(i));
            assertEquals(expected[i][3], first.polarity(i));
        }

        assertEquals(EventFormat.AEDAT, summary.format());
        assertEquals(117_667, summary.events());
        assertEquals(72_363, summary.onEvents());
        assertEquals(T0, summary.firstTimeUs());
        assertEquals(1_633_953_691_105_949L, summary.lastTimeUs());
        // 40 packets, 13 of them EVTS: the other 27 are skipped
        assertEquals(27, summary.skippedWords());
        assertEquals(346, summary.sensorWidth());
        assertEquals(260, summary.sensorHeight());
        assertEquals("LZ4", summary.header().value("compression").orElseThrow());
    }

    @Test
    void headerDeclaresFourStreams() throws IOException {
        Aedat4Header header;
        try (var in = Files.newInputStream(SharedTestData.resolve(FILE))) {
            header = Aedat4Header.read(new ByteSource(in, FILE));
        }
        assertEquals(Aedat4Compression.LZ4, header.compression());
        assertEquals(4, header.streams().size());
        assertEquals("EVTS FRME IMUS TRIG", String.join(" ", header.streams().stream()
                .map(Aedat4Stream::typeIdentifier).toList()));
        assertEquals(new Aedat4Stream(0, "EVTS", "events", 346, 260, "DAVIS346_00000104"),
                header.streams().get(0));
        assertEquals(3126, header.dataOffset());
        assertTrue(header.dataTablePosition() > header.dataOffset());
    }

    @Test
    void detectAndOpenChooseTheAedat4Reader() throws IOException {
        Path file = SharedTestData.resolve(FILE);
        assertEquals(EventFormat.AEDAT, EventFormats.detect(file));
        assertInstanceOf(Aedat4Reader.class, EventFormats.open(file));
        assertEquals(117_667, EventFormats.open(file).read(file, (x, y, p, t) -> { }).events());
    }

    @Test
    void selectingANonEventStreamIsRefused() {
        EventFormatException e = assertThrows(EventFormatException.class,
                () -> new Aedat4Reader(1).read(SharedTestData.resolve(FILE), (x, y, p, t) -> { }));
        assertTrue(e.getMessage().contains("FRME"), e.getMessage());
    }

    /** Cuts inside the magic, the IOHeader, a packet header, an EVTS payload, and at packets. */
    @ParameterizedTest
    @ValueSource(ints = {0, 5, 16, 100, 3126, 3130, 3226, 3240, 40_000, 80_228, 600_000, 1_100_000})
    void truncationIsAFormatErrorWithAnOffset(int length) throws IOException {
        byte[] all = Files.readAllBytes(SharedTestData.resolve(FILE));
        Path cut = dir.resolve("cut.aedat4");
        Files.write(cut, Arrays.copyOf(all, length));

        EventFormatException e = assertThrows(EventFormatException.class,
                () -> new Aedat4Reader().read(cut, (x, y, p, t) -> { }));
        assertTrue(e.byteOffset() >= 0 && e.byteOffset() <= length, e.getMessage());
    }

    @Test
    void everyCutBeforeTheDataTableFails() throws IOException {
        byte[] all = Files.readAllBytes(SharedTestData.resolve(FILE));
        Path cut = dir.resolve("cut.aedat4");
        for (int length = 0; length < all.length; length += 7919) {
            Files.write(cut, Arrays.copyOf(all, length));
            assertThrows(EventFormatException.class,
                    () -> new Aedat4Reader().read(cut, (x, y, p, t) -> { }), "cut at " + length);
        }
    }

    /** Garbles bytes inside the first EVTS packet's LZ4 data in several ways. */
    @ParameterizedTest
    @ValueSource(ints = {FIRST_EVENT_PACKET_PAYLOAD, FIRST_EVENT_PACKET_PAYLOAD + 4,
        FIRST_EVENT_PACKET_PAYLOAD + 7, FIRST_EVENT_PACKET_PAYLOAD + 11,
        FIRST_EVENT_PACKET_PAYLOAD + 500, FIRST_EVENT_PACKET_PAYLOAD + 40_000})
    void corruptCompressedPacketIsAFormatError(int at) throws IOException {
        byte[] all = Files.readAllBytes(SharedTestData.resolve(FILE));
        for (int fill : new int[] {0x00, 0xFF, 0x5A}) {
            byte[] bad = all.clone();
            Arrays.fill(bad, at, at + 16, (byte) fill);
            Path file = dir.resolve("bad.aedat4");
            Files.write(file, bad);
            EventFormatException e = assertThrows(EventFormatException.class,
                    () -> new Aedat4Reader().read(file, (x, y, p, t) -> { }),
                    "fill " + fill + " at " + at);
            assertTrue(e.byteOffset() >= FIRST_EVENT_PACKET && e.byteOffset() < all.length,
                    e.getMessage());
        }
    }

    @Test
    void packetForAnUndeclaredStreamIsAFormatError() throws IOException {
        byte[] bad = Files.readAllBytes(SharedTestData.resolve(FILE));
        bad[(int) FIRST_EVENT_PACKET] = 9;
        Path file = dir.resolve("bad.aedat4");
        Files.write(file, bad);
        EventFormatException e = assertThrows(EventFormatException.class,
                () -> new Aedat4Reader().read(file, (x, y, p, t) -> { }));
        assertEquals(FIRST_EVENT_PACKET, e.byteOffset());
    }

    private static final int FIRST_EVENT_PACKET_PAYLOAD = (int) FIRST_EVENT_PACKET + 8;
}
