package io.neuroedge.events;

import io.neuroedge.runtime.input.EventSink;

import java.util.Arrays;
import java.util.Objects;

/**
 * A growable in-memory list of events kept as parallel primitive arrays (structure of arrays):
 * x, y, polarity and timestamp. It is itself an {@link EventSink}, so a reader can append to it
 * directly, and {@link #replay(EventSink)} sends the events on in the order they were added.
 * Not thread-safe.
 */
public final class EventArray implements EventSink {

    private static final int DEFAULT_CAPACITY = 1024;
    /** Largest array length every JVM accepts. */
    private static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

    private int[] x;
    private int[] y;
    private byte[] polarity;
    private long[] t;
    private int size;

    /** An empty array with a small default capacity. */
    public EventArray() {
        this(DEFAULT_CAPACITY);
    }

    /** An empty array that holds {@code initialCapacity} events before it grows. */
    public EventArray(int initialCapacity) {
        if (initialCapacity < 0 || initialCapacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("initial capacity out of range: " + initialCapacity);
        }
        x = new int[initialCapacity];
        y = new int[initialCapacity];
        polarity = new byte[initialCapacity];
        t = new long[initialCapacity];
    }

    /** Appends one event; grows the arrays when full. */
    @Override
    public void event(int x, int y, int polarity, long timeUs) {
        if (size == this.t.length) {
            grow();
        }
        this.x[size] = x;
        this.y[size] = y;
        this.polarity[size] = (byte) polarity;
        this.t[size] = timeUs;
        size++;
    }

    /** Number of events held. */
    public int size() {
        return size;
    }

    /** Pixel column of event {@code i}. */
    public int x(int i) {
        return x[Objects.checkIndex(i, size)];
    }

    /** Pixel row of event {@code i}. */
    public int y(int i) {
        return y[Objects.checkIndex(i, size)];
    }

    /** Polarity of event {@code i}: 1 = ON, 0 = OFF. */
    public int polarity(int i) {
        return polarity[Objects.checkIndex(i, size)];
    }

    /** Timestamp of event {@code i} in microseconds. */
    public long timeUs(int i) {
        return t[Objects.checkIndex(i, size)];
    }

    /** Sends every event, in insertion order, to {@code sink}. */
    public void replay(EventSink sink) {
        for (int i = 0; i < size; i++) {
            sink.event(x[i], y[i], polarity[i], t[i]);
        }
    }

    /** Removes all events but keeps the capacity for reuse. */
    public void clear() {
        size = 0;
    }

    private void grow() {
        if (size == MAX_CAPACITY) {
            throw new IllegalStateException("EventArray is full (" + size + " events)");
        }
        int capacity = (int) Math.min(MAX_CAPACITY, Math.max(16L, 2L * size));
        x = Arrays.copyOf(x, capacity);
        y = Arrays.copyOf(y, capacity);
        polarity = Arrays.copyOf(polarity, capacity);
        t = Arrays.copyOf(t, capacity);
    }
}
