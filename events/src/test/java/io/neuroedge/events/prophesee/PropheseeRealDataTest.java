package io.neuroedge.events.prophesee;

import io.neuroedge.events.ChunkedInputStream;
import io.neuroedge.events.EventArray;
import io.neuroedge.events.EventFileReader;
import io.neuroedge.events.EventFormat;
import io.neuroedge.events.EventFormatException;
import io.neuroedge.events.EventFormats;
import io.neuroedge.events.EventStats;
import io.neuroedge.events.RecordingSummary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroedge.runtime.testing.SharedTestData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Evt3Reader}, {@link Evt2Reader} and {@link DatReader} on the real Prophesee recordings in
 * the shared data folder; expected values are those of {@code dvs/MANIFEST.md}.
 */
class PropheseeRealDataTest {

    private static final String EVT3 = "dvs/prophesee/evt3_gen41_pedestrians_cut.raw";
    private static final String EVT2 = "dvs/prophesee/evt2_gen3_sparklers_cut.raw";
    private static final String DAT = "dvs/prophesee/ncars_obj_004397_td.dat";
    /** Byte offset of the first data word: both RAW headers are 166 bytes. */
    private static final int RAW_DATA_OFFSET = 166;
    private static final int DAT_DATA_OFFSET = 91 + 2;

    @TempDir
    Path dir;

    @Test
    void evt3MatchesTheManifest() throws IOException {
        EventStats stats = new EventStats();
        RecordingSummary summary = new Evt3Reader().read(SharedTestData.resolve(EVT3), stats);

        assertEquals(5_000, stats.events);
        assertEquals(2_894, stats.on);
        assertEquals(5_840_504, stats.firstT);
        assertEquals(5_885_714, stats.lastT);
        assertEquals(11, stats.minX);
        assertEquals(1_279, stats.maxX);
        assertEquals(22, stats.minY);
        assertEquals(698, stats.maxY);
        assertEquals(310_165_077, stats.sumT);
        assertEquals(707, stats.firstX);
        assertEquals(297, stats.firstY);
        assertEquals(0, stats.firstP);
        assertEquals(0, stats.backwardSteps);

        assertEquals(EventFormat.EVT3, summary.format());
        assertEquals(5_000, summary.events());
        assertEquals(2_894, summary.onEvents());
        assertEquals(5_840_504, summary.firstTimeUs());
        assertEquals(5_885_714, summary.lastTimeUs());
        // the cut starts on a TIME_HIGH word and holds only ADDR_Y, ADDR_X and time words
        assertEquals(0, summary.skippedWords());
        assertEquals(2_827, summary.timeHighWords());
        assertEquals(1280, summary.sensorWidth());
        assertEquals(720, summary.sensorHeight());
        assertEquals("3.0", summary.header().value("evt").orElseThrow());
        assertEquals("hal_plugin_gen41_evk3", summary.header().value("plugin_name").orElseThrow());
        assertEquals(RAW_DATA_OFFSET, summary.header().dataOffset());
    }

    @Test
    void evt2MatchesTheManifest() throws IOException {
        EventStats stats = new EventStats();
        RecordingSummary summary = new Evt2Reader().read(SharedTestData.resolve(EVT2), stats);

        assertEquals(521_252, stats.events);
        assertEquals(185_861, stats.on);
        assertEquals(913_716_224, stats.firstT);
        assertEquals(913_812_095, stats.lastT);
        assertEquals(91_322_883, stats.sumT);
        assertEquals(0, stats.backwardSteps);
        assertTrue(stats.maxX < 640 && stats.maxY < 480, "inside the Gen3 640 x 480 sensor");

        assertEquals(EventFormat.EVT2, summary.format());
        assertEquals(521_252, summary.events());
        assertEquals(185_861, summary.onEvents());
        assertEquals(5_992, summary.timeHighWords());
        assertEquals(0, summary.skippedWords());
        assertEquals(913_716_224, summary.firstTimeUs());
        assertEquals(913_812_095, summary.lastTimeUs());
        assertEquals(640, summary.sensorWidth());
        assertEquals(480, summary.sensorHeight());
        assertEquals(RAW_DATA_OFFSET, summary.header().dataOffset());
    }

    @Test
    void datMatchesTheManifest() throws IOException {
        EventStats stats = new EventStats();
        RecordingSummary summary = new DatReader().read(SharedTestData.resolve(DAT), stats);

        assertEquals(4_407, stats.events);
        assertEquals(1_671, stats.on);
        assertEquals(0, stats.firstT);
        assertEquals(99_937, stats.lastT);
        assertTrue(stats.maxX <= 53, "x <= 53, got " + stats.maxX);
        assertTrue(stats.maxY <= 60, "y <= 60, got " + stats.maxY);
        assertEquals(53, stats.maxX);
        assertEquals(60, stats.maxY);
        // not in the MANIFEST: from an independent Python decode of the same file
        assertEquals(239_318_661, stats.sumT);
        assertEquals(0, stats.backwardSteps);

        assertEquals(EventFormat.DAT, summary.format());
        assertEquals(4_407, summary.events());
        assertEquals(1_671, summary.onEvents());
        assertEquals(0, summary.firstTimeUs());
        assertEquals(99_937, summary.lastTimeUs());
        assertEquals(0, summary.skippedWords());
        assertTrue(!summary.sensorSizeKnown(), "N-CARS DAT header gives no size");
        assertEquals("2", summary.header().value("Version").orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 7, 13, 4099})
    void tinyChunksGiveTheSameEventsAsOneRead(int maxRead) throws IOException {
        assertSameAsWholeRead(EVT3, maxRead,
                (in, sink) -> new Evt3Reader().read(in, EVT3, sink));
        assertSameAsWholeRead(DAT, maxRead, (in, sink) -> new DatReader().read(in, DAT, sink));
        if (maxRead >= 3) {
            // 2 MB at 1-2 bytes per read would only slow the build, not add coverage
            assertSameAsWholeRead(EVT2, maxRead,
                    (in, sink) -> new Evt2Reader().read(in, EVT2, sink));
        }
    }

    @Test
    void truncatedCopiesNameTheOffsetOfThePartialWord() throws IOException {
        assertTruncated(EVT3, 1, new Evt3Reader());
        assertTruncated(EVT2, 3, new Evt2Reader());
        assertTruncated(DAT, 5, new DatReader());
    }

    @Test
    void evt3ReservedWordTypeIsAnError() throws IOException {
        byte[] bytes = read(EVT3);
        int at = RAW_DATA_OFFSET + 2 * 100;
        bytes[at] = (byte) 0xBC;
        bytes[at + 1] = 0x1A; // type 0x1 is reserved in EVT 3.0
        EventFormatException e = assertThrows(EventFormatException.class,
                () -> new Evt3Reader().read(write("reserved.raw", bytes), new EventStats()));
        assertEquals(at, e.byteOffset());
        assertTrue(e.getMessage().contains("0x1ABC"), e.getMessage());
    }

    @Test
    void evt3XOutsideTheSensorIsAnError() throws IOException {
        byte[] bytes = read(EVT3);
        int at = firstWordOfType(bytes, 2, 0x2);
        bytes[at] = (byte) 0xFF;
        bytes[at + 1] = 0x27; // ADDR_X, x = 2047
        Path bad = write("bad-x.raw", bytes);
        EventFormatException e = assertThrows(EventFormatException.class,
                () -> new Evt3Reader().read(bad, new EventStats()));
        assertEquals(at, e.byteOffset());
        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("x = 2047 is outside the 1280 x 720 sensor"),
                e.getMessage());
    }

    @Test
    void evt2ReservedTypeAndOutsideYAreErrors() throws IOException {
        byte[] bytes = read(EVT2);
        int at = RAW_DATA_OFFSET + 4 * 1000;
        bytes[at + 3] = 0x30; // type 0x3
        EventFormatException e = assertThrows(EventFormatException.class,
                () -> new Evt2Reader().read(write("reserved.raw", bytes), new EventStats()));
        assertEquals(at, e.byteOffset());

        byte[] again = read(EVT2);
        int cd = firstWordOfType(again, 4, 0x1);
        again[cd] = (byte) 0xFF;
        again[cd + 1] = (byte) ((again[cd + 1] & 0xF8) | 0x07); // y = 2047
        e = assertThrows(EventFormatException.class,
                () -> new Evt2Reader().read(write("bad-y.raw", again), new EventStats()));
        assertEquals(cd, e.byteOffset());
        assertTrue(e.getMessage().contains("y = 2047 is outside the 640 x 480 sensor"),
                e.getMessage());
    }

    @Test
    void datPolarityOutOfRangeIsAnError() throws IOException {
        byte[] bytes = read(DAT);
        int at = DAT_DATA_OFFSET + 8 * 10;
        bytes[at + 7] = 0x50; // p = 5
        EventFormatException e = assertThrows(EventFormatException.class,
                () -> new DatReader().read(write("bad-p.dat", bytes), new EventStats()));
        assertEquals(at, e.byteOffset());
        assertTrue(e.getMessage().contains("polarity 5"), e.getMessage());
    }

    @Test
    void garbageAfterTheHeaderIsAnError() throws IOException {
        Random random = new Random(42);
        for (String name : new String[] {EVT3, EVT2}) {
            byte[] bytes = read(name);
            byte[] noise = new byte[4096];
            random.nextBytes(noise);
            System.arraycopy(noise, 0, bytes, RAW_DATA_OFFSET, noise.length);
            Path bad = write("garbage.raw", bytes);
            EventFileReader reader = name.equals(EVT3) ? new Evt3Reader() : new Evt2Reader();
            EventFormatException e = assertThrows(EventFormatException.class,
                    () -> reader.read(bad, new EventStats()), name);
            assertTrue(e.byteOffset() >= RAW_DATA_OFFSET
                    && e.byteOffset() < RAW_DATA_OFFSET + noise.length, e.getMessage());
        }
    }

    @Test
    void readersRejectFilesOfAnotherFormat() throws IOException {
        Path evt3 = SharedTestData.resolve(EVT3);
        Path evt2 = SharedTestData.resolve(EVT2);
        Path dat = SharedTestData.resolve(DAT);
        // "% evt 3.0" is the second header line, at byte 27 (the first is the 27-byte date)
        EventFormatException e = assertThrows(EventFormatException.class,
                () -> new Evt2Reader().read(evt3, new EventStats()));
        assertEquals(27, e.byteOffset());
        assertTrue(e.getMessage().contains("(EVT3), not EVT2"), e.getMessage());
        e = assertThrows(EventFormatException.class,
                () -> new Evt3Reader().read(evt2, new EventStats()));
        assertEquals(RAW_DATA_OFFSET - "% evt 2.0\n".length(), e.byteOffset());
        e = assertThrows(EventFormatException.class,
                () -> new DatReader().read(evt3, new EventStats()));
        assertTrue(e.getMessage().contains("not DAT"), e.getMessage());
        e = assertThrows(EventFormatException.class,
                () -> new Evt3Reader().read(dat, new EventStats()));
        assertEquals(0, e.byteOffset());
        assertTrue(e.getMessage().contains(dat.toString()), e.getMessage());
    }

    @Test
    void detectionRecognisesEveryRealFile() throws IOException {
        assertEquals(EventFormat.EVT3, EventFormats.detect(SharedTestData.resolve(EVT3)));
        assertEquals(EventFormat.EVT2, EventFormats.detect(SharedTestData.resolve(EVT2)));
        assertEquals(EventFormat.DAT, EventFormats.detect(SharedTestData.resolve(DAT)));
        assertEquals(EventFormat.NMNIST,
                EventFormats.detect(SharedTestData.resolve("dvs/nmnist/train/1.bs2")));
        assertEquals(EventFormat.AEDAT, EventFormats.detect(
                SharedTestData.resolve("dvs/aedat2-headers/davis346red_tonic_header_only.aedat")));
        assertEquals(EventFormat.AEDAT, EventFormats.detect(SharedTestData.resolve(
                "dvs/aedat2-headers/dvs128_header_plus_38B_filler.aedat")));
        assertEquals(EventFormat.AEDAT,
                EventFormats.detect(SharedTestData.resolve("dvs/aedat4/davis346_aestream.aedat4")));
        assertEquals(EventFormat.UNKNOWN, EventFormats.detect(
                SharedTestData.resolve("dvs/dvsgesture/user01_natural_labels.csv")));
        assertEquals(EventFormat.UNKNOWN, EventFormats.detect(SharedTestData.resolve("dvs/MANIFEST.md")));
    }

    @Test
    void aedatPayloadWithoutItsHeaderIsNotMistakenForNMnist() throws IOException {
        // the 38 filler bytes alone: not a multiple of 5, and "$" rows are y = 36 anyway
        byte[] bytes = read("dvs/aedat2-headers/dvs128_header_plus_38B_filler.aedat");
        byte[] tail = Arrays.copyOfRange(bytes, bytes.length - 38, bytes.length);
        assertEquals(EventFormat.UNKNOWN, EventFormats.detect(write("tail.bin", tail)));
    }

    @Test
    void openReturnsAReaderThatMatchesTheDirectOne() throws IOException {
        for (String name : new String[] {EVT3, EVT2, DAT}) {
            Path file = SharedTestData.resolve(name);
            EventStats viaOpen = new EventStats();
            RecordingSummary summary = EventFormats.open(file).read(file, viaOpen);
            EventStats direct = new EventStats();
            EventFileReader reader = switch (summary.format()) {
                case EVT3 -> new Evt3Reader();
                case EVT2 -> new Evt2Reader();
                default -> new DatReader();
            };
            assertEquals(reader.read(file, direct), summary, name);
            assertEquals(direct.sumT, viaOpen.sumT, name);
        }
        Path nmnist = SharedTestData.resolve("dvs/nmnist/train/1.bs2");
        RecordingSummary summary = EventFormats.open(nmnist).read(nmnist, new EventStats());
        assertEquals(EventFormat.NMNIST, summary.format());
        assertEquals(4_681, summary.events());
        assertEquals(893, summary.firstTimeUs());
        assertEquals(305_924, summary.lastTimeUs());
        Path aedat = SharedTestData.resolve("dvs/aedat2-headers/davis346red_tonic_header_only.aedat");
        assertThrows(EventFormatException.class, () -> EventFormats.open(aedat));
    }

    /** A reader of a stream, for the chunking test. */
    @FunctionalInterface
    private interface StreamRead {
        RecordingSummary read(InputStream in, EventArray sink) throws IOException;
    }

    private static void assertSameAsWholeRead(String name, int maxRead, StreamRead reader)
            throws IOException {
        Path file = SharedTestData.resolve(name);
        EventArray whole = new EventArray();
        RecordingSummary expected;
        try (InputStream in = Files.newInputStream(file)) {
            expected = reader.read(in, whole);
        }
        EventArray chunked = new EventArray();
        RecordingSummary actual;
        try (InputStream in = new ChunkedInputStream(Files.newInputStream(file), maxRead)) {
            actual = reader.read(in, chunked);
        }
        assertEquals(expected, actual, name + " read " + maxRead + " bytes at a time");
        assertEquals(whole.size(), chunked.size());
        for (int i = 0; i < whole.size(); i++) {
            if (whole.x(i) != chunked.x(i) || whole.y(i) != chunked.y(i)
                    || whole.polarity(i) != chunked.polarity(i)
                    || whole.timeUs(i) != chunked.timeUs(i)) {
                throw new AssertionError(name + ": event " + i + " differs with " + maxRead
                        + "-byte reads");
            }
        }
    }

    private void assertTruncated(String name, int cut, EventFileReader reader)
            throws IOException {
        byte[] bytes = read(name);
        Path file = write("cut-" + Path.of(name).getFileName(),
                Arrays.copyOf(bytes, bytes.length - cut));
        EventStats stats = new EventStats();
        EventFormatException e =
                assertThrows(EventFormatException.class, () -> reader.read(file, stats), name);
        int word = name.equals(DAT) ? 8 : name.equals(EVT2) ? 4 : 2;
        long offset = bytes.length - word;
        assertEquals(offset, e.byteOffset(), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("byte offset " + offset + ": truncated"),
                e.getMessage());
        assertTrue(stats.events > 0, "events before the cut were delivered");
    }

    /** Offset of the first word of {@code type} after the first TIME_HIGH (type 0x8). */
    private static int firstWordOfType(byte[] bytes, int wordBytes, int type) {
        boolean started = false;
        for (int i = RAW_DATA_OFFSET; i + wordBytes <= bytes.length; i += wordBytes) {
            int wordType = (bytes[i + wordBytes - 1] & 0xFF) >>> 4;
            if (started && wordType == type) {
                return i;
            }
            started |= wordType == 0x8;
        }
        throw new AssertionError("no word of type " + type);
    }

    private static byte[] read(String name) throws IOException {
        return Files.readAllBytes(SharedTestData.resolve(name));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }
}
