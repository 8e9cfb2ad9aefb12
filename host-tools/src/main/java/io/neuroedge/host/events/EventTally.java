package io.neuroedge.host.events;

import io.neuroedge.runtime.input.EventSink;

/**
 * The per-read bookkeeping every decoder shares: {@link #emit} checks the sensor bounds, counts
 * and delivers one event, and {@link #summary} reports the totals. One instance serves one read;
 * it is not thread-safe.
 */
class EventTally {

    final String source;
    private final EventSink sink;
    private final int width;
    private final int height;
    private final int maxX;
    private final int maxY;

    long events;
    long onEvents;
    long skippedWords;
    long timeHighWords;
    long firstTimeUs = -1;
    long lastTimeUs = -1;

    /** {@code width} / {@code height} of 0 mean unknown: coordinates are then not checked. */
    EventTally(String source, EventSink sink, int width, int height) {
        this.source = source;
        this.sink = sink;
        this.width = width;
        this.height = height;
        boolean known = width > 0 && height > 0;
        this.maxX = known ? width : Integer.MAX_VALUE;
        this.maxY = known ? height : Integer.MAX_VALUE;
    }

    /** Checks the coordinates, counts and delivers one CD event. */
    final void emit(int x, int y, int polarity, long timeUs, long offset)
            throws EventFormatException {
        if (x >= maxX || y >= maxY) {
            String coordinate = x >= maxX ? "x = " + x : "y = " + y;
            throw new EventFormatException(source, offset,
                    coordinate + " is outside the " + width + " x " + height + " sensor");
        }
        if (events == 0) {
            firstTimeUs = timeUs;
        }
        lastTimeUs = timeUs;
        events++;
        onEvents += polarity;
        sink.event(x, y, polarity, timeUs);
    }

    /** The totals so far, for a read of {@code format} with {@code header}. */
    final RecordingSummary summary(EventFormat format, RecordingHeader header) {
        return new RecordingSummary(format, header, events, onEvents, skippedWords, timeHighWords,
                firstTimeUs, lastTimeUs, width, height);
    }

    /** Error for a word type the format reserves, i.e. one no valid file contains. */
    final EventFormatException reserved(long offset, String format, int type, long word,
            int hexDigits) {
        return new EventFormatException(source, offset, String.format(
                "reserved %s word type 0x%X (word 0x%0" + hexDigits + "X): not event data",
                format, type, word));
    }
}
