package io.neuroedge.events.prophesee;

import io.neuroedge.events.EventArray;
import io.neuroedge.events.EventFileWriter;
import io.neuroedge.runtime.io.AtomicFiles;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes Prophesee RAW files in EVT 3.0 encoding that {@link Evt3Reader} (and OpenEB) read back
 * to the same events.
 *
 * <p>Layout: the header lines {@code % evt 3.0}, {@code % format EVT3;height=H;width=W},
 * {@code % geometry WxH} and {@code % end}, then little-endian 16-bit words. Per event the writer
 * emits only what changed since the previous one: TIME_HIGH (bits 23..12 of the time), TIME_LOW
 * (bits 11..0), ADDR_Y, and always one ADDR_X carrying x and the polarity. Vector words are not
 * used.
 *
 * <p>Time: EVT 3.0 words carry 24 bits; readers count wraps of that counter from TIME_HIGH
 * dropping by 2048 or more, starting at 0. Hence:
 * <ul>
 *   <li>the absolute time cannot exceed the first wrap period: the writer subtracts
 *       {@link #timeOrigin(long) timeOrigin(first timestamp)}, a whole number of 2^24 µs
 *       periods (0 when the first event is before 16.78 s), and reports it in
 *       {@link EventFileWriter.WriteSummary#timeOriginUs()}; times relative to the first event
 *       are exact, and so are absolute times for recordings starting before 2^24 µs;</li>
 *   <li>a forward gap is written as TIME_HIGH steps of at most 2047 units (8.4 s each), so every
 *       wrap is seen and gaps of any length survive;</li>
 *   <li>a step back is allowed (real streams have them) while it stays within the same 2^24 µs
 *       period and is shorter than 2048 TIME_HIGH units; a longer one would read as a wrap and
 *       is rejected.</li>
 * </ul>
 *
 * <p>Rejected with an {@link IllegalArgumentException}: a sensor larger than 2048 x 2048
 * (11-bit addresses), x or y outside the sensor, polarity other than 0 or 1, negative
 * timestamps, and steps back in time as above.
 */
public final class Evt3Writer implements EventFileWriter {

    /** Addresses are 11 bits. */
    static final int MAX_SENSOR_SIZE = 2048;
    private static final int ADDR_Y = 0x0000;
    private static final int ADDR_X = 0x2000;
    private static final int TIME_LOW = 0x6000;
    private static final int TIME_HIGH = 0x8000;
    private static final int WRAP_BITS = 24;
    /** Largest forward TIME_HIGH step a reader cannot mistake for anything but forward. */
    private static final long MAX_HIGH_STEP = 2047;

    /**
     * The time this writer subtracts from every timestamp of a recording whose first event is
     * at {@code firstTimeUs}: that time rounded down to a multiple of 2^24 µs.
     */
    public static long timeOrigin(long firstTimeUs) {
        return firstTimeUs < 0 ? 0 : firstTimeUs >>> WRAP_BITS << WRAP_BITS;
    }

    @Override
    public WriteSummary write(EventArray events, int width, int height, Path out)
            throws IOException {
        if (width < 1 || width > MAX_SENSOR_SIZE || height < 1 || height > MAX_SENSOR_SIZE) {
            throw new IllegalArgumentException("EVT 3.0 holds sensors up to 2048 x 2048, not "
                    + width + " x " + height);
        }
        long origin = events.size() == 0 ? 0 : timeOrigin(events.timeUs(0));
        long bytes = AtomicFiles.write(out, stream -> {
            stream.write(header(width, height));
            new Encoder(stream, width, height, origin).encode(events);
        });
        return new WriteSummary(events.size(), bytes, origin);
    }

    private static byte[] header(int width, int height) {
        String text = String.format(Locale.ROOT, "%% evt 3.0\n%% format EVT3;height=%d;width=%d\n"
                + "%% geometry %dx%d\n%% end\n", height, width, width, height);
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Word-stream state of one write. */
    private static final class Encoder {
        private final OutputStream out;
        private final int width;
        private final int height;
        private final long origin;
        /** Time written so far in 4096 µs units (all bits, not just the 12 of the word). */
        private long high = -1;
        private int low;
        private int y = -1;

        Encoder(OutputStream out, int width, int height, long origin) {
            this.out = out;
            this.width = width;
            this.height = height;
            this.origin = origin;
        }

        void encode(EventArray events) throws IOException {
            for (int i = 0; i < events.size(); i++) {
                int x = events.x(i);
                int ey = events.y(i);
                int p = events.polarity(i);
                long t = events.timeUs(i);
                check(i, x, ey, p, t);
                time(i, t - origin);
                if (ey != y) {
                    word(ADDR_Y | ey);
                    y = ey;
                }
                word(ADDR_X | p << 11 | x);
            }
        }

        private void time(int i, long relative) throws IOException {
            if (relative < 0) {
                throw back(i, relative);
            }
            long h = relative >>> 12;
            if (high < 0) {
                high = h;   // the first event is within the first period: h < 4096
                timeHigh();
            } else if (h > high) {
                while (high < h) {
                    high = Math.min(h, high + MAX_HIGH_STEP);
                    timeHigh();
                }
            } else if (h < high) {
                boolean samePeriod = h >>> 12 == high >>> 12;
                if (!samePeriod || high - h > MAX_HIGH_STEP) {
                    throw back(i, relative);
                }
                high = h;
                timeHigh();
            }
            int l = (int) (relative & 0xFFF);
            if (l != low) {
                word(TIME_LOW | l);
                low = l;
            }
        }

        private void timeHigh() throws IOException {
            word(TIME_HIGH | (int) (high & 0xFFF));
            low = 0;    // readers zero TIME_LOW when TIME_HIGH changes
        }

        private IllegalArgumentException back(int i, long relative) {
            return new IllegalArgumentException("event " + i + " at " + (relative + origin)
                    + " us steps back in time further than EVT 3.0 can express (from "
                    + ((high << 12 | low) + origin) + " us)");
        }

        private void check(int i, int x, int ey, int p, long t) {
            if (x < 0 || x >= width || ey < 0 || ey >= height) {
                throw new IllegalArgumentException("event " + i + " at (" + x + ", " + ey
                        + ") is outside the " + width + " x " + height + " sensor");
            }
            if (p != 0 && p != 1) {
                throw new IllegalArgumentException("event " + i + " has polarity " + p
                        + "; EVT 3.0 holds 0 or 1");
            }
            if (t < 0) {
                throw new IllegalArgumentException("event " + i + " has the negative timestamp "
                        + t + " us");
            }
        }

        private void word(int w) throws IOException {
            out.write(w & 0xFF);
            out.write(w >>> 8 & 0xFF);
        }
    }
}
