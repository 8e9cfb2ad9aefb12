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
 * Reads Prophesee RAW files in EVT 2.0 encoding ({@code % evt 2.0} or {@code % format EVT2}):
 * a {@code % } text header, then little-endian 32-bit words, type in bits 31..28.
 *
 * <p>CD_OFF (0x0) / CD_ON (0x1): bits 27..22 timestamp LSBs, 21..11 x, 10..0 y. EVT_TIME_HIGH
 * (0x8): bits 27..0 are timestamp bits 33..6, so {@code t = (timeHigh << 6) | lsbs}, a 34-bit
 * microsecond time. CD events before the first TIME_HIGH have no time base and are dropped.
 * Timestamps are delivered as decoded, without an order check.
 *
 * <p>Skipped and counted in {@link RecordingSummary#skippedWords()}: EXT_TRIGGER (0xA), IMU_EVT
 * (0xD), OTHERS (0xE), CONTINUED (0xF), and CD events before the first TIME_HIGH. TIME_HIGH words
 * are counted in {@link RecordingSummary#timeHighWords()}.
 *
 * <p>Errors: the read stops at the first problem with an {@link EventFormatException} naming the
 * source and byte offset; events before it have already been delivered. Problems are a header
 * naming another encoding or none, a reserved word type (0x2..0x7, 0x9, 0xB, 0xC), an event
 * outside the sensor when its size is known (see {@link RecordingHeader}), and a partial final
 * word. Streams 64 KiB chunks; allocates nothing per event. A reader has no state and may be
 * shared between threads.
 */
public final class Evt2Reader extends StreamingEventFileReader {

    private static final int CD_OFF = 0x0;
    private static final int CD_ON = 0x1;
    private static final int TIME_HIGH = 0x8;
    private static final int EXT_TRIGGER = 0xA;
    private static final int IMU_EVT = 0xD;
    private static final int OTHERS = 0xE;
    private static final int CONTINUED = 0xF;

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
        RecordingHeader header = PropheseeHeaders.readExpecting(data, source, "EVT2");
        Decoder decoder = new Decoder(source, sink, header.sensorWidth(), header.sensorHeight());
        decoder.run(data, header.dataOffset(), 4, "32-bit word");
        return decoder.summary(EventFormat.EVT2, header);
    }

    /** Decoder state of one read; survives chunk boundaries. */
    private static final class Decoder extends ChunkedDecoder {
        /** TIME_HIGH payload shifted into place, or -1 before the first TIME_HIGH. */
        private long timeBase = -1;

        Decoder(String source, EventSink sink, int width, int height) {
            super(source, sink, width, height);
        }

        @Override
        protected void decode(byte[] buf, int length, long bufStart) throws EventFormatException {
            for (int i = 0; i < length; i += 4) {
                int word = (buf[i] & 0xFF) | (buf[i + 1] & 0xFF) << 8
                        | (buf[i + 2] & 0xFF) << 16 | (buf[i + 3] & 0xFF) << 24;
                int type = word >>> 28;
                switch (type) {
                    case CD_OFF, CD_ON -> {
                        if (timeBase < 0) {
                            skippedWords++;
                        } else {
                            emit((word >>> 11) & 0x7FF, word & 0x7FF, type,
                                    timeBase | (word >>> 22) & 0x3F, bufStart + i);
                        }
                    }
                    case TIME_HIGH -> {
                        timeBase = (long) (word & 0x0FFF_FFFF) << 6;
                        timeHighWords++;
                    }
                    case EXT_TRIGGER, IMU_EVT, OTHERS, CONTINUED -> skippedWords++;
                    default -> throw reserved(bufStart + i, "EVT 2.0", type,
                            word & 0xFFFF_FFFFL, 8);
                }
            }
        }
    }
}
