package io.neuroedge.events.aedat;

import io.neuroedge.events.EventArray;
import io.neuroedge.events.EventFileWriter;
import io.neuroedge.runtime.io.AtomicFiles;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Writes iniVation AEDAT 4.0 files (as DV records them) that {@link Aedat4Reader} and DV tools
 * read back to the same events.
 *
 * <p>Layout: the magic line {@code #!AER-DAT4.0\r\n}; the uint32 LE size of the IOHeader and the
 * IOHeader FlatBuffer (compression, dataTablePosition, infoNode XML declaring one stream, id 0,
 * {@code events} of type {@code EVTS} with {@code sizeX} / {@code sizeY}); then one packet
 * {@code [int32 streamId = 0, int32 size, payload]} per {@value #PACKET_EVENTS} events (the last
 * one shorter), each payload a compressed size-prefixed {@code EventPacket} of 16-byte events
 * (int64 absolute µs, int16 x, int16 y, bool polarity); last the FileDataTable ({@code FTAB},
 * same codec, one entry per packet with its payload offset, size, event count and first / last
 * time), whose offset the header's {@code dataTablePosition} gives. With the table present a
 * reader can tell a cut file from a complete one, even when the cut falls between packets.
 *
 * <p>Timestamps are written as given (int64; {@link WriteSummary#timeOriginUs()} is 0) and in
 * array order, not sorted. Rejected with an {@link IllegalArgumentException}: a sensor larger
 * than 32767 x 32767 (int16 coordinates), x or y outside the sensor, and polarity other than 0
 * or 1. Compression NONE, LZ4 (default, as DV) and ZSTD are written. The packets are
 * assembled in memory before the file is written, because the header at the start holds the
 * table's offset; memory is the compressed size plus one packet.
 */
public final class Aedat4Writer implements EventFileWriter {

    /** Events per packet, DV's usual upper bound; keeps every packet's buffer small. */
    public static final int PACKET_EVENTS = 4096;
    static final int MAX_SENSOR_SIZE = Short.MAX_VALUE;
    private static final int STREAM_ID = 0;
    private static final int PACKET_HEADER_BYTES = 8;

    private final Aedat4Compression compression;

    /** A writer with LZ4 compression, as DV records. */
    public Aedat4Writer() {
        this(Aedat4Compression.LZ4);
    }

    /**
     * A writer with the given compression.
     *
     * @throws IllegalArgumentException for LZ4_HIGH and ZSTD_HIGH (no encoder here)
     */
    public Aedat4Writer(Aedat4Compression compression) {
        new Aedat4Compressor(compression); // fail at construction, not at the first write
        this.compression = compression;
    }

    @Override
    public WriteSummary write(EventArray events, int width, int height, Path out)
            throws IOException {
        if (width < 1 || width > MAX_SENSOR_SIZE || height < 1 || height > MAX_SENSOR_SIZE) {
            throw new IllegalArgumentException("AEDAT 4.0 holds sensors up to 32767 x 32767, not "
                    + width + " x " + height);
        }
        check(events, width, height);
        // the header's size does not depend on the table offset it holds: size it first, fill it in last
        byte[] header = Aedat4Layout.ioHeader(compression, 0, infoNode(width, height));
        long dataStart = (long) Aedat4Header.MAGIC.length + 4 + header.length;
        Body body = new Body(compression, events.size());
        body.packets(events, dataStart);
        header = Aedat4Layout.ioHeader(compression, dataStart + body.length, infoNode(width, height));
        byte[] finalHeader = header;
        long bytes = AtomicFiles.write(out, stream -> {
            stream.write(Aedat4Header.MAGIC);
            writeIntLE(stream, finalHeader.length);
            stream.write(finalHeader);
            stream.write(body.bytes, 0, body.length);
            body.table(stream);
        });
        return new WriteSummary(events.size(), bytes, 0);
    }

    private static void check(EventArray events, int width, int height) {
        for (int i = 0; i < events.size(); i++) {
            int x = events.x(i);
            int y = events.y(i);
            int p = events.polarity(i);
            if (x < 0 || x >= width || y < 0 || y >= height) {
                throw new IllegalArgumentException("event " + i + " at (" + x + ", " + y
                        + ") is outside the " + width + " x " + height + " sensor");
            }
            if (p != 0 && p != 1) {
                throw new IllegalArgumentException("event " + i + " has polarity " + p
                        + "; AEDAT 4.0 holds 0 or 1");
            }
        }
    }

    /** The infoNode XML in DV's shape, declaring the one event stream. */
    private String infoNode(int width, int height) {
        return String.format(Locale.ROOT, """
                <dv version="2.0">
                    <node name="outInfo" path="/mainloop/Recorder/outInfo/">
                        <node name="0" path="/mainloop/Recorder/outInfo/0/">
                            <attr key="compression" type="string">%s</attr>
                            <attr key="originalModuleName" type="string">neuroedge</attr>
                            <attr key="originalOutputName" type="string">events</attr>
                            <attr key="typeDescription" type="string">Array of events (polarity ON/OFF).</attr>
                            <attr key="typeIdentifier" type="string">EVTS</attr>
                            <node name="info" path="/mainloop/Recorder/outInfo/0/info/">
                                <attr key="sizeX" type="int">%d</attr>
                                <attr key="sizeY" type="int">%d</attr>
                                <attr key="source" type="string">NeuroEdge</attr>
                                <attr key="tsOffset" type="long">0</attr>
                            </node>
                        </node>
                    </node>
                </dv>
                """, compression.name(), width, height);
    }

    private static void writeIntLE(OutputStream out, int v) throws IOException {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    /** The packets of one write, compressed in memory, and their table entries. */
    private static final class Body {
        private final Aedat4Compressor compressor;
        private final int packets;
        private final long[] offset;
        private final int[] size;
        private final long[] elements;
        private final long[] tStart;
        private final long[] tEnd;
        byte[] bytes = new byte[64 * 1024];
        int length;

        Body(Aedat4Compression compression, int events) {
            compressor = new Aedat4Compressor(compression);
            packets = (events + PACKET_EVENTS - 1) / PACKET_EVENTS;
            offset = new long[packets];
            size = new int[packets];
            elements = new long[packets];
            tStart = new long[packets];
            tEnd = new long[packets];
        }

        void packets(EventArray events, long dataStart) {
            byte[] raw = new byte[Aedat4Layout.eventPacketBytes(PACKET_EVENTS)];
            for (int k = 0; k < packets; k++) {
                int from = k * PACKET_EVENTS;
                int count = Math.min(PACKET_EVENTS, events.size() - from);
                int rawLength = Aedat4Layout.eventPacket(events, from, count, raw);
                int n = compressor.compress(raw, rawLength);
                ensure(length + PACKET_HEADER_BYTES + n);
                Bytes.putIntLE(bytes, length, STREAM_ID);
                Bytes.putIntLE(bytes, length + 4, n);
                System.arraycopy(compressor.output(), 0, bytes, length + PACKET_HEADER_BYTES, n);
                offset[k] = dataStart + length + PACKET_HEADER_BYTES;
                size[k] = n;
                elements[k] = count;
                tStart[k] = events.timeUs(from);
                tEnd[k] = events.timeUs(from + count - 1);
                length += PACKET_HEADER_BYTES + n;
            }
        }

        /** Writes the compressed FileDataTable (no packet header: the header points at it). */
        void table(OutputStream out) throws IOException {
            int[] streams = new int[packets]; // all STREAM_ID = 0
            byte[] table = Aedat4Layout.fileDataTable(packets, offset, streams, size, elements,
                    tStart, tEnd);
            int n = compressor.compress(table, table.length);
            out.write(compressor.output(), 0, n);
        }

        private void ensure(int capacity) {
            if (capacity < 0) {
                throw new IllegalArgumentException("AEDAT 4.0 body exceeds 2 GiB in memory");
            }
            if (bytes.length < capacity) {
                bytes = Arrays.copyOf(bytes, (int) Math.max(capacity, Math.min(Integer.MAX_VALUE - 8,
                        2L * bytes.length)));
            }
        }
    }
}
