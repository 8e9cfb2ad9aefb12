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
 * Reads Prophesee DAT files: {@code % } text header lines (no {@code % evt} / {@code % format}
 * line), then one event-type byte and one event-size byte (8), then 8-byte little-endian records:
 * {@code uint32 t} (µs), {@code uint32 w} with {@code x = w & 0x3FFF},
 * {@code y = (w >> 14) & 0x3FFF}, {@code p = w >> 28}.
 *
 * <p>The type byte applies to the whole file: 0x00 (Event2d) and 0x0C are CD events and are
 * delivered; 0x0E is an external-trigger file whose records are all skipped and counted in
 * {@link RecordingSummary#skippedWords()}. Timestamps are delivered as decoded (32-bit unsigned),
 * without an order check. A file with only a header has zero events.
 *
 * <p>Errors: the read stops at the first problem with an {@link EventFormatException} naming the
 * source and byte offset; events before it have already been delivered. Problems are a header
 * naming an EVT encoding, a missing type/size pair, another type or a size other than 8, a CD
 * polarity other than 0 or 1, an event outside the sensor when the header gives
 * {@code % Width} / {@code % Height} (or geometry), and a partial final record. Streams 64 KiB
 * chunks; allocates nothing per event. A reader has no state and may be shared between threads.
 */
public final class DatReader extends StreamingEventFileReader {

    /** Size of one record. */
    public static final int RECORD_BYTES = 8;
    private static final int TYPE_CD = 0x00;
    private static final int TYPE_CD_ALT = 0x0C;
    private static final int TYPE_TRIGGER = 0x0E;

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
        RecordingHeader header = PropheseeHeaders.readExpecting(data, source, null);
        long offset = header.dataOffset();
        int type = data.read();
        int size = type < 0 ? -1 : data.read();
        if (type < 0) {
            return new Decoder(source, sink, header, false).summary(EventFormat.DAT, header);
        }
        if (size < 0) {
            throw new EventFormatException(source, offset,
                    "truncated: the event-size byte after the event-type byte is missing");
        }
        if (type != TYPE_CD && type != TYPE_CD_ALT && type != TYPE_TRIGGER) {
            throw new EventFormatException(source, offset, String.format(
                    "unsupported DAT event type 0x%02X (expected 0x00, 0x0C or 0x0E)", type));
        }
        if (size != RECORD_BYTES) {
            throw new EventFormatException(source, offset + 1,
                    "DAT event size is " + size + ", expected " + RECORD_BYTES);
        }
        Decoder decoder = new Decoder(source, sink, header, type != TYPE_TRIGGER);
        decoder.run(data, offset + 2, RECORD_BYTES, "8-byte record");
        return decoder.summary(EventFormat.DAT, header);
    }

    /** Totals of one read; DAT records carry no state between them. */
    private static final class Decoder extends ChunkedDecoder {
        private final boolean cd;

        Decoder(String source, EventSink sink, RecordingHeader header, boolean cd) {
            super(source, sink, header.sensorWidth(), header.sensorHeight());
            this.cd = cd;
        }

        @Override
        protected void decode(byte[] buf, int length, long bufStart) throws EventFormatException {
            if (!cd) {
                skippedWords += length / RECORD_BYTES;
                return;
            }
            for (int i = 0; i < length; i += RECORD_BYTES) {
                long t = ((buf[i] & 0xFF) | (buf[i + 1] & 0xFF) << 8 | (buf[i + 2] & 0xFF) << 16
                        | (buf[i + 3] & 0xFFL) << 24);
                int w = (buf[i + 4] & 0xFF) | (buf[i + 5] & 0xFF) << 8
                        | (buf[i + 6] & 0xFF) << 16 | (buf[i + 7] & 0xFF) << 24;
                int polarity = w >>> 28;
                if (polarity > 1) {
                    throw new EventFormatException(source, bufStart + i,
                            "polarity " + polarity + " is not 0 or 1");
                }
                emit(w & 0x3FFF, (w >>> 14) & 0x3FFF, polarity, t, bufStart + i);
            }
        }
    }
}
