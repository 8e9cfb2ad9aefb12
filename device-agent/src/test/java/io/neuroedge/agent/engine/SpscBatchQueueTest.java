package io.neuroedge.agent.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

class SpscBatchQueueTest {

    private static ByteBuf batch(long seq) {
        return Unpooled.buffer(8).writeLong(seq);
    }

    @Test
    void shouldRoundCapacityUpToPowerOfTwo() {
        assertEquals(1, new SpscBatchQueue(1).capacity());
        assertEquals(4, new SpscBatchQueue(3).capacity());
        assertEquals(256, new SpscBatchQueue(256).capacity());
        assertThrows(IllegalArgumentException.class, () -> new SpscBatchQueue(0));
    }

    @Test
    void shouldRefuseWhenFullAndKeepFifoOrderWithMetadata() {
        SpscBatchQueue q = new SpscBatchQueue(4);
        for (int i = 0; i < 4; i++) {
            assertTrue(q.offer(batch(i), 100 + i, 200 + i));
        }
        ByteBuf refused = batch(99);
        assertFalse(q.offer(refused, 0, 0), "a full queue refuses");
        refused.release();
        assertEquals(4, q.size());
        long[] expect = {0};
        for (int i = 0; i < 4; i++) {
            assertTrue(q.poll((b, arrival, id) -> {
                assertEquals(expect[0], b.getLong(0));
                b.release();
                assertEquals(100 + expect[0], arrival);
                assertEquals(200 + expect[0], id);
                expect[0]++;
            }));
        }
        assertFalse(q.poll((b, a, id) -> { }));
        assertTrue(q.offer(batch(5), 0, 0), "slots are reused after polling");
        q.poll((b, a, id) -> b.release());
    }

    @Test
    void shouldDeliverEveryBatchInOrderAcrossThreads() throws Exception {
        SpscBatchQueue q = new SpscBatchQueue(64);
        int n = 200_000;
        ByteBuf[] batches = new ByteBuf[n];
        for (int i = 0; i < n; i++) {
            batches[i] = batch(i);
        }
        Thread producer = new Thread(() -> {
            for (int i = 0; i < n; ) {
                if (q.offer(batches[i], i, i)) {
                    i++;
                } else {
                    Thread.onSpinWait();
                }
            }
        });
        producer.start();
        AtomicLong next = new AtomicLong();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (next.get() < n && System.nanoTime() < deadline) {
            q.poll((b, arrival, id) -> {
                long expected = next.getAndIncrement();
                assertSame(batches[(int) expected], b);
                assertEquals(expected, arrival);
                b.release();
            });
        }
        producer.join(5000);
        assertEquals(n, next.get());
    }
}
