package io.neuroedge.agent.protocol;

import io.netty.buffer.ByteBuf;

/**
 * Reads protobuf varints from a {@link ByteBuf} at absolute indices, without allocating. A reader
 * keeps its position in a field, so one instance per thread serves a whole scan.
 */
final class Varints {

    /** Position after the last read; -1 after a malformed or truncated varint. */
    int position;

    /**
     * Reads the varint at {@code index} (at most 10 bytes, not past {@code limit}).
     *
     * @return its value; check {@link #position} for -1 (malformed)
     */
    long read(ByteBuf buf, int index, int limit) {
        long result = 0;
        for (int shift = 0, i = index; shift < 64 && i < limit; shift += 7, i++) {
            byte b = buf.getByte(i);
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                position = i + 1;
                return result;
            }
        }
        position = -1;
        return 0;
    }
}
