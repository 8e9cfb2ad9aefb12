package io.neuroedge.events.aedat;

import io.neuroedge.events.EventFormatException;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked read access to one FlatBuffer, enough for the AEDAT 4 tables without generated
 * code: root table, fields through the vtable (absent fields take their schema default), strings
 * and vectors. Every offset is untrusted input and checked against the buffer, so corrupt data
 * ends in an {@link EventFormatException} that names the buffer's file offset and the FlatBuffer
 * byte at fault.
 */
final class FlatBufferView {

    private final byte[] b;
    private final int base;
    private final int end;
    private final String source;
    private final long fileOffset;
    private int vectorLength;

    /**
     * @param b          the bytes holding the buffer
     * @param base       index of the buffer's first byte (its root offset) in {@code b}
     * @param end        index after the buffer's last byte
     * @param fileOffset file offset reported in errors: the buffer's, or its packet's when the
     *                   buffer was decompressed
     */
    FlatBufferView(byte[] b, int base, int end, String source, long fileOffset) {
        this.b = b;
        this.base = base;
        this.end = end;
        this.source = source;
        this.fileOffset = fileOffset;
    }

    /**
     * Wraps the size-prefixed buffer {@code b[0 .. length)} (uint32 size, then the buffer).
     */
    static FlatBufferView sizePrefixed(byte[] b, int length, String source, long fileOffset)
            throws EventFormatException {
        if (length < 4) {
            throw new EventFormatException(source, fileOffset,
                    "FlatBuffer of " + length + " bytes has no size prefix");
        }
        long size = Bytes.intLE(b, 0) & 0xFFFF_FFFFL;
        if (size > length - 4) {
            throw new EventFormatException(source, fileOffset, "FlatBuffer size prefix " + size
                    + " exceeds the " + (length - 4) + " bytes present");
        }
        return new FlatBufferView(b, 4, 4 + (int) size, source, fileOffset);
    }

    /** The file identifier (bytes 4..7 of the buffer), e.g. {@code "EVTS"}. */
    String identifier() throws EventFormatException {
        check(base, 8);
        return new String(b, base + 4, 4, StandardCharsets.ISO_8859_1);
    }

    /** Position of the root table, after checking the file identifier. */
    int root(String identifier) throws EventFormatException {
        String actual = identifier();
        if (!actual.equals(identifier)) {
            throw error(base + 4, "FlatBuffer identifier '" + printable(actual)
                    + "' where '" + identifier + "' was expected");
        }
        return uoffset(base);
    }

    /** Position of field {@code index} of the table at {@code table}, or -1 when it is absent. */
    int field(int table, int index) throws EventFormatException {
        check(table, 4);
        long vtable = (long) table - Bytes.intLE(b, table);
        if (vtable < base || vtable > end - 4) {
            throw error(table, "vtable outside the buffer");
        }
        int vt = (int) vtable;
        int vtableSize = Bytes.ushortLE(b, vt);
        int tableSize = Bytes.ushortLE(b, vt + 2);
        check(vt, vtableSize);
        check(table, tableSize);
        int entry = 4 + 2 * index;
        if (entry + 2 > vtableSize) {
            return -1;
        }
        int offset = Bytes.ushortLE(b, vt + entry);
        if (offset == 0) {
            return -1;
        }
        if (offset >= tableSize) {
            throw error(vt + entry, "field offset " + offset + " outside its table");
        }
        return table + offset;
    }

    /** An int32 field, or {@code def} when absent. */
    int int32(int table, int index, int def) throws EventFormatException {
        int p = field(table, index);
        if (p < 0) {
            return def;
        }
        check(p, 4);
        return Bytes.intLE(b, p);
    }

    /** An int64 field, or {@code def} when absent. */
    long int64(int table, int index, long def) throws EventFormatException {
        int p = field(table, index);
        if (p < 0) {
            return def;
        }
        check(p, 8);
        return Bytes.longLE(b, p);
    }

    /** A string field, or {@code ""} when absent. */
    String string(int table, int index) throws EventFormatException {
        int p = field(table, index);
        if (p < 0) {
            return "";
        }
        int s = uoffset(p);
        check(s, 4);
        long length = Bytes.intLE(b, s) & 0xFFFF_FFFFL;
        check(s + 4, length);
        return new String(b, s + 4, (int) length, StandardCharsets.UTF_8);
    }

    /**
     * Position of the first element of a vector field of {@code elementBytes}-byte elements, or
     * -1 when absent; its length is then in {@link #vectorLength()}.
     */
    int vector(int table, int index, int elementBytes) throws EventFormatException {
        vectorLength = 0;
        int p = field(table, index);
        if (p < 0) {
            return -1;
        }
        int v = uoffset(p);
        check(v, 4);
        long length = Bytes.intLE(b, v) & 0xFFFF_FFFFL;
        check(v + 4, length * elementBytes);
        vectorLength = (int) length;
        return v + 4;
    }

    /** Element count of the last {@link #vector}. */
    int vectorLength() {
        return vectorLength;
    }

    /** The target of the uoffset stored at {@code p}. */
    private int uoffset(int p) throws EventFormatException {
        check(p, 4);
        long target = p + (Bytes.intLE(b, p) & 0xFFFF_FFFFL);
        if (target >= end) {
            throw error(p, "offset points outside the buffer");
        }
        return (int) target;
    }

    private void check(long p, long n) throws EventFormatException {
        if (p < base || n < 0 || p + n > end) {
            throw error(p, "reference to " + n + " bytes outside the " + (end - base)
                    + "-byte buffer");
        }
    }

    private EventFormatException error(long p, String problem) {
        return new EventFormatException(source, fileOffset,
                "corrupt FlatBuffer at byte " + (p - base) + ": " + problem);
    }

    private static String printable(String s) {
        return s.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
