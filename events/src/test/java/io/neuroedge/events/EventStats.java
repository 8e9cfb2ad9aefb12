package io.neuroedge.events;

import io.neuroedge.runtime.input.EventSink;

/** Test sink that keeps the totals the shared-data MANIFEST lists. */
public final class EventStats implements EventSink {

    /** Modulus of the MANIFEST's {@code sum_t} checksum. */
    public static final long SUM_T_MODULUS = 1_000_000_007L;

    public long events;
    public long on;
    public long sumT;
    public int minX = Integer.MAX_VALUE;
    public int maxX = Integer.MIN_VALUE;
    public int minY = Integer.MAX_VALUE;
    public int maxY = Integer.MIN_VALUE;
    public long firstT = -1;
    public int firstX = -1;
    public int firstY = -1;
    public int firstP = -1;
    public long lastT = -1;
    public long backwardSteps;

    @Override
    public void event(int x, int y, int polarity, long timeUs) {
        if (events == 0) {
            firstT = timeUs;
            firstX = x;
            firstY = y;
            firstP = polarity;
        } else if (timeUs < lastT) {
            backwardSteps++;
        }
        lastT = timeUs;
        events++;
        on += polarity;
        sumT = (sumT + timeUs) % SUM_T_MODULUS;
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
    }
}
