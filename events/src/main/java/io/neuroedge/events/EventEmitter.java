package io.neuroedge.events;

import io.neuroedge.runtime.input.EventSink;

/**
 * The base of every decoder: {@link #emit} checks a decoded event against the sensor bounds,
 * counts it and delivers it to the sink, and {@link #summary} reports the totals of the read. One
 * instance serves one read; it is not thread-safe.
 */
public abstract class EventEmitter {

    protected final String source;
    private final EventSink sink;
    private final int width;
    private final int height;
    private final int maxX;
    private final int maxY;

    protected long events;
    protected long onEvents;
    protected long skippedWords;
    protected long timeHighWords;
    protected long firstTimeUs = -1;
    protected long lastTimeUs = -1;

    /** {@code width} / {@code height} of 0 mean unknown: coordinates are then not checked. */
    protected EventEmitter(String source, EventSink sink, int width, int height) {
        this.source = source;
        this.sink = sink;
        this.width = width;
        this.height = height;
        boolean known = width > 0 && height > 0;
        this.maxX = known ? width : Integer.MAX_VALUE;
        this.maxY = known ? height : Integer.MAX_VALUE;
    }

    /** Checks the coordinates, counts and delivers one CD event. */
    protected final void emit(int x, int y, int polarity, long timeUs, long offset)
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
    public final RecordingSummary summary(EventFormat format, RecordingHeader header) {
        return new RecordingSummary(format, header, events, onEvents, skippedWords, timeHighWords,
                firstTimeUs, lastTimeUs, width, height);
    }

    /** Error for a word type the format reserves, i.e. one no valid file contains. */
    protected final EventFormatException reserved(long offset, String format, int type, long word,
            int hexDigits) {
        return new EventFormatException(source, offset, String.format(
                "reserved %s word type 0x%X (word 0x%0" + hexDigits + "X): not event data",
                format, type, word));
    }
}
