package io.neuroedge.events.nmnist;

import io.neuroedge.events.EventArray;
import io.neuroedge.events.EventFormatException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Synthetic edge cases of {@link NMnistReader}; real recordings are in NMnistRealDataTest. */
class NMnistReaderTest {

    @TempDir
    Path dir;

    private final NMnistReader reader = new NMnistReader();

    /** Encodes one event the way the N-MNIST files do. */
    private static void put(ByteArrayOutputStream out, int x, int y, int p, int t) {
        out.write(x);
        out.write(y);
        out.write((p << 7) | (t >>> 16));
        out.write(t >>> 8);
        out.write(t);
    }

    private Path write(byte[] bytes) throws IOException {
        return Files.write(dir.resolve("sample.bin"), bytes);
    }

    @Test
    void decodesEveryFieldIncludingThe23BitTimestamp() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        put(out, 0, 33, 1, 0);
        put(out, 33, 0, 0, 0x12345);
        put(out, 17, 9, 1, (1 << 23) - 1);
        EventArray events = reader.readAll(write(out.toByteArray()));
        assertEquals(3, events.size());
        assertEquals(0, events.x(0));
        assertEquals(33, events.y(0));
        assertEquals(1, events.polarity(0));
        assertEquals(0, events.timeUs(0));
        assertEquals(33, events.x(1));
        assertEquals(0, events.polarity(1));
        assertEquals(0x12345, events.timeUs(1));
        assertEquals(1, events.polarity(2));
        assertEquals((1 << 23) - 1, events.timeUs(2));
    }

    @Test
    void emptyFileHasNoEvents() throws IOException {
        EventArray events = new EventArray();
        NMnistReader.Summary summary = reader.read(write(new byte[0]), events);
        assertEquals(new NMnistReader.Summary(0, 0), summary);
        assertEquals(0, events.size());
    }

    @Test
    void eventsSplitAcrossReadsAndChunksDecodeTheSame() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = 40_000; // 200 kB: several 64 KiB chunks, none a multiple of 5 bytes
        for (int i = 0; i < n; i++) {
            put(out, i % 34, (i / 34) % 34, i & 1, i * 3);
        }
        byte[] bytes = out.toByteArray();
        EventArray whole = reader.readAll(write(bytes));
        EventArray trickled = new EventArray();
        NMnistReader.Summary summary =
                reader.read(new TrickleInputStream(bytes), "trickle", trickled);
        assertEquals(n, summary.events());
        assertEquals(n, whole.size());
        assertEquals(n, trickled.size());
        for (int i = 0; i < n; i++) {
            assertEquals(whole.x(i), trickled.x(i));
            assertEquals(whole.y(i), trickled.y(i));
            assertEquals(whole.polarity(i), trickled.polarity(i));
            assertEquals(3L * i, trickled.timeUs(i));
        }
    }

    @Test
    void truncatedFileFailsBeforeDeliveringAnyEvent() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        put(out, 1, 1, 1, 10);
        put(out, 2, 2, 0, 20);
        Path file = write(Arrays.copyOf(out.toByteArray(), 8));
        EventArray events = new EventArray();
        EventFormatException e =
                assertThrows(EventFormatException.class, () -> reader.read(file, events));
        assertEquals(0, events.size());
        assertEquals(5, e.byteOffset());
        assertEquals(file.toString(), e.source());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("byte offset 5"), e.getMessage());
        assertTrue(e.getMessage().contains("3 trailing byte(s)"), e.getMessage());
    }

    @Test
    void truncatedStreamIsReportedAtItsEnd() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        put(out, 1, 1, 1, 10);
        out.write(7);
        EventArray events = new EventArray();
        EventFormatException e = assertThrows(EventFormatException.class, () -> reader.read(
                new TrickleInputStream(out.toByteArray()), "stream.bin", events));
        assertEquals(1, events.size());
        assertEquals(5, e.byteOffset());
        assertTrue(e.getMessage().startsWith("stream.bin: byte offset 5: truncated event"),
                e.getMessage());
    }

    @Test
    void coordinatesOutsideTheSensorAreRejectedWithOffsetAndValue() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        put(out, 1, 1, 1, 10);
        put(out, 34, 1, 1, 20);
        Path badX = write(out.toByteArray());
        EventFormatException e =
                assertThrows(EventFormatException.class, () -> reader.readAll(badX));
        assertEquals(5, e.byteOffset());
        assertTrue(e.getMessage().contains("byte offset 5: x = 34 is outside the 34 x 34 sensor"),
                e.getMessage());

        out.reset();
        put(out, 1, 200, 1, 20);
        Path badY = write(out.toByteArray());
        e = assertThrows(EventFormatException.class, () -> reader.readAll(badY));
        assertTrue(e.getMessage().contains("byte offset 0: y = 200"), e.getMessage());
    }

    @Test
    void sensorSizeIsConfigurable() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        put(out, 239, 179, 1, 20);
        Path file = write(out.toByteArray());
        assertEquals(1, new NMnistReader(240, 180).readAll(file).size());
        assertEquals(239, NMnistReader.withoutSensorBounds().readAll(file).x(0));
        EventFormatException e = assertThrows(EventFormatException.class,
                () -> new NMnistReader(240, 179).readAll(file));
        assertTrue(e.getMessage().contains("y = 179 is outside the 240 x 179 sensor"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new NMnistReader(0, 34));
        assertThrows(IllegalArgumentException.class, () -> new NMnistReader(34, 257));
    }

    @Test
    void timestampGoingBackwardsIsReportedWithOffset() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        put(out, 1, 1, 1, 100);
        put(out, 1, 1, 1, 100); // equal timestamps are fine
        put(out, 1, 1, 1, 99);
        Path file = write(out.toByteArray());
        EventFormatException e =
                assertThrows(EventFormatException.class, () -> reader.readAll(file));
        assertEquals(10, e.byteOffset());
        assertTrue(e.getMessage().contains("timestamp 99 us is earlier than the previous "
                + "event's 100 us"), e.getMessage());
    }

    @Test
    void overflowMarkerIsSkippedAndShiftsLaterTimestamps() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        put(out, 1, 1, 1, 8000);
        put(out, 0, NMnistReader.OVERFLOW_MARKER_Y, 0, 0);
        put(out, 2, 2, 0, 5);
        EventArray events = new EventArray();
        NMnistReader.Summary summary = reader.read(write(out.toByteArray()), events);
        assertEquals(new NMnistReader.Summary(2, 1), summary);
        assertEquals(2, events.size());
        assertEquals(8000, events.timeUs(0));
        assertEquals(NMnistReader.OVERFLOW_INCREMENT_US + 5, events.timeUs(1));
        assertEquals(2, events.x(1));
    }

    @Test
    void randomGarbageGivesAFormatErrorNotACrash() throws IOException {
        Random random = new Random(42);
        for (int length : new int[] {999, 1000, 70_001, 100_000}) {
            byte[] garbage = new byte[length];
            random.nextBytes(garbage);
            Path file = write(garbage);
            assertThrows(EventFormatException.class, () -> reader.readAll(file),
                    "length " + length);
            assertThrows(EventFormatException.class,
                    () -> NMnistReader.withoutSensorBounds().readAll(file), "length " + length);
        }
    }

    @Test
    void textFileGivesAFormatError() throws IOException {
        byte[] text = "this is not an event file\n".repeat(5).getBytes(StandardCharsets.UTF_8);
        Path file = write(text);
        EventFormatException e =
                assertThrows(EventFormatException.class, () -> reader.readAll(file));
        assertTrue(e.getMessage().contains("byte offset 0"), e.getMessage());
    }

    /** Hands out at most a few bytes per read, as a slow pipe or socket might. */
    private static final class TrickleInputStream extends InputStream {
        private final ByteArrayInputStream in;
        private int step;

        TrickleInputStream(byte[] bytes) {
            in = new ByteArrayInputStream(bytes);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            step = step % 7 + 1;
            return in.read(b, off, Math.min(len, step));
        }
    }
}
