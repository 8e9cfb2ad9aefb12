package io.neuroedge.agent.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.neuroedge.agent.protocol.EventBatchCodec.Events;
import io.neuroedge.proto.agent.EventBatch;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Pack/unpack of {@link EventBatch} on synthetic events: 34x34 N-MNIST-like saccade bursts with
 * both polarities, repeated timestamps and a long pause, plus the full 16-bit coordinate range.
 */
class EventBatchCodecTest {

    /** {@code n} events on a 34x34 sensor; several share a timestamp, as camera events do. */
    private static Events synthetic(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] t = new long[n];
        int[] x = new int[n];
        int[] y = new int[n];
        int[] p = new int[n];
        long now = 1_000_000L;
        for (int i = 0; i < n; i++) {
            now += r.nextInt(4) == 0 ? 0 : r.nextInt(1, 300);
            if (i == n / 2) {
                now += 5_000_000L; // a 5 s pause between saccades still fits one delta
            }
            t[i] = now;
            x[i] = r.nextInt(34);
            y[i] = r.nextInt(34);
            p[i] = r.nextInt(2);
        }
        return new Events(t, x, y, p);
    }

    private static void assertSameEvents(Events expected, Events actual) {
        assertArrayEquals(expected.timeUs(), actual.timeUs(), "timeUs");
        assertArrayEquals(expected.x(), actual.x(), "x");
        assertArrayEquals(expected.y(), actual.y(), "y");
        assertArrayEquals(expected.polarity(), actual.polarity(), "polarity");
    }

    @Test
    void packUnpackRoundTrip() throws Exception {
        Events events = synthetic(5_003, 1); // not a multiple of 8: the last polarity byte is partial
        EventBatch batch = EventBatchCodec.pack(3, 17, events);

        assertEquals(3, batch.getStreamId());
        assertEquals(17, batch.getSequence());
        assertEquals(events.timeUs()[0], batch.getT0Us());
        assertEquals(0, batch.getDtUs(0));
        assertEquals((5_003 + 7) / 8, batch.getPolarityBits().size());
        // through the wire format too
        assertSameEvents(events, EventBatchCodec.unpack(EventBatch.parseFrom(batch.toByteArray())));
    }

    @Test
    void extremeCoordinatesAndNegativeBaseTime() {
        Events events = new Events(new long[] {-10, -10, 0, 0xFFFF_FFFFL},
                new int[] {0, 65535, 65535, 1}, new int[] {65535, 0, 65535, 1}, new int[] {1, 0, 1, 1});
        assertSameEvents(events, EventBatchCodec.unpack(EventBatchCodec.pack(0, 0, events)));
    }

    @Test
    void emptyBatch() {
        Events none = new Events(new long[0], new int[0], new int[0], new int[0]);
        EventBatch batch = EventBatchCodec.pack(0, 0, none);
        assertEquals(0, EventBatchCodec.unpack(batch).size());
        assertEquals(0, EventBatchCodec.forEach(batch, (x, y, p, t) -> {
            throw new AssertionError("no events expected");
        }));
    }

    @Test
    void forEachStreamsTheSameEventsAsUnpack() {
        Events events = synthetic(1_000, 2);
        EventBatch batch = EventBatchCodec.pack(0, 0, events);
        int[] i = {0};
        int n = EventBatchCodec.forEach(batch, (x, y, p, t) -> {
            int k = i[0]++;
            assertEquals(events.x()[k], x);
            assertEquals(events.y()[k], y);
            assertEquals(events.polarity()[k], p);
            assertEquals(events.timeUs()[k], t);
        });
        assertEquals(1_000, n);
        assertEquals(1_000, i[0]);
    }

    @Test
    void forEachAllocatesNothingPerEvent() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        EventBatch batch = EventBatchCodec.pack(0, 0, synthetic(100_000, 3));
        long[] sum = {0};
        io.neuroedge.runtime.input.EventSink sink = (x, y, p, t) -> sum[0] += x + y + p + t;
        for (int warm = 0; warm < 20; warm++) {
            EventBatchCodec.forEach(batch, sink);
        }
        long tid = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(tid);
        EventBatchCodec.forEach(batch, sink);
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        // one allocation per event would be >= 1.6 MB for 100 000 events
        assertTrue(allocated < 16 * 1024, allocated + " bytes allocated for 100 000 events");
    }

    @Test
    void packRejectsOutOfRangeValuesNamingTheField() {
        Events badX = new Events(new long[] {0}, new int[] {65536}, new int[] {0}, new int[] {0});
        assertMessageContains("x[0]", () -> EventBatchCodec.pack(0, 0, badX));
        Events badY = new Events(new long[] {0}, new int[] {0}, new int[] {-1}, new int[] {0});
        assertMessageContains("y[0]", () -> EventBatchCodec.pack(0, 0, badY));
        Events badP = new Events(new long[] {0}, new int[] {0}, new int[] {0}, new int[] {2});
        assertMessageContains("polarity[0]", () -> EventBatchCodec.pack(0, 0, badP));
        Events backwards = new Events(new long[] {10, 9}, new int[2], new int[2], new int[2]);
        assertMessageContains("timeUs[1]", () -> EventBatchCodec.pack(0, 0, backwards));
        Events gap = new Events(new long[] {0, 0x1_0000_0000L}, new int[2], new int[2], new int[2]);
        assertMessageContains("dt_us", () -> EventBatchCodec.pack(0, 0, gap));
        assertMessageContains("x 1", () -> new Events(new long[2], new int[1], new int[2], new int[2]));
    }

    @Test
    void unpackRejectsMalformedBatchesNamingTheField() {
        EventBatch good = EventBatchCodec.pack(0, 0, synthetic(9, 4));

        EventBatch shortXy = good.toBuilder().clearXy().addXy(1).build();
        assertMessageContains("xy", () -> EventBatchCodec.unpack(shortXy));

        EventBatch shortBits = good.toBuilder().setPolarityBits(ByteString.copyFrom(new byte[1])).build();
        assertMessageContains("polarity_bits", () -> EventBatchCodec.unpack(shortBits));

        EventBatch overflow = good.toBuilder().setT0Us(Long.MAX_VALUE - 1).build();
        assertMessageContains("t0_us", () -> EventBatchCodec.unpack(overflow));

        // the streaming decoder validates before delivering anything
        int[] delivered = {0};
        assertMessageContains("polarity_bits", () -> EventBatchCodec.forEach(shortBits, (x, y, p, t) -> delivered[0]++));
        assertEquals(0, delivered[0]);
    }

    private static void assertMessageContains(String field, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(field), "message should name " + field + ": " + e.getMessage());
    }
}
