package io.neuroedge.events.aedat;

import io.neuroedge.events.EventArray;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Byte layouts of the three FlatBuffers an AEDAT 4 writer produces, laid out front to back by
 * hand (fixed shapes; no FlatBuffers builder needed): the IOHeader, an EVTS
 * {@code EventPacket} and the {@code FileDataTable}. Tables, vectors and 64-bit fields are
 * aligned as a FlatBuffers builder would align them, relative to the buffer start.
 * {@link FlatBufferView} reads all three back.
 */
final class Aedat4Layout {

    /** Bytes per {@code Event} struct: int64 t, int16 x, int16 y, bool polarity, 3 padding. */
    static final int EVENT_BYTES = 16;
    /** Bytes of an EventPacket before its first event (size prefix included). */
    static final int EVENT_PACKET_HEADER = 32;
    /** Bytes of one FileDataDefinition table. */
    private static final int DEFINITION_BYTES = 48;

    private Aedat4Layout() {
    }

    /**
     * The IOHeader FlatBuffer (not size-prefixed; the file carries its size before it), in DV's
     * own layout: vtable at 8, table at 24 with compression at +4, infoNode at +8,
     * dataTablePosition at +12, then the infoNode string.
     */
    static byte[] ioHeader(Aedat4Compression compression, long dataTablePosition, String infoNode) {
        byte[] xml = infoNode.getBytes(StandardCharsets.UTF_8);
        int string = 48;
        byte[] b = new byte[align(string + 4 + xml.length + 1, 4)]; // string is NUL-terminated
        Bytes.putIntLE(b, 0, 24);                   // root table
        putId(b, 4, "IOHE");
        Bytes.putShortLE(b, 8, 10);                 // vtable: 3 fields
        Bytes.putShortLE(b, 10, 24);                // table size
        Bytes.putShortLE(b, 12, 4);                 // compression
        Bytes.putShortLE(b, 14, 12);                // dataTablePosition
        Bytes.putShortLE(b, 16, 8);                 // infoNode
        Bytes.putIntLE(b, 24, 24 - 8);              // table -> vtable
        Bytes.putIntLE(b, 28, compression.ordinal());
        Bytes.putIntLE(b, 32, string - 32);
        Bytes.putLongLE(b, 36, dataTablePosition);
        Bytes.putIntLE(b, string, xml.length);
        System.arraycopy(xml, 0, b, string + 4, xml.length);
        return b;
    }

    /**
     * Writes the size-prefixed EVTS EventPacket of events {@code from .. from + count} into
     * {@code b} (at least {@link #eventPacketBytes(int)} long).
     *
     * @return the packet's length
     */
    static int eventPacket(EventArray events, int from, int count, byte[] b) {
        int length = eventPacketBytes(count);
        Arrays.fill(b, 0, EVENT_PACKET_HEADER, (byte) 0);
        Bytes.putIntLE(b, 0, length - 4);           // size prefix
        Bytes.putIntLE(b, 4, 20 - 4);               // root table, relative to the buffer at 4
        putId(b, 8, Aedat4Stream.EVENTS);
        Bytes.putShortLE(b, 12, 6);                 // vtable: 1 field
        Bytes.putShortLE(b, 14, 8);                 // table size
        Bytes.putShortLE(b, 16, 4);                 // elements
        Bytes.putIntLE(b, 20, 20 - 12);             // table -> vtable
        Bytes.putIntLE(b, 24, 28 - 24);             // -> vector
        Bytes.putIntLE(b, 28, count);               // elements start at 32: 8-byte aligned
        for (int i = 0, e = EVENT_PACKET_HEADER; i < count; i++, e += EVENT_BYTES) {
            int k = from + i;
            Bytes.putLongLE(b, e, events.timeUs(k));
            Bytes.putShortLE(b, e + 8, events.x(k));
            Bytes.putShortLE(b, e + 10, events.y(k));
            b[e + 12] = (byte) events.polarity(k);
            b[e + 13] = b[e + 14] = b[e + 15] = 0;
        }
        return length;
    }

    /** Length of an EventPacket of {@code count} events. */
    static int eventPacketBytes(int count) {
        return EVENT_PACKET_HEADER + count * EVENT_BYTES;
    }

    /**
     * The size-prefixed FileDataTable with one FileDataDefinition per packet; all arrays are
     * indexed by packet, and {@code byteOffset} is the packet's payload offset (header + 8).
     */
    static byte[] fileDataTable(int packets, long[] byteOffset, int[] streamId, int[] size,
            long[] elements, long[] tStart, long[] tEnd) {
        int vtable = 32 + 4 * packets;
        int first = align(vtable + 14, 8);
        byte[] b = new byte[first + packets * DEFINITION_BYTES];
        Bytes.putIntLE(b, 0, b.length - 4);
        Bytes.putIntLE(b, 4, 20 - 4);
        putId(b, 8, "FTAB");
        Bytes.putShortLE(b, 12, 6);                 // FileDataTable vtable: 1 field
        Bytes.putShortLE(b, 14, 8);
        Bytes.putShortLE(b, 16, 4);
        Bytes.putIntLE(b, 20, 20 - 12);
        Bytes.putIntLE(b, 24, 28 - 24);
        Bytes.putIntLE(b, 28, packets);
        // one vtable shared by every FileDataDefinition
        Bytes.putShortLE(b, vtable, 14);
        Bytes.putShortLE(b, vtable + 2, DEFINITION_BYTES);
        Bytes.putShortLE(b, vtable + 4, 16);        // ByteOffset
        Bytes.putShortLE(b, vtable + 6, 4);         // PacketInfo struct {StreamID, Size}
        Bytes.putShortLE(b, vtable + 8, 24);        // NumElements
        Bytes.putShortLE(b, vtable + 10, 32);       // TimestampStart
        Bytes.putShortLE(b, vtable + 12, 40);       // TimestampEnd
        for (int i = 0; i < packets; i++) {
            int t = first + i * DEFINITION_BYTES;
            Bytes.putIntLE(b, 32 + 4 * i, t - (32 + 4 * i));
            Bytes.putIntLE(b, t, t - vtable);
            Bytes.putIntLE(b, t + 4, streamId[i]);
            Bytes.putIntLE(b, t + 8, size[i]);
            Bytes.putLongLE(b, t + 16, byteOffset[i]);
            Bytes.putLongLE(b, t + 24, elements[i]);
            Bytes.putLongLE(b, t + 32, tStart[i]);
            Bytes.putLongLE(b, t + 40, tEnd[i]);
        }
        return b;
    }

    private static void putId(byte[] b, int at, String id) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) id.charAt(i);
        }
    }

    private static int align(int n, int to) {
        return (n + to - 1) / to * to;
    }
}
