package io.neuroedge.agent.protocol;

import io.netty.buffer.ByteBuf;

/**
 * Where the fields of a serialized {@code EventBatch} lie in a buffer, found by {@link #scan}
 * without parsing the events, and checked by {@link #validate} against the rules of
 * {@link EventBatchCodec#validate} (same messages). Mutable and reusable: one instance per thread.
 * Anything this fast path does not handle (unpacked repeated fields, a field given twice, overlong
 * varints) makes {@link #scan} return false; callers then use the protobuf parser.
 */
public final class ScannedBatch {

    private final Varints v = new Varints();
    int streamId;
    long sequence;
    long t0;
    int dtFrom;
    int dtTo;
    int xyFrom;
    int xyTo;
    int bitsFrom;
    int bitsLength;
    boolean closeWindow;
    int count;

    /**
     * Locates the fields of the batch in {@code buf[from, to)}.
     *
     * @return false if the bytes are not in the simple form this scanner reads (not necessarily
     *         invalid: parse them with protobuf then)
     */
    public boolean scan(ByteBuf buf, int from, int to) {
        streamId = 0;
        sequence = 0;
        t0 = 0;
        dtFrom = dtTo = xyFrom = xyTo = bitsFrom = bitsLength = 0;
        closeWindow = false;
        count = -1;
        int seen = 0;
        int i = from;
        while (i < to) {
            long tag = v.read(buf, i, to);
            if (v.position < 0) {
                return false;
            }
            i = v.position;
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            if (field < 1 || field > 7 || (seen & (1 << field)) != 0) {
                return false; // unknown or repeated field: let protobuf decide
            }
            seen |= 1 << field;
            if (wire == 0 && field <= 3 || wire == 0 && field == 7) {
                long value = v.read(buf, i, to);
                if (v.position < 0) {
                    return false;
                }
                i = v.position;
                switch (field) {
                    case 1 -> streamId = (int) value;
                    case 2 -> sequence = value;
                    case 3 -> t0 = (value >>> 1) ^ -(value & 1); // zigzag (sint64)
                    default -> closeWindow = value != 0;
                }
            } else if (wire == 2 && field >= 4 && field <= 6) {
                long length = v.read(buf, i, to);
                if (v.position < 0 || length < 0 || length > to - v.position) {
                    return false;
                }
                int start = v.position;
                int end = start + (int) length;
                switch (field) {
                    case 4 -> {
                        dtFrom = start;
                        dtTo = end;
                    }
                    case 5 -> {
                        xyFrom = start;
                        xyTo = end;
                    }
                    default -> {
                        bitsFrom = start;
                        bitsLength = (int) length;
                    }
                }
                i = end;
            } else {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks the batch as {@link EventBatchCodec#validate} does: equal numbers of {@code dt_us} and
     * {@code xy}, enough polarity bits, no time overflow; also that every packed value is a
     * well-formed varint of at most 5 bytes.
     *
     * @return the number of events
     * @throws IllegalArgumentException naming the field
     */
    public int validate(ByteBuf buf) {
        long span = 0;
        int n = 0;
        for (int i = dtFrom; i < dtTo; n++) {
            long dt = v.read(buf, i, Math.min(dtTo, i + 5));
            if (v.position < 0 || dt > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("dt_us[" + n + "] is not a 32-bit varint");
            }
            span += dt;
            i = v.position;
        }
        int m = 0;
        for (int i = xyFrom; i < xyTo; m++) {
            long xy = v.read(buf, i, Math.min(xyTo, i + 5));
            if (v.position < 0 || xy > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("xy[" + m + "] is not a 32-bit varint");
            }
            i = v.position;
        }
        if (m != n) {
            throw new IllegalArgumentException("xy has " + m + " entries but dt_us has " + n);
        }
        int needed = (n + 7) >>> 3;
        if (bitsLength < needed) {
            throw new IllegalArgumentException("polarity_bits has " + bitsLength + " bytes but " + n + " events need " + needed);
        }
        if (t0 > Long.MAX_VALUE - span) {
            throw new IllegalArgumentException("t0_us " + t0 + " plus dt_us total " + span + " overflows");
        }
        count = n;
        return n;
    }

    /**
     * Delivers the events of a batch that {@link #scan} located in {@code buf} and
     * {@link #validate} accepted, in order, allocating nothing. Engine thread.
     *
     * @return the number of events delivered
     */
    public int forEach(ByteBuf buf, io.neuroedge.runtime.input.EventSink sink) {
        long t = t0;
        int n = 0;
        int x = xyFrom;
        for (int d = dtFrom; d < dtTo; n++) {
            // inline varint reads: this loop runs for every event the sensor produces
            int dt = 0;
            int shift = 0;
            byte b;
            do {
                b = buf.getByte(d++);
                dt |= (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            int xy = 0;
            shift = 0;
            do {
                b = buf.getByte(x++);
                xy |= (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            t += Integer.toUnsignedLong(dt);
            int polarity = (buf.getByte(bitsFrom + (n >>> 3)) >>> (n & 7)) & 1;
            sink.event(xy & 0xFFFF, xy >>> 16, polarity, t);
        }
        return n;
    }

    /** Whether the batch has at least one event (known after {@link #scan}). */
    public boolean hasEvents() {
        return dtTo > dtFrom;
    }

    public boolean closeWindow() {
        return closeWindow;
    }

    /** Events counted by {@link #validate}; -1 before. */
    public int count() {
        return count;
    }

    /** Base time of the batch. */
    public long t0() {
        return t0;
    }

    public long sequence() {
        return sequence;
    }

    public int streamId() {
        return streamId;
    }
}
