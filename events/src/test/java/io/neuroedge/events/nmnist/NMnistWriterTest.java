package io.neuroedge.events.nmnist;

import io.neuroedge.events.EventArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.neuroedge.events.EventAssertions.assertSameEvents;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link NMnistWriter} on synthetic events: layout, overflow markers and rejections. */
class NMnistWriterTest {

    @TempDir
    Path dir;

    private static EventArray single(int x, int y, int p, long t) {
        EventArray a = new EventArray();
        a.event(x, y, p, t);
        return a;
    }

    @Test
    void recordLayoutIsXYThenPolarityAnd23BitTime() throws IOException {
        Path out = dir.resolve("one.bin");
        new NMnistWriter().write(single(255, 241, 1, 0x7ABCDE), 256, 256, out);
        assertArrayEquals(new byte[] {(byte) 255, (byte) 241, (byte) 0xFA, (byte) 0xBC, (byte) 0xDE},
                Files.readAllBytes(out));
    }

    @Test
    void timesBeyond23BitsUseOverflowMarkers() throws IOException {
        EventArray events = new EventArray();
        events.event(1, 2, 0, 10);
        events.event(3, 4, 1, NMnistWriter.MAX_RECORD_TIME_US);
        events.event(5, 6, 0, NMnistWriter.MAX_RECORD_TIME_US + 1);
        events.event(7, 8, 1, 100_000_000L);
        Path out = dir.resolve("long.bin");
        new NMnistWriter().write(events, 34, 34, out);

        EventArray back = new EventArray();
        NMnistReader.Summary summary = new NMnistReader().read(out, back);
        assertSameEvents(events, back, 0);
        // 100 s needs (1e8 - (2^23 - 1)) / 2^13 markers, rounded up
        assertEquals((100_000_000L - NMnistWriter.MAX_RECORD_TIME_US + 8191) / 8192,
                summary.overflowMarkers());
    }

    @Test
    void unrepresentableEventsAreRejectedAndLeaveTheTargetUntouched() throws IOException {
        Path out = dir.resolve("keep.bin");
        Files.writeString(out, "old");
        NMnistWriter writer = new NMnistWriter();

        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> writer.write(single(256, 0, 1, 0), 256, 256, out)).getMessage().contains("0..255"));
        assertThrows(IllegalArgumentException.class, () -> writer.write(single(0, 240, 1, 0), 256, 256, out));
        assertThrows(IllegalArgumentException.class, () -> writer.write(single(0, 0, 3, 0), 256, 256, out));
        assertThrows(IllegalArgumentException.class, () -> writer.write(single(0, 0, 1, -1), 256, 256, out));
        EventArray backwards = single(0, 0, 1, 100);
        backwards.event(0, 0, 1, 99);
        assertThrows(IllegalArgumentException.class, () -> writer.write(backwards, 256, 256, out));

        assertEquals("old", Files.readString(out));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary files left behind");
        }
    }
}
