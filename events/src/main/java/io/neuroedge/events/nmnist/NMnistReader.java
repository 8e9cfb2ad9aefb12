package io.neuroedge.events.nmnist;

import io.neuroedge.events.EventArray;
import io.neuroedge.events.EventFormatException;
import io.neuroedge.runtime.input.EventSink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads N-MNIST / N-Caltech101 binary event files ({@code .bin}, {@code .bs2}) into an
 * {@link EventSink}.
 *
 * <p>Format: no header; 5 bytes per event, most significant first: byte 0 = x, byte 1 = y,
 * bit 7 of byte 2 = polarity (1 = ON), the remaining 23 bits (byte 2 low 7 bits, byte 3, byte 4)
 * = timestamp in microseconds.
 *
 * <p>Documented quirk: the dataset authors' loader (and Tonic, which copies it) treats an event
 * with {@code y == 240} as a timestamp-overflow marker. This reader does the same: markers are
 * not delivered, and each one adds {@value #OVERFLOW_INCREMENT_US} µs to the timestamps of all
 * later events, so results match those loaders. Markers are counted in {@link Summary}.
 *
 * <p>Errors: bad input always ends in an {@link EventFormatException} naming the file, byte
 * offset and problem; there is no partial-read mode. Checked are a length that is not a multiple
 * of 5, a timestamp earlier than the previous event's, and (unless built with
 * {@link #withoutSensorBounds()}) x or y outside the sensor. {@link #read(Path, EventSink)} checks
 * the length before delivering any event; when reading a plain {@link InputStream} trailing bytes
 * are only seen at the end, after the whole events before them were delivered. An empty file
 * yields zero events.
 *
 * <p>Reading streams 64 KiB chunks (bounded memory whatever the file size) and allocates nothing
 * per event. A reader has no mutable state and may be shared between threads.
 */
public final class NMnistReader {

    /** Width and height of the ATIS sensor used for N-MNIST. */
    public static final int NMNIST_SENSOR_SIZE = 34;
    /** Size of one encoded event. */
    public static final int BYTES_PER_EVENT = 5;
    /** Row value that marks a timestamp overflow instead of an event. */
    public static final int OVERFLOW_MARKER_Y = 240;
    /** Time added to all later events per overflow marker, as in the original loader. */
    public static final long OVERFLOW_INCREMENT_US = 1L << 13;

    private static final int CHUNK_BYTES = 64 * 1024;
    /** x and y are single bytes, so 256 means "no bound". */
    private static final int NO_BOUND = 256;

    private final int width;
    private final int height;

    /** Totals of one read: events delivered to the sink and overflow markers skipped. */
    public record Summary(long events, long overflowMarkers) {}

    /** A reader for N-MNIST files that rejects coordinates outside the 34 x 34 sensor. */
    public NMnistReader() {
        this(NMNIST_SENSOR_SIZE, NMNIST_SENSOR_SIZE);
    }

    /**
     * A reader that rejects events with {@code x >= width} or {@code y >= height}.
     *
     * @param width  sensor width in pixels, 1..256
     * @param height sensor height in pixels, 1..256
     */
    public NMnistReader(int width, int height) {
        if (width < 1 || width > NO_BOUND || height < 1 || height > NO_BOUND) {
            throw new IllegalArgumentException(
                    "sensor size must be 1..256 x 1..256, got " + width + " x " + height);
        }
        this.width = width;
        this.height = height;
    }

    /** A reader that accepts any x and y (for recordings of unknown sensor size). */
    public static NMnistReader withoutSensorBounds() {
        return new NMnistReader(NO_BOUND, NO_BOUND);
    }

    /**
     * Streams all events of {@code file} into {@code sink}. The file length is checked first, so
     * a truncated file fails before any event is delivered.
     */
    public Summary read(Path file, EventSink sink) throws IOException {
        String source = file.toString();
        long length = Files.size(file);
        if (length % BYTES_PER_EVENT != 0) {
            throw truncated(source, length - length % BYTES_PER_EVENT, length);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, source, sink);
        }
    }

    /** Reads all events of {@code file} into a new {@link EventArray} sized to fit. */
    public EventArray readAll(Path file) throws IOException {
        long events = Files.size(file) / BYTES_PER_EVENT;
        EventArray array = new EventArray((int) Math.min(events, Integer.MAX_VALUE - 8));
        read(file, array);
        return array;
    }

    /**
     * Streams all events of {@code in} into {@code sink}. The stream is read to its end and is
     * not closed.
     *
     * @param source name of the stream for error messages, e.g. the file path
     */
    public Summary read(InputStream in, String source, EventSink sink) throws IOException {
        byte[] buf = new byte[CHUNK_BYTES];
        int filled = 0;        // bytes in buf; after each chunk only a partial event remains
        long bufStart = 0;     // file offset of buf[0]
        long timeOffset = 0;   // sum of overflow increments so far
        long previousT = Long.MIN_VALUE;
        long events = 0;
        long markers = 0;
        int n;
        while ((n = in.read(buf, filled, buf.length - filled)) >= 0) {
            filled += n;
            int whole = filled - filled % BYTES_PER_EVENT;
            for (int i = 0; i < whole; i += BYTES_PER_EVENT) {
                int x = buf[i] & 0xFF;
                int y = buf[i + 1] & 0xFF;
                int b2 = buf[i + 2] & 0xFF;
                if (y == OVERFLOW_MARKER_Y) {
                    timeOffset += OVERFLOW_INCREMENT_US;
                    markers++;
                    continue;
                }
                long t = timeOffset
                        + (((b2 & 0x7F) << 16) | ((buf[i + 3] & 0xFF) << 8) | (buf[i + 4] & 0xFF));
                if (x >= width || y >= height) {
                    throw outsideSensor(source, bufStart + i, x, y);
                }
                if (t < previousT) {
                    throw new EventFormatException(source, bufStart + i, "timestamp " + t
                            + " us is earlier than the previous event's " + previousT + " us");
                }
                previousT = t;
                sink.event(x, y, b2 >>> 7, t);
                events++;
            }
            // keep the bytes of a partial event for the next chunk
            System.arraycopy(buf, whole, buf, 0, filled - whole);
            bufStart += whole;
            filled -= whole;
        }
        if (filled != 0) {
            throw truncated(source, bufStart, bufStart + filled);
        }
        return new Summary(events, markers);
    }

    private EventFormatException outsideSensor(String source, long offset, int x, int y) {
        String coordinate = x >= width ? "x = " + x : "y = " + y;
        return new EventFormatException(source, offset,
                coordinate + " is outside the " + width + " x " + height + " sensor");
    }

    private static EventFormatException truncated(String source, long offset, long length) {
        return new EventFormatException(source, offset, "truncated event: " + (length - offset)
                + " trailing byte(s); length " + length + " is not a multiple of "
                + BYTES_PER_EVENT);
    }
}
