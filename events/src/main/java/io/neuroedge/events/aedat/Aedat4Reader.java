package io.neuroedge.events.aedat;

import io.neuroedge.events.EventEmitter;
import io.neuroedge.events.EventFormat;
import io.neuroedge.events.EventFormatException;
import io.neuroedge.events.HeaderLine;
import io.neuroedge.events.RecordingHeader;
import io.neuroedge.events.RecordingSummary;
import io.neuroedge.events.StreamingEventFileReader;
import io.neuroedge.runtime.input.EventSink;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Reads iniVation AEDAT 4.0 files (DV, dv-processing, jAER 3): the {@link Aedat4Header}, then
 * packets {@code [int32 LE streamId, int32 LE size, size bytes]} up to the FileDataTable (or the
 * end of the file when the header has none). Only the packets of one polarity-event stream
 * ({@code EVTS}, by default the one with the lowest id) are decompressed and decoded; frames,
 * IMU samples, triggers and other event streams are skipped unread and counted as packets in
 * {@link RecordingSummary#skippedWords()}. The FileDataTable is not read.
 *
 * <p>An EVTS payload is a size-prefixed FlatBuffer {@code EventPacket { elements: [Event] }} with
 * 16-byte {@code Event} structs: int64 LE timestamp (absolute Unix µs, delivered as is), int16 x,
 * int16 y, bool polarity (1 = ON); origin upper-left. Coordinates are checked against the
 * stream's {@code sizeX} x {@code sizeY} when the header gives them.
 *
 * <p>Errors ({@link EventFormatException}, events before it already delivered): a wrong magic,
 * a corrupt IOHeader or infoNode, a packet for an undeclared stream, a packet size that is
 * negative, over {@value #MAX_PACKET_BYTES} bytes or crossing the data table, a file that ends
 * inside a packet or before its data table, a corrupt compressed payload, a payload whose
 * identifier is not {@code EVTS}, and a negative coordinate or a polarity byte other than 0 / 1.
 * Memory is bounded by the largest packet; nothing is allocated per event. A reader has no state
 * and may be shared between threads.
 */
public final class Aedat4Reader extends StreamingEventFileReader {

    /** Largest compressed packet accepted; DV writes packets of well under 1 MiB. */
    static final int MAX_PACKET_BYTES = 64 * 1024 * 1024;
    private static final int EVENT_BYTES = 16;

    private final OptionalInt streamId;

    /** A reader of the lowest-numbered EVTS stream. */
    public Aedat4Reader() {
        this.streamId = OptionalInt.empty();
    }

    /** A reader of the EVTS stream with this id (jAER multi-camera files use ids 0, 3, 6, ...). */
    public Aedat4Reader(int streamId) {
        this.streamId = OptionalInt.of(streamId);
    }

    /**
     * Streams the events of {@code in} (from the file's first byte) into {@code sink}; the stream
     * is not closed.
     *
     * @param source name of the stream for error messages, e.g. the file path
     */
    @Override
    public RecordingSummary read(InputStream in, String source, EventSink sink)
            throws IOException {
        ByteSource bytes = new ByteSource(in, source);
        Aedat4Header header = Aedat4Header.read(bytes);
        Aedat4Stream events = selectStream(header, source);
        Decoder decoder = new Decoder(source, sink, events.sizeX(), events.sizeY());
        new PacketWalk(bytes, header, events.id(), decoder).run();
        return decoder.summary(EventFormat.AEDAT, describe(header, events));
    }

    private Aedat4Stream selectStream(Aedat4Header header, String source)
            throws EventFormatException {
        if (streamId.isEmpty()) {
            return header.firstEventStream().orElseThrow(() -> new EventFormatException(source,
                    header.dataOffset(), "the file declares no EVTS (polarity event) stream"));
        }
        int id = streamId.getAsInt();
        Aedat4Stream stream = header.stream(id).orElseThrow(() -> new EventFormatException(
                source, header.dataOffset(), "the file declares no stream " + id));
        if (!stream.isEvents()) {
            throw new EventFormatException(source, header.dataOffset(), "stream " + id
                    + " holds " + stream.typeIdentifier() + ", not EVTS polarity events");
        }
        return stream;
    }

    /** The header as {@code key value} lines for {@link RecordingSummary#header()}. */
    private static RecordingHeader describe(Aedat4Header header, Aedat4Stream events) {
        List<HeaderLine> lines = new ArrayList<>();
        lines.add(new HeaderLine(0, "version", "4.0"));
        lines.add(new HeaderLine(0, "compression", header.compression().name()));
        lines.add(new HeaderLine(0, "dataTablePosition",
                Long.toString(header.dataTablePosition())));
        for (Aedat4Stream s : header.streams()) {
            lines.add(new HeaderLine(0, "stream", s.id() + " " + s.typeIdentifier() + " "
                    + s.name() + " " + s.sizeX() + "x" + s.sizeY() + " " + s.cameraSource()));
        }
        lines.add(new HeaderLine(0, "eventStream", Integer.toString(events.id())));
        return new RecordingHeader(lines, header.dataOffset());
    }

    /** Walks the packets, skipping other streams and handing event payloads to the decoder. */
    private static final class PacketWalk {
        private final ByteSource in;
        private final Aedat4Header header;
        private final int eventStream;
        private final Decoder decoder;
        private final Aedat4Decompressor decompressor;
        private byte[] packet = new byte[64 * 1024];

        PacketWalk(ByteSource in, Aedat4Header header, int eventStream, Decoder decoder) {
            this.in = in;
            this.header = header;
            this.eventStream = eventStream;
            this.decoder = decoder;
            this.decompressor = new Aedat4Decompressor(header.compression());
        }

        void run() throws IOException {
            String source = in.source();
            long end = header.dataTablePosition() >= 0 ? header.dataTablePosition()
                    : Long.MAX_VALUE;
            while (in.position() < end) {
                long at = in.position();
                if (!in.hasMore()) {
                    if (end != Long.MAX_VALUE) {
                        throw new EventFormatException(source, at, "file ends before its data "
                                + "table at byte offset " + end + " (truncated)");
                    }
                    return;
                }
                int stream = in.readIntLE("packet header");
                int size = in.readIntLE("packet header");
                if (size < 0 || size > MAX_PACKET_BYTES || at + 8 + size > end) {
                    throw new EventFormatException(source, at, "packet size " + size
                            + (size < 0 || size > MAX_PACKET_BYTES ? " is out of range"
                                    : " crosses the data table at byte offset " + end));
                }
                if (header.stream(stream).isEmpty()) {
                    throw new EventFormatException(source, at,
                            "packet for stream " + stream + ", which the header does not declare");
                }
                if (stream != eventStream) {
                    in.skipFully(size, "packet of stream " + stream);
                    decoder.skippedPacket();
                    continue;
                }
                if (packet.length < size) {
                    packet = new byte[Math.max(size, 2 * packet.length)];
                }
                in.readFully(packet, 0, size, "event packet");
                int length = decompressor.decompress(packet, size, source, at + 8);
                decoder.packet(decompressor.output(), length, at);
            }
        }
    }

    /** Decodes EVTS FlatBuffers; keeps the totals of one read. */
    private static final class Decoder extends EventEmitter {

        Decoder(String source, EventSink sink, int width, int height) {
            super(source, sink, width, height);
        }

        /** Counts a packet of another stream, skipped unread. */
        void skippedPacket() {
            skippedWords++;
        }

        /** Delivers the events of one decompressed EVTS payload of the packet at {@code at}. */
        void packet(byte[] buf, int length, long at) throws EventFormatException {
            FlatBufferView fb = FlatBufferView.sizePrefixed(buf, length, source, at);
            int table = fb.root(Aedat4Stream.EVENTS);
            int first = fb.vector(table, 0, EVENT_BYTES);
            int count = fb.vectorLength();
            for (int i = 0, e = first; i < count; i++, e += EVENT_BYTES) {
                long t = Bytes.longLE(buf, e);
                int x = Bytes.shortLE(buf, e + 8);
                int y = Bytes.shortLE(buf, e + 10);
                int p = buf[e + 12];
                if (x < 0 || y < 0 || (p & ~1) != 0) {
                    throw new EventFormatException(source, at, "event " + i + " of the packet "
                            + "has x = " + x + ", y = " + y + ", polarity byte " + p);
                }
                emit(x, y, p, t, at);
            }
        }
    }
}
