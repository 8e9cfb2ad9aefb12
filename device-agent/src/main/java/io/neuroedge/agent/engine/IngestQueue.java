package io.neuroedge.agent.engine;

import io.netty.buffer.ByteBuf;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One connection's hand-off to the engine thread: an {@link SpscBatchQueue} plus the overload
 * policy and counters.
 *
 * <p><b>Overload policy.</b> The agent uses one SPSC queue per connection (not one MPSC queue), so
 * the producer side never contends and one flooding client cannot take another's slots; the
 * engine thread serves the queues round-robin. When a queue is full:
 * <ul>
 *   <li>{@link Policy#DROP_NEWEST} (default, live sensors): the arriving batch is dropped and its
 *       events counted in {@link #eventsDropped()}. Tail drop, because only the consumer may remove
 *       the oldest entry of an SPSC ring; the queue is short (milliseconds of events), so what it
 *       keeps is never stale by more than that.</li>
 *   <li>{@link Policy#PAUSE_READING} (requested with {@code Hello.lossless}, recorded streams): the
 *       producer stops reading the socket as soon as the queue is full, TCP pushes back on the
 *       sender, and the engine thread resumes reading once the queue is half empty. Nothing is
 *       dropped and nothing blocks an event loop.</li>
 * </ul>
 * Memory is bounded either way: {@code capacity} batches of at most one frame each.
 */
public final class IngestQueue {

    /** What happens to a batch that arrives when the queue is full. */
    public enum Policy { DROP_NEWEST, PAUSE_READING }

    private final SpscBatchQueue queue;
    private final Policy policy;
    private final FlowControl flow;
    private final AtomicBoolean resumeScheduled = new AtomicBoolean();
    private final Runnable resumeTask = this::resumeIfDrained;
    private volatile boolean paused;
    private volatile boolean closed;
    private volatile long eventsIn;       // written by the producer only
    private volatile long eventsDropped;  // written by the producer only
    private volatile long batchesDropped; // written by the producer only

    public IngestQueue(int capacity, Policy policy, FlowControl flow) {
        this.queue = new SpscBatchQueue(capacity);
        this.policy = policy;
        this.flow = flow;
    }

    /**
     * Producer: queues a validated, serialized batch of {@code events} events; the queue owns the
     * buffer from here on (a dropped batch is released at once).
     *
     * @return false if it was dropped (queue full)
     */
    public boolean offer(ByteBuf batch, int events, long arrivalNanos, long requestId) {
        if (!queue.offer(batch, arrivalNanos, requestId)) {
            batch.release();
            eventsDropped = eventsDropped + events;
            batchesDropped = batchesDropped + 1;
            return false;
        }
        eventsIn = eventsIn + events;
        if (policy == Policy.PAUSE_READING && queue.size() >= queue.capacity()) {
            paused = true;
            flow.pause();
        }
        return true;
    }

    /** Consumer (engine thread): processes the oldest batch, if any. */
    public boolean poll(SpscBatchQueue.Consumer consumer) {
        if (!queue.poll(consumer)) {
            return false;
        }
        if (paused && queue.size() <= queue.capacity() / 2 && resumeScheduled.compareAndSet(false, true)) {
            flow.onProducer(resumeTask);
        }
        return true;
    }

    private void resumeIfDrained() {
        resumeScheduled.set(false);
        if (paused && queue.size() <= queue.capacity() / 2) {
            paused = false;
            flow.resume();
        }
    }

    /**
     * Consumer: releases every waiting batch (after {@link #close}, or when the engine stops).
     *
     * @return the number of batches discarded
     */
    public int discardAll() {
        int n = 0;
        while (queue.poll((b, a, id) -> b.release())) {
            n++;
        }
        return n;
    }

    /** Producer, when its connection closes: the consumer discards what is left and forgets the queue. */
    public void close() {
        closed = true;
    }

    public boolean isClosed() {
        return closed;
    }

    public Policy policy() {
        return policy;
    }

    public boolean paused() {
        return paused;
    }

    public int depth() {
        return queue.size();
    }

    public int capacity() {
        return queue.capacity();
    }

    /** Events accepted into the queue. */
    public long eventsIn() {
        return eventsIn;
    }

    /** Events dropped because the queue was full. */
    public long eventsDropped() {
        return eventsDropped;
    }

    public long batchesDropped() {
        return batchesDropped;
    }
}
