package io.neuroedge.events.nmnist;

import io.neuroedge.events.EventArray;
import io.neuroedge.events.EventFormatException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroedge.runtime.testing.SharedTestData;
import io.neuroedge.runtime.input.EventSink;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link NMnistReader} on the real N-MNIST recordings in the shared data folder. */
class NMnistRealDataTest {

    /** Event count of the 1,000 training files, from a separate Python decoder. */
    private static final long TRAIN_EVENTS = 4_133_231;

    private final NMnistReader reader = new NMnistReader();

    private static Path trainDir() {
        return SharedTestData.resolve("dvs/nmnist/train");
    }

    @Test
    void firstTrainingSampleMatchesTheManifest() throws IOException {
        EventArray events = reader.readAll(trainDir().resolve("1.bs2"));
        assertEquals(4681, events.size());
        assertEquals(893, events.timeUs(0));
        assertEquals(305_924, events.timeUs(events.size() - 1));
    }

    @Test
    void allTrainingFilesAgreeWithAnIndependentDecode() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(trainDir())) {
            files = listing.filter(p -> p.toString().endsWith(".bs2")).sorted().toList();
        }
        assertEquals(1000, files.size(), "number of .bs2 files in " + trainDir());

        Totals read = new Totals();
        Totals expected = new Totals();
        for (Path file : files) {
            long before = read.events;
            NMnistReader.Summary summary = reader.read(file, read);
            assertEquals(read.events - before, summary.events(), file.toString());
            assertEquals(0, summary.overflowMarkers(), file.toString());
            decodeIndependently(file, expected);
            assertEquals(expected.events, read.events, "running event count after " + file);
        }
        System.out.println("N-MNIST train: " + files.size() + " files, " + read.events
                + " events, " + read.on + " ON");
        assertArrayEquals(expected.values(), read.values(),
                "events, ON, sum of t, sum of x, sum of y");
        assertEquals(TRAIN_EVENTS, read.events);
    }

    @Test
    void truncatedCopyNamesTheOffset(@TempDir Path dir) throws IOException {
        byte[] bytes = Files.readAllBytes(trainDir().resolve("1.bs2"));
        Path cut = Files.write(dir.resolve("1-cut.bs2"), Arrays.copyOf(bytes, bytes.length - 2));
        EventFormatException e =
                assertThrows(EventFormatException.class, () -> reader.readAll(cut));
        long offset = (4681 - 1) * 5L;
        assertEquals(offset, e.byteOffset());
        assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("byte offset " + offset), e.getMessage());
    }

    @Test
    void corruptedCopyNamesOffsetAndValue(@TempDir Path dir) throws IOException {
        byte[] bytes = Files.readAllBytes(trainDir().resolve("1.bs2"));
        bytes[10 * 5] = 99; // x of event 10
        Path badX = Files.write(dir.resolve("bad-x.bs2"), bytes);
        EventFormatException e =
                assertThrows(EventFormatException.class, () -> reader.readAll(badX));
        assertTrue(e.getMessage().contains("byte offset 50: x = 99"), e.getMessage());

        bytes = Files.readAllBytes(trainDir().resolve("1.bs2"));
        bytes[20 * 5 + 2] |= 0x7F; // event 20 jumps to ~8 s, so event 21 goes backwards
        Path backwards = Files.write(dir.resolve("backwards.bs2"), bytes);
        e = assertThrows(EventFormatException.class, () -> reader.readAll(backwards));
        assertEquals(21 * 5, e.byteOffset());
    }

    /** Decodes with DataInputStream, a separate code path from the reader. */
    private static void decodeIndependently(Path file, Totals totals) throws IOException {
        long events = Files.size(file) / 5;
        try (DataInputStream in =
                new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            for (long i = 0; i < events; i++) {
                int x = in.readUnsignedByte();
                int y = in.readUnsignedByte();
                int high = in.readUnsignedByte();
                int low = in.readUnsignedShort();
                totals.event(x, y, high >> 7, (long) (high & 0x7F) * 65536 + low);
            }
            assertEquals(-1, in.read(), "bytes left after the last whole event of " + file);
        }
    }

    /** Sums that two decoders must agree on. */
    private static final class Totals implements EventSink {
        long events;
        long on;
        long sumT;
        long sumX;
        long sumY;

        @Override
        public void event(int x, int y, int polarity, long timeUs) {
            events++;
            on += polarity;
            sumT += timeUs;
            sumX += x;
            sumY += y;
        }

        long[] values() {
            return new long[] {events, on, sumT, sumX, sumY};
        }
    }
}
