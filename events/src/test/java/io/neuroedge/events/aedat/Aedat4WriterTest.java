package io.neuroedge.events.aedat;

import io.neuroedge.events.EventArray;
import io.neuroedge.events.EventFileWriter;
import io.neuroedge.events.EventFormat;
import io.neuroedge.events.EventFormatException;
import io.neuroedge.events.EventFormats;
import io.neuroedge.events.RecordingSummary;
import io.neuroedge.events.nmnist.NMnistReader;
import io.neuroedge.events.prophesee.Evt2Reader;
import io.neuroedge.runtime.testing.SharedTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static io.neuroedge.events.EventAssertions.assertSameEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Aedat4Writer}: real recordings round-trip through it, and its bytes follow the layout. */
class Aedat4WriterTest {

    /** Every real event recording in the shared folder that a reader decodes. */
    private static final List<String> RECORDINGS = List.of(
            "dvs/aedat4/davis346_aestream.aedat4",
            "dvs/nmnist/train/1.bs2",
            "dvs/nmnist/train/1000.bs2",
            "dvs/prophesee/evt3_gen41_pedestrians_cut.raw",
            "dvs/prophesee/evt2_gen3_sparklers_cut.raw",
            "dvs/prophesee/ncars_obj_004397_td.dat");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Aedat4Compression.class, names = {"NONE", "LZ4", "ZSTD"})
    void everyRealRecordingRoundTrips(Aedat4Compression compression) throws IOException {
        for (String name : RECORDINGS) {
            Path source = SharedTestData.resolve(name);
            EventArray original = new EventArray();
            RecordingSummary s = EventFormats.open(source).read(source, original);
            int width = s.sensorSizeKnown() ? s.sensorWidth() : extent(original, true);
            int height = s.sensorSizeKnown() ? s.sensorHeight() : extent(original, false);
            Path out = dir.resolve(source.getFileName() + "." + compression + ".aedat4");

            EventFileWriter.WriteSummary w = new Aedat4Writer(compression).write(original, width, height, out);

            assertEquals(original.size(), w.events(), name);
            assertEquals(0, w.timeOriginUs(), name);
            assertEquals(Files.size(out), w.bytes(), name);
            assertEquals(EventFormat.AEDAT, EventFormats.detect(out), name);
            EventArray back = new EventArray();
            RecordingSummary r = EventFormats.open(out).read(out, back);
            assertSameEvents(original, back, 0);
            assertEquals(s.events(), r.events(), name);
            assertEquals(s.onEvents(), r.onEvents(), name);
            assertEquals(s.firstTimeUs(), r.firstTimeUs(), name);
            assertEquals(s.lastTimeUs(), r.lastTimeUs(), name);
            assertEquals(width, r.sensorWidth(), name);
            assertEquals(height, r.sensorHeight(), name);
            assertEquals(0, r.skippedWords(), name + ": only the event stream is written");
            assertEquals(compression.name(), r.header().lines().stream()
                    .filter(l -> l.key().equals("compression")).findFirst().orElseThrow().value());
        }
    }

    @Test
    void sparklersPacketsAreBoundedAndTheTableIndexesThem() throws IOException {
        Path source = SharedTestData.resolve("dvs/prophesee/evt2_gen3_sparklers_cut.raw");
        EventArray events = new Evt2Reader().readAll(source);
        Path out = dir.resolve("sparklers.aedat4");
        new Aedat4Writer().write(events, 640, 480, out);

        byte[] file = Files.readAllBytes(out);
        Aedat4Header header = header(out);
        assertTrue(header.dataTablePosition() > header.dataOffset());
        Aedat4Decompressor codec = new Aedat4Decompressor(Aedat4Compression.LZ4);
        int tableLength = codec.decompress(Arrays.copyOfRange(file, (int) header.dataTablePosition(), file.length),
                file.length - (int) header.dataTablePosition(), "t", 0);
        byte[] table = Arrays.copyOf(codec.output(), tableLength);
        FlatBufferView fb = FlatBufferView.sizePrefixed(table, tableLength, "t", 0);
        int root = fb.root("FTAB");
        int first = fb.vector(root, 0, 4);
        int packets = fb.vectorLength();
        assertEquals((521_252 + 4095) / 4096, packets);

        long expectedOffset = header.dataOffset() + 8;
        long total = 0;
        for (int k = 0; k < packets; k++) {
            int entry = first + 4 * k + Bytes.intLE(table, first + 4 * k);
            int size = Bytes.intLE(table, fb.field(entry, 1) + 4);
            long offset = fb.int64(entry, 0, -1);
            long count = fb.int64(entry, 2, -1);
            assertEquals(expectedOffset, offset, "packet " + k + " payload offset");
            assertEquals(0, Bytes.intLE(table, fb.field(entry, 1)), "stream id");
            assertEquals(size, Bytes.intLE(file, (int) offset - 4), "size in the packet header");
            assertEquals(k < packets - 1 ? 4096 : 521_252 % 4096, count);
            assertEquals(events.timeUs((int) total), fb.int64(entry, 3, -1));
            assertEquals(events.timeUs((int) (total + count - 1)), fb.int64(entry, 4, -1));
            total += count;
            expectedOffset = offset + size + 8;
        }
        assertEquals(events.size(), total);
        assertEquals(header.dataTablePosition(), expectedOffset - 8, "the table follows the last packet");
    }

    @Test
    void tinyUncompressedFileHasTheDocumentedBytes() throws IOException {
        EventArray events = new EventArray();
        events.event(3, 1, 1, 1_700_000_000_000_001L);
        events.event(0, 2, 0, 1_700_000_000_000_005L);
        Path out = dir.resolve("tiny.aedat4");
        new Aedat4Writer(Aedat4Compression.NONE).write(events, 4, 3, out);
        byte[] b = Files.readAllBytes(out);

        assertEquals("#!AER-DAT4.0\r\n", new String(b, 0, 14, StandardCharsets.US_ASCII));
        int headerSize = Bytes.intLE(b, 14);
        assertEquals("IOHE", new String(b, 22, 4, StandardCharsets.US_ASCII));
        assertEquals(0, Bytes.intLE(b, 18 + 28), "compression NONE");
        String xml = new String(b, 18 + 52, Bytes.intLE(b, 18 + 48), StandardCharsets.UTF_8);
        assertTrue(xml.contains("<attr key=\"typeIdentifier\" type=\"string\">EVTS</attr>"), xml);
        assertTrue(xml.contains("<attr key=\"sizeX\" type=\"int\">4</attr>"), xml);
        assertTrue(xml.contains("<attr key=\"sizeY\" type=\"int\">3</attr>"), xml);

        int packet = 18 + headerSize;
        assertEquals(0, Bytes.intLE(b, packet), "stream id");
        assertEquals(32 + 2 * 16, Bytes.intLE(b, packet + 4), "payload size");
        int p = packet + 8;
        assertEquals(60, Bytes.intLE(b, p), "size prefix");
        assertEquals("EVTS", new String(b, p + 8, 4, StandardCharsets.US_ASCII));
        assertEquals(2, Bytes.intLE(b, p + 28), "element count");
        int e = p + 32;
        assertEquals(1_700_000_000_000_001L, Bytes.longLE(b, e));
        assertEquals(3, Bytes.shortLE(b, e + 8));
        assertEquals(1, Bytes.shortLE(b, e + 10));
        assertEquals(1, b[e + 12]);
        assertEquals(1_700_000_000_000_005L, Bytes.longLE(b, e + 16));
        assertEquals(0, Bytes.shortLE(b, e + 24));
        assertEquals(2, Bytes.shortLE(b, e + 26));
        assertEquals(0, b[e + 28]);

        long tableAt = Bytes.longLE(b, 18 + 36);
        assertEquals(p + 64, tableAt, "dataTablePosition right after the only packet");
        assertEquals("FTAB", new String(b, (int) tableAt + 8, 4, StandardCharsets.US_ASCII));
        assertSameEvents(events, new Aedat4Reader().readAll(out), 0);
    }

    @Test
    void truncatedCopiesFailWithTheByteOffset() throws IOException {
        Path source = SharedTestData.resolve("dvs/nmnist/train/1.bs2");
        EventArray events = new NMnistReader().readAll(source);
        Path full = dir.resolve("full.aedat4");
        new Aedat4Writer().write(events, 34, 34, full);
        byte[] b = Files.readAllBytes(full);
        Aedat4Header header = header(full);
        int firstPacket = (int) header.dataOffset();
        int secondPacket = firstPacket + 8 + Bytes.intLE(b, firstPacket + 4);
        int table = (int) header.dataTablePosition();

        // inside the IOHeader, inside the first packet's payload, exactly between packets,
        // and one byte before the data table
        int[] cuts = {40, firstPacket + 20, secondPacket, table - 1};
        for (int cut : cuts) {
            Path cutFile = dir.resolve("cut" + cut + ".aedat4");
            Files.write(cutFile, Arrays.copyOf(b, cut));
            EventFormatException e = assertThrows(EventFormatException.class,
                    () -> new Aedat4Reader().readAll(cutFile), "cut at " + cut);
            assertTrue(e.getMessage().startsWith(cutFile + ": byte offset "), e.getMessage());
            assertTrue(e.byteOffset() >= 0 && e.byteOffset() <= cut, cut + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("file ends") || e.getMessage().contains("truncated"),
                    e.getMessage());
        }
        EventFormatException between = assertThrows(EventFormatException.class,
                () -> new Aedat4Reader().readAll(dir.resolve("cut" + secondPacket + ".aedat4")));
        assertEquals(secondPacket, between.byteOffset());
        assertTrue(between.getMessage().contains("file ends before its data table at byte offset " + table),
                between.getMessage());
    }

    @Test
    void incompressiblePacketsGoIntoStoredLz4BlocksAndReadBack() throws IOException {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        EventArray noise = new EventArray();
        for (int i = 0; i < 3 * Aedat4Writer.PACKET_EVENTS + 5; i++) {
            noise.event(random.nextInt(32767), random.nextInt(32767), random.nextInt(2), random.nextLong());
        }
        byte[] raw = new byte[100_000];
        random.nextBytes(raw);
        Aedat4Compressor lz4 = new Aedat4Compressor(Aedat4Compression.LZ4);
        int n = lz4.compress(raw, raw.length);
        // random bytes do not shrink: two stored blocks (64 KiB and the rest) behind DV's frame header
        assertEquals(0x8000_0000 | 64 * 1024, Bytes.intLE(lz4.output(), 7));
        assertEquals(0x8000_0000 | (100_000 - 64 * 1024), Bytes.intLE(lz4.output(), 7 + 4 + 64 * 1024));
        assertEquals(7 + 4 + 100_000 + 4 + 4, n);
        Aedat4Decompressor back = new Aedat4Decompressor(Aedat4Compression.LZ4);
        assertEquals(raw.length, back.decompress(lz4.output(), n, "p", 0));
        assertTrue(Arrays.equals(raw, 0, raw.length, back.output(), 0, raw.length));

        Path out = dir.resolve("noise.aedat4");
        new Aedat4Writer().write(noise, 32767, 32767, out);
        assertSameEvents(noise, new Aedat4Reader().readAll(out), 0);
    }

    @Test
    void emptyRecordingWritesAHeaderAndAnEmptyTable() throws IOException {
        Path out = dir.resolve("empty.aedat4");
        new Aedat4Writer(Aedat4Compression.ZSTD).write(new EventArray(), 34, 34, out);
        RecordingSummary s = new Aedat4Reader().read(out, (x, y, p, t) -> { });
        assertEquals(0, s.events());
        assertEquals(34, s.sensorWidth());
    }

    @Test
    void eventsTheFormatCannotHoldAreRejectedAndNothingIsWritten() {
        Path out = dir.resolve("bad.aedat4");
        EventArray outside = new EventArray();
        outside.event(34, 0, 1, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Aedat4Writer().write(outside, 34, 34, out));
        assertEquals("event 0 at (34, 0) is outside the 34 x 34 sensor", e.getMessage());

        EventArray polarity = new EventArray();
        polarity.event(0, 0, 2, 0);
        e = assertThrows(IllegalArgumentException.class, () -> new Aedat4Writer().write(polarity, 34, 34, out));
        assertEquals("event 0 has polarity 2; AEDAT 4.0 holds 0 or 1", e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> new Aedat4Writer().write(new EventArray(), 40_000, 10, out));
        assertTrue(e.getMessage().contains("32767"), e.getMessage());
        assertFalse(Files.exists(out));

        e = assertThrows(IllegalArgumentException.class, () -> new Aedat4Writer(Aedat4Compression.LZ4_HIGH));
        assertTrue(e.getMessage().contains("writable: NONE, LZ4, ZSTD"), e.getMessage());
    }

    private static Aedat4Header header(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return Aedat4Header.read(new ByteSource(in, file.toString()));
        }
    }

    private static int extent(EventArray events, boolean x) {
        int max = 0;
        for (int i = 0; i < events.size(); i++) {
            max = Math.max(max, x ? events.x(i) : events.y(i));
        }
        return max + 1;
    }
}
