package io.neuroedge.events.nmnist;

import io.neuroedge.events.EventArray;
import io.neuroedge.events.EventFileWriter;
import io.neuroedge.runtime.io.AtomicFiles;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Writes N-MNIST binary files ({@code .bin}, {@code .bs2}) that {@link NMnistReader} reads back
 * to the same events: 5 bytes per event, x, y, then polarity in bit 7 and a 23-bit microsecond
 * timestamp, most significant byte first.
 *
 * <p>Timestamps beyond 23 bits use the overflow-marker convention of the dataset's loader that
 * {@link NMnistReader} follows: before an event whose time no longer fits, the writer emits as
 * many marker records ({@code x = 0, y = 240}, time 0) as needed, each adding
 * {@value NMnistReader#OVERFLOW_INCREMENT_US} µs to all later events. Loaders that ignore the
 * convention see times that restart; recordings shorter than 2^23 µs (8.4 s) have no markers.
 *
 * <p>Rejected with an {@link IllegalArgumentException}: x or y outside 0..255, y = 240 (it would
 * read back as a marker), polarity other than 0 or 1, negative timestamps, and timestamps earlier
 * than the previous event's (the reader rejects those). The sensor size passed to
 * {@link #write} is neither stored (the format has no header) nor checked: a recording from a
 * larger sensor converts as long as every event lies within 256 x 256.
 */
public final class NMnistWriter implements EventFileWriter {

    /** Largest timestamp one record can hold. */
    static final long MAX_RECORD_TIME_US = (1L << 23) - 1;
    private static final int MAX_COORDINATE = 255;

    @Override
    public WriteSummary write(EventArray events, int width, int height, Path out)
            throws IOException {
        long bytes = AtomicFiles.write(out, stream -> encode(events, stream));
        return new WriteSummary(events.size(), bytes, 0);
    }

    private static void encode(EventArray events, OutputStream out) throws IOException {
        byte[] record = new byte[NMnistReader.BYTES_PER_EVENT];
        long offset = 0;    // time added by the markers written so far
        long previous = 0;
        for (int i = 0; i < events.size(); i++) {
            int x = events.x(i);
            int y = events.y(i);
            int p = events.polarity(i);
            long t = events.timeUs(i);
            check(i, x, y, p, t, previous);
            previous = t;
            while (t - offset > MAX_RECORD_TIME_US) {
                record[0] = 0;
                record[1] = (byte) NMnistReader.OVERFLOW_MARKER_Y;
                record[2] = record[3] = record[4] = 0;
                out.write(record);
                offset += NMnistReader.OVERFLOW_INCREMENT_US;
            }
            long encoded = t - offset;
            record[0] = (byte) x;
            record[1] = (byte) y;
            record[2] = (byte) (p << 7 | (int) (encoded >>> 16));
            record[3] = (byte) (encoded >>> 8);
            record[4] = (byte) encoded;
            out.write(record);
        }
    }

    private static void check(int i, int x, int y, int p, long t, long previous) {
        if (x < 0 || x > MAX_COORDINATE || y < 0 || y > MAX_COORDINATE) {
            throw new IllegalArgumentException("event " + i + " at (" + x + ", " + y
                    + ") does not fit N-MNIST's 8-bit coordinates (0..255)");
        }
        if (y == NMnistReader.OVERFLOW_MARKER_Y) {
            throw new IllegalArgumentException("event " + i + " has y = 240, which N-MNIST"
                    + " readers take for a timestamp-overflow marker");
        }
        if (p != 0 && p != 1) {
            throw new IllegalArgumentException("event " + i + " has polarity " + p
                    + "; N-MNIST holds 0 or 1");
        }
        if (t < 0) {
            throw new IllegalArgumentException("event " + i + " has the negative timestamp "
                    + t + " us");
        }
        if (t < previous) {
            throw new IllegalArgumentException("event " + i + " at " + t + " us is earlier than"
                    + " the previous event (" + previous + " us); N-MNIST needs sorted times");
        }
    }
}
