package io.neuroedge.host.events;

import io.neuroedge.runtime.input.EventSink;

/** Test sink that keeps the totals the shared-data MANIFEST lists. */
final class EventStats implements EventSink {

    /** Modulus of the MANIFEST's {@code sum_t} checksum. */
    static final long SUM_T_MODULUS = 1_000_000_007L;

    long events;
    long on;
    long sumT;
    int minX = Integer.MAX_VALUE;
    int maxX = Integer.MIN_VALUE;
    int minY = Integer.MAX_VALUE;
    int maxY = Integer.MIN_VALUE;
    long firstT = -1;
    int firstX = -1;
    int firstY = -1;
    int firstP = -1;
    long lastT = -1;
    long backwardSteps;

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
