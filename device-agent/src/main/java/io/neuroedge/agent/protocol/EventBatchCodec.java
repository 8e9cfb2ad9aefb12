package io.neuroedge.agent.protocol;

import com.google.protobuf.ByteString;
import io.neuroedge.proto.agent.EventBatch;

/**
 * Packs camera events into an {@link EventBatch} and unpacks them, with the layout documented in
 * {@code agent.proto}: times as deltas from {@code t0_us}, {@code x | y << 16} coordinates and one
 * polarity bit per event, least significant bit first. Pure functions; inputs are never modified.
 * For streaming a received batch into the runtime without per-event allocation use
 * {@link EventBatchDecoder#forEach}.
 */
public final class EventBatchCodec {

    /** Largest coordinate that fits the 16-bit halves of {@code xy}. */
    public static final int MAX_COORDINATE = 0xFFFF;

    private static final long MAX_DELTA_US = 0xFFFF_FFFFL;

    private EventBatchCodec() {
    }

    /** Events as parallel arrays, all of the same length. */
    public record Events(long[] timeUs, int[] x, int[] y, int[] polarity) {

        public Events {
            int n = timeUs.length;
            if (x.length != n || y.length != n || polarity.length != n) {
                throw new IllegalArgumentException("arrays differ in length: timeUs " + n + ", x " + x.length
                        + ", y " + y.length + ", polarity " + polarity.length);
            }
        }

        public int size() {
            return timeUs.length;
        }
    }

    /**
     * Packs {@code events} into one batch. {@code t0_us} is the first event's time, so the first
     * delta is 0.
     *
     * @throws IllegalArgumentException naming the field, if a coordinate is outside 0..65535, a
     *         polarity is not 0 or 1, times decrease, or two consecutive times are more than
     *         2<sup>32</sup>-1 µs apart
     */
    public static EventBatch pack(int streamId, long sequence, Events events) {
        int n = events.size();
        EventBatch.Builder b = EventBatch.newBuilder().setStreamId(streamId).setSequence(sequence);
        byte[] bits = new byte[(n + 7) >>> 3];
        long previous = n == 0 ? 0 : events.timeUs()[0];
        b.setT0Us(previous);
        for (int i = 0; i < n; i++) {
            int x = events.x()[i];
            int y = events.y()[i];
            int p = events.polarity()[i];
            long t = events.timeUs()[i];
            checkCoordinate("x", i, x);
            checkCoordinate("y", i, y);
            if (p != 0 && p != 1) {
                throw new IllegalArgumentException("polarity[" + i + "] must be 0 or 1: " + p);
            }
            long dt = t - previous;
            if (dt < 0 || dt > MAX_DELTA_US) {
                throw new IllegalArgumentException("timeUs[" + i + "] = " + t + " is " + dt
                        + " us after the previous event; dt_us must be in 0.." + MAX_DELTA_US);
            }
            b.addDtUs((int) dt);
            b.addXy(x | y << 16);
            bits[i >>> 3] |= (byte) (p << (i & 7));
            previous = t;
        }
        return b.setPolarityBits(ByteString.copyFrom(bits)).build();
    }

    /**
     * Unpacks every event of {@code batch}.
     *
     * @throws IllegalArgumentException as {@link #validate}
     */
    public static Events unpack(EventBatch batch) {
        int n = validate(batch);
        long[] t = new long[n];
        int[] x = new int[n];
        int[] y = new int[n];
        int[] p = new int[n];
        int[] next = {0}; // events arrive in order: the write index is the count so far
        EventBatchDecoder.forEach(batch, (xi, yi, pi, ti) -> {
            int i = next[0]++;
            t[i] = ti;
            x[i] = xi;
            y[i] = yi;
            p[i] = pi;
        });
        return new Events(t, x, y, p);
    }

    /**
     * Checks the structural rules a received batch must satisfy before its events are read.
     *
     * @return the number of events
     * @throws IllegalArgumentException naming the offending field: {@code dt_us} and {@code xy} of
     *         different lengths, {@code polarity_bits} shorter than one bit per event, or times
     *         that overflow {@code t0_us}
     */
    public static int validate(EventBatch batch) {
        int n = batch.getDtUsCount();
        if (batch.getXyCount() != n) {
            throw new IllegalArgumentException("xy has " + batch.getXyCount() + " entries but dt_us has " + n);
        }
        int needed = (n + 7) >>> 3;
        if (batch.getPolarityBits().size() < needed) {
            throw new IllegalArgumentException("polarity_bits has " + batch.getPolarityBits().size()
                    + " bytes but " + n + " events need " + needed);
        }
        // the last time is the largest; if it fits a long every earlier one does (deltas are unsigned)
        long span = 0;
        for (int i = 0; i < n; i++) {
            span += Integer.toUnsignedLong(batch.getDtUs(i));
        }
        if (batch.getT0Us() > Long.MAX_VALUE - span) {
            throw new IllegalArgumentException("t0_us " + batch.getT0Us() + " plus dt_us total " + span + " overflows");
        }
        return n;
    }

    private static void checkCoordinate(String field, int i, int v) {
        if (v < 0 || v > MAX_COORDINATE) {
            throw new IllegalArgumentException(field + "[" + i + "] must be in 0.." + MAX_COORDINATE + ": " + v);
        }
    }
}
