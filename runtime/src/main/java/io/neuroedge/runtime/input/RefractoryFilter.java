package io.neuroedge.runtime.input;

import java.util.Arrays;
import java.util.Objects;

/**
 * Limits each pixel to one event per refractory period: an event is dropped if the same pixel
 * passed an event less than {@code refractoryUs} earlier, whatever either event's polarity (a
 * flickering pixel alternates polarity, so a per-polarity period would let half of it through).
 * An event exactly {@code refractoryUs} after the last passed one passes. Only passed events start
 * a new period, so a pixel firing continuously still gets one event per period through.
 *
 * <p>A timestamp earlier than the pixel's last passed event (a timestamp reset) passes and
 * restarts the period, so a reset cannot silence a pixel. Events outside the {@code width x height}
 * sensor are dropped and counted in {@link #outside()}. Allocation-free per event; one
 * {@code long} per pixel. Not thread-safe: call it from the thread that delivers the events.
 */
public final class RefractoryFilter implements EventSink {

    /** Marks a pixel that has not passed an event since construction or {@link #reset()}. */
    private static final long NEVER = Long.MIN_VALUE;

    private final int width;
    private final int height;
    private final long refractoryUs;
    private final long[] lastPassed;
    private final EventSink next;
    private long passed;
    private long refractory;
    private long outside;

    public RefractoryFilter(int width, int height, long refractoryUs, EventSink next) {
        this.lastPassed = new long[PixelGrid.pixels(width, height)];
        this.width = width;
        this.height = height;
        this.refractoryUs = PixelGrid.nonNegative("refractoryUs", refractoryUs);
        this.next = Objects.requireNonNull(next, "next");
        Arrays.fill(lastPassed, NEVER);
    }

    @Override
    public void event(int x, int y, int polarity, long timeUs) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            outside++;
            return;
        }
        int index = y * width + x;
        long last = lastPassed[index];
        // Unsigned: the difference of two far-apart timestamps may exceed Long.MAX_VALUE.
        if (last != NEVER && timeUs >= last && Long.compareUnsigned(timeUs - last, refractoryUs) < 0) {
            refractory++;
            return;
        }
        lastPassed[index] = timeUs;
        passed++;
        next.event(x, y, polarity, timeUs);
    }

    /** Events forwarded to the next sink. */
    public long passed() {
        return passed;
    }

    /** All events not forwarded: {@link #refractoryDropped()} plus {@link #outside()}. */
    public long dropped() {
        return refractory + outside;
    }

    /** Events dropped because their pixel was still refractory. */
    public long refractoryDropped() {
        return refractory;
    }

    /** Events dropped because they lay outside the sensor. */
    public long outside() {
        return outside;
    }

    /** Forgets every pixel's history and zeroes the counters, e.g. between two recordings. */
    public void reset() {
        Arrays.fill(lastPassed, NEVER);
        passed = 0;
        refractory = 0;
        outside = 0;
    }
}
