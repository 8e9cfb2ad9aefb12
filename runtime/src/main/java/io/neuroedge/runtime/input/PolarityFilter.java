package io.neuroedge.runtime.input;

import java.util.Objects;

/**
 * Selects or merges event polarities before the next sink: keep both, keep ON only, keep OFF only,
 * or pass every event as ON (polarity 1), for a network trained on a single merged channel. Any
 * non-zero polarity counts as ON, as in {@link EventBinner}; kept events are forwarded with
 * polarity 0 or 1. Coordinates and timestamps are not inspected.
 *
 * <p>Allocation-free per event. Not thread-safe: call it from the thread that delivers the events.
 */
public final class PolarityFilter implements EventSink {

    /** Which polarities pass, and how they are forwarded. */
    public enum Mode {
        /** ON and OFF pass, as 1 and 0. */
        BOTH,
        /** Only ON events pass. */
        ON_ONLY,
        /** Only OFF events pass. */
        OFF_ONLY,
        /** Every event passes as polarity 1. */
        MERGE
    }

    private final Mode mode;
    private final EventSink next;
    private long passed;
    private long dropped;

    public PolarityFilter(Mode mode, EventSink next) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public void event(int x, int y, int polarity, long timeUs) {
        int on = polarity != 0 ? 1 : 0;
        int out;
        switch (mode) {
            case BOTH -> out = on;
            case ON_ONLY -> out = on == 1 ? 1 : -1;
            case OFF_ONLY -> out = on == 0 ? 0 : -1;
            default -> out = 1;
        }
        if (out < 0) {
            dropped++;
            return;
        }
        passed++;
        next.event(x, y, out, timeUs);
    }

    /** The configured mode. */
    public Mode mode() {
        return mode;
    }

    /** Events forwarded to the next sink. */
    public long passed() {
        return passed;
    }

    /** Events removed because of their polarity. */
    public long dropped() {
        return dropped;
    }

    /** Zeroes the counters (the filter has no other state). */
    public void reset() {
        passed = 0;
        dropped = 0;
    }
}
