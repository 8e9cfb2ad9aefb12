package io.neuroedge.agent.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.neuroedge.events.EventArray;
import io.neuroedge.events.EventFormats;
import io.neuroedge.proto.agent.EventBatch;
import io.neuroedge.runtime.testing.SharedTestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sender side of the one codec: what a {@link EventBatchCodec.Packer} builds is byte for byte what
 * the strict {@link EventBatchCodec#pack} builds from the same events, the agent's zero-copy scanner
 * reads real recordings back exactly, and what the wire cannot carry is adapted as documented.
 */
class EventBatchPackerTest {

    @Test
    void shouldBuildTheSameBytesAsTheStrictPack() {
        SplittableRandom rnd = new SplittableRandom(11);
        EventBatchCodec.Packer packer = new EventBatchCodec.Packer(8); // grows on the way
        for (int round = 0; round < 100; round++) {
            int n = rnd.nextInt(0, 2000);
            long[] t = new long[n];
            int[] x = new int[n];
            int[] y = new int[n];
            int[] p = new int[n];
            long now = rnd.nextLong(0, 1L << 40);
            for (int i = 0; i < n; i++) {
                now += rnd.nextInt(5) == 0 ? rnd.nextLong(0, 1L << 32) : rnd.nextInt(100);
                t[i] = now;
                x[i] = rnd.nextInt(1 << 16);
                y[i] = rnd.nextInt(1 << 16);
                p[i] = rnd.nextInt(2);
                packer.event(x[i], y[i], p[i], t[i]);
            }
            EventBatch strict = EventBatchCodec.pack(2, round, new EventBatchCodec.Events(t, x, y, p));
            EventBatch packed = packer.build(2, round, false);
            assertArrayEquals(strict.toByteArray(), packed.toByteArray(), "round " + round);
            assertEquals(0, packer.size(), "build empties the packer");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dvs/nmnist/train/1.bs2", "dvs/prophesee/evt3_gen41_pedestrians_cut.raw",
            "dvs/aedat4/davis346_aestream.aedat4"})
    void shouldCarryARealRecordingToTheAgentsScannerUnchanged(String name) throws Exception {
        Path file = SharedTestData.resolve(name);
        EventArray events = EventFormats.open(file).readAll(file);
        assertTrue(events.size() > 1000, name + " has events");
        EventBatchCodec.Packer packer = new EventBatchCodec.Packer();
        ScannedBatch scanner = new ScannedBatch();
        int[] read = {0};
        for (int from = 0; from < events.size(); from += 4096) {
            int to = Math.min(events.size(), from + 4096);
            for (int i = from; i < to; i++) {
                packer.event(events.x(i), events.y(i), events.polarity(i), events.timeUs(i));
            }
            byte[] wire = packer.build(0, from / 4096, to == events.size()).toByteArray();
            ByteBuf buf = Unpooled.wrappedBuffer(wire);
            assertTrue(scanner.scan(buf, 0, wire.length));
            assertEquals(to - from, scanner.validate(buf));
            scanner.forEach(buf, (x, y, p, t) -> {
                int i = read[0]++;
                assertEquals(events.x(i), x, name + " x of event " + i);
                assertEquals(events.y(i), y, name + " y of event " + i);
                assertEquals(events.polarity(i) != 0 ? 1 : 0, p, name + " polarity of event " + i);
                assertEquals(events.timeUs(i), t, name + " time of event " + i);
            });
        }
        assertEquals(events.size(), read[0]);
    }

    @Test
    void shouldAdaptWhatTheWireCannotCarry() {
        EventBatchCodec.Packer packer = new EventBatchCodec.Packer();
        packer.event(1, 2, 1, 1_000);
        packer.event(3, 4, 7, 900);                     // earlier than the previous event: sent at 1000
        packer.event(5, 6, 0, 1_000 + (1L << 33));      // a 2^33 us gap: shortened to 2^32 - 1
        packer.event(7, 8, 0, 1_000 + (1L << 33) + 5);  // 5 us after the event before it
        EventBatch b = packer.build(0, 0, true);
        assertEquals(1_000, b.getT0Us());
        assertEquals(0, b.getDtUs(1));
        assertEquals(0xFFFF_FFFFL, Integer.toUnsignedLong(b.getDtUs(2)));
        assertEquals(5, b.getDtUs(3));
        long[] times = new long[4];
        int[] polarity = new int[4];
        int[] k = {0};
        EventBatchCodec.forEach(b, (x, y, p, t) -> {
            times[k[0]] = t;
            polarity[k[0]++] = p;
        });
        assertArrayEquals(new long[] {1_000, 1_000, 1_000 + 0xFFFF_FFFFL, 1_005 + 0xFFFF_FFFFL}, times);
        assertArrayEquals(new int[] {1, 1, 0, 0}, polarity, "any non-zero polarity is ON");

        assertThrows(IllegalArgumentException.class, () -> packer.event(65536, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> packer.event(0, -1, 0, 0));
        assertEquals(0, packer.size(), "a refused event is not kept");
        EventBatch empty = packer.build(0, 1, true);
        assertEquals(0, empty.getDtUsCount());
        assertEquals(0, empty.getPolarityBits().size());
    }
}
