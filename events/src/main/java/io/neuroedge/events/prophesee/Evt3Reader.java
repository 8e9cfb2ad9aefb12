package io.neuroedge.events.prophesee;

import io.neuroedge.events.ChunkedDecoder;
import io.neuroedge.events.EventFormat;
import io.neuroedge.events.EventFormatException;
import io.neuroedge.events.RecordingHeader;
import io.neuroedge.events.RecordingSummary;
import io.neuroedge.events.StreamingEventFileReader;
import io.neuroedge.runtime.input.EventSink;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

/**
 * Reads Prophesee RAW files in EVT 3.0 encoding ({@code % evt 3.0} or {@code % format EVT3}):
 * a {@code % } text header, then stateful little-endian 16-bit words, type in bits 15..12.
 *
 * <p>Decoding follows OpenEB: words before the first TIME_HIGH are dropped; EVT_ADDR_Y sets y;
 * EVT_ADDR_X emits one event; VECT_BASE_X sets base x and polarity, VECT_12 / VECT_8 emit one
 * event per set mask bit and advance base x by 12 / 8. The timestamp is
 * {@code (loop << 24) | (timeHigh << 12) | timeLow}: TIME_LOW sets the low 12 bits; TIME_HIGH sets
 * the high 12 bits, resets the low bits to 0 when it changes, and increments {@code loop} only
 * when it drops by 2048 or more (the 24-bit counter wrapped). A decreasing TIME_LOW never counts
 * as a wrap. Timestamps are delivered as decoded, without an order check, because real streams
 * may step back slightly.
 *
 * <p>Skipped and counted in {@link RecordingSummary#skippedWords()}: EXT_TRIGGER, IMU, OTHERS,
 * CONTINUED_4 / CONTINUED_12, Lucid's 0x9999 padding word, and any word before the first
 * TIME_HIGH.
 *
 * <p>Errors: the read stops at the first problem with an {@link EventFormatException} naming the
 * source and byte offset; events before it have already been delivered. Problems are a header
 * naming another encoding or none, a reserved word type (0x1, 0x9 other than 0x9999, 0xB, 0xC),
 * an event outside the sensor when its size is known (see {@link RecordingHeader}), and a partial
 * final word. Streams 64 KiB chunks; allocates nothing per event. A reader has no state and may
 * be shared between threads.
 */
public final class Evt3Reader extends StreamingEventFileReader {

    private static final int ADDR_Y = 0x0;
    private static final int ADDR_X = 0x2;
    private static final int VECT_BASE_X = 0x3;
    private static final int VECT_12 = 0x4;
    private static final int VECT_8 = 0x5;
    private static final int TIME_LOW = 0x6;
    private static final int CONTINUED_4 = 0x7;
    private static final int TIME_HIGH = 0x8;
    private static final int EXT_TRIGGER = 0xA;
    private static final int IMU = 0xD;
    private static final int OTHERS = 0xE;
    private static final int CONTINUED_12 = 0xF;
    /** Padding word written by Lucid cameras; its type 0x9 is otherwise reserved. */
    private static final int LUCID_PADDING = 0x9999;
    /** A TIME_HIGH this much below the previous one means the 24-bit counter wrapped. */
    private static final int WRAP_THRESHOLD = 2048;

    /**
     * Streams all CD events of {@code in} (header included) into {@code sink}. The stream is read
     * to its end and not closed.
     *
     * @param source name of the stream for error messages, e.g. the file path
     */
    @Override
    public RecordingSummary read(InputStream in, String source, EventSink sink)
            throws IOException {
        PushbackInputStream data = new PushbackInputStream(in, 2);
        RecordingHeader header = PropheseeHeaders.readExpecting(data, source, "EVT3");
        Decoder decoder = new Decoder(source, sink, header.sensorWidth(), header.sensorHeight());
        decoder.run(data, header.dataOffset(), 2, "16-bit word");
        return decoder.summary(EventFormat.EVT3, header);
    }

    /** Decoder state of one read; survives chunk boundaries. */
    private static final class Decoder extends ChunkedDecoder {
        private boolean started;
        private int y;
        private int baseX;
        private int polarity;
        private int timeHigh;
        private long loopBase;
        /** Current timestamp, kept up to date on every time word. */
        private long time;

        Decoder(String source, EventSink sink, int width, int height) {
            super(source, sink, width, height);
        }

        @Override
        protected void decode(byte[] buf, int length, long bufStart) throws EventFormatException {
            for (int i = 0; i < length; i += 2) {
                int word = (buf[i] & 0xFF) | (buf[i + 1] & 0xFF) << 8;
                int type = word >>> 12;
                int value = word & 0xFFF;
                if (!started && type != TIME_HIGH) {
                    checkNotReserved(word, bufStart + i);
                    skippedWords++;
                    continue;
                }
                switch (type) {
                    case ADDR_Y -> y = word & 0x7FF;
                    case ADDR_X -> emit(word & 0x7FF, y, (word >>> 11) & 1, time, bufStart + i);
                    case VECT_BASE_X -> {
                        baseX = word & 0x7FF;
                        polarity = (word >>> 11) & 1;
                    }
                    case VECT_12 -> vector(value, 12, bufStart + i);
                    case VECT_8 -> vector(value & 0xFF, 8, bufStart + i);
                    case TIME_LOW -> time = loopBase | (long) timeHigh << 12 | value;
                    case TIME_HIGH -> timeHigh(value);
                    case CONTINUED_4, EXT_TRIGGER, IMU, OTHERS, CONTINUED_12 -> skippedWords++;
                    default -> {
                        checkNotReserved(word, bufStart + i);
                        skippedWords++;
                    }
                }
            }
        }

        private void timeHigh(int value) {
            if (started && timeHigh >= WRAP_THRESHOLD + value) {
                loopBase += 1L << 24;
            }
            if (!started || value != timeHigh) {
                // a new TIME_HIGH zeroes TIME_LOW until the next TIME_LOW word
                time = loopBase | (long) value << 12;
            }
            started = true;
            timeHigh = value;
            timeHighWords++;
        }

        private void vector(int mask, int bits, long offset) throws EventFormatException {
            while (mask != 0) {
                emit(baseX + Integer.numberOfTrailingZeros(mask), y, polarity, time, offset);
                mask &= mask - 1;
            }
            baseX += bits;
        }

        private void checkNotReserved(int word, long offset) throws EventFormatException {
            int type = word >>> 12;
            boolean reserved = type == 0x1 || type == 0xB || type == 0xC
                    || type == 0x9 && word != LUCID_PADDING;
            if (reserved) {
                throw reserved(offset, "EVT 3.0", type, word, 4);
            }
        }
    }
}
