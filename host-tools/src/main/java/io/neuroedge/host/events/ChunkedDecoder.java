package io.neuroedge.host.events;

import io.neuroedge.runtime.input.EventSink;

import java.io.IOException;
import java.io.InputStream;

/**
 * Shared machinery of the Prophesee decoders: reads the data part of a file in 64 KiB chunks,
 * hands each run of whole words to {@link #decode}, carries a partial word over to the next chunk,
 * and keeps the per-read totals. {@link #emit} checks the sensor bounds and delivers one event.
 * One instance decodes one file; it is not thread-safe.
 */
abstract class ChunkedDecoder {

    static final int CHUNK_BYTES = 64 * 1024;

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
    ChunkedDecoder(String source, EventSink sink, int width, int height) {
        this.source = source;
        this.sink = sink;
        this.width = width;
        this.height = height;
        boolean known = width > 0 && height > 0;
        this.maxX = known ? width : Integer.MAX_VALUE;
        this.maxY = known ? height : Integer.MAX_VALUE;
    }

    /**
     * Decodes {@code buf[0 .. length)}, a whole number of words.
     *
     * @param bufStart file offset of {@code buf[0]}, for error messages
     */
    abstract void decode(byte[] buf, int length, long bufStart) throws EventFormatException;

    /**
     * Streams {@code in} to its end through {@link #decode}.
     *
     * @param startOffset file offset of the first byte of {@code in}
     * @param wordBytes   size of one word or record; a partial one at the end is an error
     * @param wordName    what a word is called in the truncation message
     */
    final void run(InputStream in, long startOffset, int wordBytes, String wordName)
            throws IOException {
        byte[] buf = new byte[CHUNK_BYTES];
        int filled = 0;   // bytes in buf; after each chunk only a partial word remains
        long bufStart = startOffset;
        int n;
        while ((n = in.read(buf, filled, buf.length - filled)) >= 0) {
            filled += n;
            int whole = filled - filled % wordBytes;
            if (whole > 0) {
                decode(buf, whole, bufStart);
            }
            // keep the bytes of a partial word for the next chunk
            System.arraycopy(buf, whole, buf, 0, filled - whole);
            bufStart += whole;
            filled -= whole;
        }
        if (filled != 0) {
            throw new EventFormatException(source, bufStart, "truncated " + wordName + ": "
                    + filled + " trailing byte(s) of " + wordBytes + " at the end of the file");
        }
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
