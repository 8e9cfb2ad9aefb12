package io.neuroedge.events.aedat;

import io.neuroedge.events.ChunkedDecoder;
import io.neuroedge.events.EventEmitter;
import io.neuroedge.events.EventFormat;
import io.neuroedge.events.EventFormatException;
import io.neuroedge.events.HeaderLine;
import io.neuroedge.events.RecordingSummary;
import io.neuroedge.events.StreamingEventFileReader;
import io.neuroedge.runtime.input.EventSink;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Reads cAER AEDAT 3.1 files (e.g. IBM DVS128 Gesture): a {@code #} text header up to
 * {@code #!END-HEADER}, then packets of a 28-byte little-endian header ({@code int16 eventType,
 * int16 eventSource, int32 eventSize, eventTSOffset, eventTSOverflow, eventCapacity,
 * eventNumber, eventValid}) and {@code eventCapacity x eventSize} bytes of events.
 *
 * <p>Only POLARITY packets (type 1) are decoded: of their first {@code eventNumber} 8-byte events
 * ({@code uint32 data, int32 timestamp}) those with the valid bit (data bit 0) set are delivered
 * with {@code p = data bit 1} (1 = ON), {@code y = data bits 16..2}, {@code x = data bits 31..17}
 * (origin upper-left) and {@code t = eventTSOverflow << 31 | (timestamp & 0x7FFFFFFF)}. Timestamps
 * are delivered as decoded, so after a TIMESTAMP_RESET special event they restart near 0. Every
 * other packet type is skipped unread; {@link RecordingSummary#skippedWords()} counts skipped
 * packets plus invalid polarity events.
 *
 * <p>The sensor size comes from the first {@code #Source N: NAME} line whose name contains
 * DVS128, DAVIS240 or DAVIS346; it is unknown (and coordinates unchecked) otherwise.
 *
 * <p>Errors ({@link EventFormatException}, events before it already delivered): a first line
 * other than {@code #!AER-DAT3.1}, a header without {@code #!END-HEADER}, a packet header with a
 * non-positive event size, negative or inconsistent counts, a timestamp offset outside the event,
 * a polarity packet whose events are not 8 bytes with the timestamp at 4, a file that ends inside
 * a packet, and an event outside a known sensor. Streams 64 KiB chunks; allocates nothing per
 * event. A reader has no state and may be shared between threads.
 */
public final class Aedat3Reader extends StreamingEventFileReader {

    static final int PACKET_HEADER_BYTES = 28;
    static final int POLARITY = 1;
    private static final int POLARITY_EVENT_BYTES = 8;
    /** Largest packet body accepted; cAER packets are at most a few MiB. */
    private static final long MAX_PACKET_BYTES = 1L << 30;

    /**
     * Streams all valid polarity events of {@code in} (header included) into {@code sink}; the
     * stream is read to its end and not closed.
     *
     * @param source name of the stream for error messages, e.g. the file path
     */
    @Override
    public RecordingSummary read(InputStream in, String source, EventSink sink)
            throws IOException {
        ByteSource bytes = new ByteSource(in, source);
        if (bytes.peek() != '#') {
            throw new EventFormatException(source, 0, "not an AEDAT 3.1 file: no # header");
        }
        AedatTextHeader header = AedatTextHeader.read(bytes, true);
        if (header.lines().isEmpty() || !header.lines().get(0).key().equals("!AER-DAT3.1")) {
            throw new EventFormatException(source, 0, "first header line is not #!AER-DAT3.1");
        }
        int[] size = sensorSize(header);
        Decoder decoder = new Decoder(source, sink, size[0], size[1]);
        decoder.packets(bytes);
        return decoder.summary(EventFormat.AEDAT, header.toRecordingHeader());
    }

    /** Width and height named by the first {@code #Source} line, or 0 x 0. */
    private static int[] sensorSize(AedatTextHeader header) {
        for (HeaderLine line : header.lines()) {
            if (line.key().startsWith("Source ")) {
                String name = line.value().toUpperCase(Locale.ROOT);
                if (name.contains("DVS128")) {
                    return new int[] {128, 128};
                }
                if (name.contains("DAVIS346")) {
                    return new int[] {346, 260};
                }
                if (name.contains("DAVIS240")) {
                    return new int[] {240, 180};
                }
            }
        }
        return new int[2];
    }

    /** Packet walk and polarity decoding of one read. */
    private static final class Decoder extends EventEmitter {
        private final byte[] header = new byte[PACKET_HEADER_BYTES];
        private final byte[] chunk = new byte[ChunkedDecoder.CHUNK_BYTES];

        Decoder(String source, EventSink sink, int width, int height) {
            super(source, sink, width, height);
        }

        void packets(ByteSource in) throws IOException {
            while (in.hasMore()) {
                long at = in.position();
                in.readFully(header, 0, PACKET_HEADER_BYTES, "packet header");
                int type = Bytes.shortLE(header, 0);
                int eventSize = Bytes.intLE(header, 4);
                int tsOffset = Bytes.intLE(header, 8);
                int overflow = Bytes.intLE(header, 12);
                int capacity = Bytes.intLE(header, 16);
                int number = Bytes.intLE(header, 20);
                int valid = Bytes.intLE(header, 24);
                long body = (long) capacity * eventSize;
                if (eventSize <= 0 || capacity < 0 || number < 0 || number > capacity
                        || valid < 0 || valid > number || body > MAX_PACKET_BYTES
                        || tsOffset < 0 || tsOffset > eventSize - 4) {
                    throw new EventFormatException(source, at, String.format("invalid packet "
                            + "header: type %d, eventSize %d, eventTSOffset %d, eventCapacity %d,"
                            + " eventNumber %d, eventValid %d", type, eventSize, tsOffset,
                            capacity, number, valid));
                }
                if (type != POLARITY) {
                    in.skipFully(body, "packet body");
                    skippedWords++;
                    continue;
                }
                if (eventSize != POLARITY_EVENT_BYTES || tsOffset != 4) {
                    throw new EventFormatException(source, at, "polarity packet with eventSize "
                            + eventSize + " and eventTSOffset " + tsOffset + " (expected 8 and 4)");
                }
                polarity(in, number, (long) overflow << 31);
                in.skipFully((long) (capacity - number) * eventSize, "packet body");
            }
        }

        /** Decodes the first {@code number} events of a polarity packet body. */
        private void polarity(ByteSource in, int number, long timeBase) throws IOException {
            int left = number;
            while (left > 0) {
                int n = Math.min(left, chunk.length / POLARITY_EVENT_BYTES);
                long start = in.position();
                in.readFully(chunk, 0, n * POLARITY_EVENT_BYTES, "polarity packet body");
                for (int i = 0; i < n * POLARITY_EVENT_BYTES; i += POLARITY_EVENT_BYTES) {
                    int data = Bytes.intLE(chunk, i);
                    if ((data & 1) == 0) {
                        skippedWords++;   // invalidated event
                        continue;
                    }
                    long t = timeBase | Bytes.intLE(chunk, i + 4) & 0x7FFF_FFFFL;
                    emit(data >>> 17 & 0x7FFF, data >>> 2 & 0x7FFF, data >>> 1 & 1, t, start + i);
                }
                left -= n;
            }
        }
    }
}
