package io.neuroedge.runtime.input;

import java.util.Arrays;
import java.util.Objects;

/**
 * Nearest-neighbour background-activity (denoising) filter: an event passes only if at least one
 * of its 8 neighbouring pixels had an event no more than {@code windowUs} earlier (inclusive). The
 * pixel's own history does not count, so a single hot pixel cannot support itself, and isolated
 * noise events, which rarely have a recent neighbour, are removed while moving edges, which light
 * up adjacent pixels together, pass. Border pixels have fewer neighbours; off-sensor neighbours
 * never support an event. Polarity is ignored.
 *
 * <p>Every event inside the sensor, passed or dropped, records its timestamp at its pixel: real
 * activity is not judged by what the filter let through. A neighbour timestamp later than the event
 * (after a timestamp reset) does not support it. Events outside the {@code width x height} sensor
 * are dropped and counted in {@link #outside()}. Allocation-free per event; one {@code long} per
 * pixel. Not thread-safe: call it from the thread that delivers the events.
 */
public final class BackgroundActivityFilter implements EventSink {

    /** Marks a pixel without an event since construction or {@link #reset()}. */
    private static final long NEVER = Long.MIN_VALUE;

    private final int width;
    private final int height;
    private final long windowUs;
    private final long[] lastEvent;
    private final EventSink next;
    private long passed;
    private long unsupported;
    private long outside;

    public BackgroundActivityFilter(int width, int height, long windowUs, EventSink next) {
        this.lastEvent = new long[PixelGrid.pixels(width, height)];
        this.width = width;
        this.height = height;
        this.windowUs = PixelGrid.nonNegative("windowUs", windowUs);
        this.next = Objects.requireNonNull(next, "next");
        Arrays.fill(lastEvent, NEVER);
    }

    @Override
    public void event(int x, int y, int polarity, long timeUs) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            outside++;
            return;
        }
        boolean supported = supported(x, y, timeUs);
        lastEvent[y * width + x] = timeUs;
        if (!supported) {
            unsupported++;
            return;
        }
        passed++;
        next.event(x, y, polarity, timeUs);
    }

    private boolean supported(int x, int y, long timeUs) {
        int x0 = Math.max(x - 1, 0);
        int x1 = Math.min(x + 1, width - 1);
        int y0 = Math.max(y - 1, 0);
        int y1 = Math.min(y + 1, height - 1);
        for (int ny = y0; ny <= y1; ny++) {
            int row = ny * width;
            for (int nx = x0; nx <= x1; nx++) {
                if (nx == x && ny == y) {
                    continue;
                }
                long t = lastEvent[row + nx];
                // Unsigned difference: far-apart timestamps (or NEVER) may overflow a signed one.
                if (t != NEVER && t <= timeUs && Long.compareUnsigned(timeUs - t, windowUs) <= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Events forwarded to the next sink. */
    public long passed() {
        return passed;
    }

    /** All events not forwarded: {@link #unsupportedDropped()} plus {@link #outside()}. */
    public long dropped() {
        return unsupported + outside;
    }

    /** Events dropped because no neighbour had a recent event. */
    public long unsupportedDropped() {
        return unsupported;
    }

    /** Events dropped because they lay outside the sensor. */
    public long outside() {
        return outside;
    }

    /** Forgets every pixel's history and zeroes the counters, e.g. between two recordings. */
    public void reset() {
        Arrays.fill(lastEvent, NEVER);
        passed = 0;
        unsupported = 0;
        outside = 0;
    }
}
