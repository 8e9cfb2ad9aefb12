package io.neuroedge.agent.engine;

import io.netty.buffer.ByteBuf;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bounded single-producer/single-consumer ring of serialized event batches (reference-counted
 * buffers: the consumer releases what it polls), each with its arrival time and the request id of
 * its envelope. The producer is one connection's event loop, the consumer the engine thread.
 * Slots are parallel arrays, so a hand-off allocates nothing.
 *
 * <p>Ordering: the producer writes the slot, then publishes {@code tail} with release semantics;
 * the consumer reads {@code tail} with acquire semantics before reading the slot, and publishes
 * {@code head} with release after clearing it (so the producer never overwrites a slot being
 * read). Each index is written by one thread only. Padding keeps the two indices on separate
 * cache lines.
 */
public final class SpscBatchQueue {

    private static final VarHandle HEAD;
    private static final VarHandle TAIL;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(SpscBatchQueue.class, "head", long.class);
            TAIL = l.findVarHandle(SpscBatchQueue.class, "tail", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ByteBuf[] batches;
    private final long[] arrivals;
    private final long[] requestIds;
    private final int mask;

    @SuppressWarnings("unused")
    private long p0, p1, p2, p3, p4, p5, p6, p7;
    private volatile long head;   // next slot to read; written by the consumer
    @SuppressWarnings("unused")
    private long q0, q1, q2, q3, q4, q5, q6, q7;
    private volatile long tail;   // next slot to write; written by the producer
    @SuppressWarnings("unused")
    private long r0, r1, r2, r3, r4, r5, r6, r7;
    private long cachedHead;      // producer's last view of head, saves a volatile read per offer

    /** @param capacity slots, rounded up to a power of two */
    public SpscBatchQueue(int capacity) {
        if (capacity < 1 || capacity > (1 << 24)) {
            throw new IllegalArgumentException("capacity must be in 1..2^24, got " + capacity);
        }
        int size = Integer.highestOneBit(Math.max(1, capacity - 1)) << 1;
        if (capacity == 1) {
            size = 1;
        }
        batches = new ByteBuf[size];
        arrivals = new long[size];
        requestIds = new long[size];
        mask = size - 1;
    }

    public int capacity() {
        return batches.length;
    }

    /** Producer only. @return false if the queue is full (nothing was stored; the caller still owns the buffer) */
    public boolean offer(ByteBuf batch, long arrivalNanos, long requestId) {
        long t = (long) TAIL.getOpaque(this);
        if (t - cachedHead >= batches.length) {
            cachedHead = (long) HEAD.getAcquire(this);
            if (t - cachedHead >= batches.length) {
                return false;
            }
        }
        int i = (int) t & mask;
        batches[i] = batch;
        arrivals[i] = arrivalNanos;
        requestIds[i] = requestId;
        TAIL.setRelease(this, t + 1);
        return true;
    }

    /**
     * Consumer only: hands the oldest batch to {@code consumer}, which then owns (and releases) it,
     * and frees its slot.
     *
     * @return false if the queue was empty
     */
    public boolean poll(Consumer consumer) {
        long h = (long) HEAD.getOpaque(this);
        if (h >= (long) TAIL.getAcquire(this)) {
            return false;
        }
        int i = (int) h & mask;
        ByteBuf b = batches[i];
        long arrival = arrivals[i];
        long id = requestIds[i];
        batches[i] = null;
        HEAD.setRelease(this, h + 1);
        consumer.accept(b, arrival, id);
        return true;
    }

    /** Batches waiting; exact from either thread only when the other is idle. */
    public int size() {
        long h = (long) HEAD.getAcquire(this);
        long t = (long) TAIL.getAcquire(this);
        return (int) Math.max(0, Math.min(batches.length, t - h));
    }

    /** Receives a polled batch. */
    @FunctionalInterface
    public interface Consumer {
        void accept(ByteBuf batch, long arrivalNanos, long requestId);
    }
}
