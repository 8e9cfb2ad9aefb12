package io.neuroedge.agent.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.neuroedge.proto.agent.EventBatch;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The zero-copy batch reader against protobuf's parser and {@link EventBatchCodec} as the oracle. */
class ScannedBatchTest {

    private static List<long[]> viaProtobuf(EventBatch b) {
        List<long[]> out = new ArrayList<>();
        EventBatchCodec.forEach(b, (x, y, p, t) -> out.add(new long[] {x, y, p, t}));
        return out;
    }

    private static List<long[]> viaScanner(ByteBuf buf) {
        ScannedBatch s = new ScannedBatch();
        assertTrue(s.scan(buf, buf.readerIndex(), buf.writerIndex()));
        int n = s.validate(buf);
        List<long[]> out = new ArrayList<>();
        assertEquals(n, s.forEach(buf, (x, y, p, t) -> out.add(new long[] {x, y, p, t})));
        return out;
    }

    @Test
    void shouldReadRandomBatchesExactlyAsProtobuf() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int round = 0; round < 200; round++) {
            int n = rnd.nextInt(0, 3000);
            long[] t = new long[n];
            int[] x = new int[n];
            int[] y = new int[n];
            int[] p = new int[n];
            long now = rnd.nextLong(-1_000_000, 1L << 40);
            for (int i = 0; i < n; i++) {
                // deltas of every varint length, coordinates up to 16 bits
                now += rnd.nextInt(4) == 0 ? rnd.nextLong(0, 1L << 32) : rnd.nextInt(200);
                t[i] = now;
                x[i] = rnd.nextInt(1 << rnd.nextInt(1, 17));
                y[i] = rnd.nextInt(1 << rnd.nextInt(1, 17));
                p[i] = rnd.nextInt(2);
            }
            EventBatch b = EventBatchCodec.pack(rnd.nextInt(3), round, new EventBatchCodec.Events(t, x, y, p))
                    .toBuilder().setCloseWindow(rnd.nextBoolean()).build();
            ByteBuf buf = Unpooled.buffer().writeZero(3).writeBytes(b.toByteArray()).skipBytes(3);
            List<long[]> expected = viaProtobuf(b);
            List<long[]> actual = viaScanner(buf);
            assertEquals(expected.size(), actual.size());
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(java.util.Arrays.toString(expected.get(i)), java.util.Arrays.toString(actual.get(i)), "event " + i);
            }
            ScannedBatch s = new ScannedBatch();
            s.scan(buf, buf.readerIndex(), buf.writerIndex());
            assertEquals(b.getCloseWindow(), s.closeWindow());
            assertEquals(b.getSequence(), s.sequence());
            assertEquals(b.getT0Us(), s.t0());
            buf.release();
        }
    }

    @Test
    void shouldRejectWhatEventBatchCodecRejectsWithTheSameMessages() {
        EventBatch good = EventBatchCodec.pack(0, 0, new EventBatchCodec.Events(new long[] {1, 2}, new int[] {1, 2},
                new int[] {3, 4}, new int[] {0, 1}));
        EventBatch[] bad = {
            good.toBuilder().addDtUs(5).build(),
            good.toBuilder().setPolarityBits(ByteString.EMPTY).build(),
            good.toBuilder().setT0Us(Long.MAX_VALUE).build(),
        };
        for (EventBatch b : bad) {
            String expected = assertThrows(IllegalArgumentException.class, () -> EventBatchCodec.validate(b)).getMessage();
            ByteBuf buf = Unpooled.wrappedBuffer(b.toByteArray());
            ScannedBatch s = new ScannedBatch();
            assertTrue(s.scan(buf, 0, buf.writerIndex()));
            assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> s.validate(buf)).getMessage());
        }
    }

    @Test
    void shouldLeaveUnusualButLegalEncodingsToProtobuf() throws Exception {
        // dt_us written unpacked (legal protobuf for a packed field)
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeUInt32(4, 7);
        out.writeUInt32(4, 8);
        out.flush();
        ByteBuf unpacked = Unpooled.wrappedBuffer(bytes.toByteArray());
        assertFalse(new ScannedBatch().scan(unpacked, 0, unpacked.writerIndex()));
        // a field given twice (protobuf merges)
        byte[] once = EventBatch.newBuilder().setSequence(3).build().toByteArray();
        ByteBuf twice = Unpooled.wrappedBuffer(once, once);
        assertFalse(new ScannedBatch().scan(twice, 0, twice.writerIndex()));
        // an unknown field
        ByteBuf unknown = Unpooled.wrappedBuffer(new byte[] {(byte) 0xf8, 0x01, 0x01});
        assertFalse(new ScannedBatch().scan(unknown, 0, unknown.writerIndex()));
    }
}
