package io.neuroedge.agent.protocol;

import com.google.protobuf.ByteString;
import io.neuroedge.proto.agent.EventBatch;
import io.neuroedge.runtime.input.EventSink;

/**
 * The one codec of {@link EventBatch}, the layout documented in {@code agent.proto}: times as deltas
 * from {@code t0_us}, {@code x | y << 16} coordinates and one polarity bit per event, least
 * significant bit first.
 * <ul>
 *   <li><b>Senders</b> (the host's streamer and load generator) feed events into a {@link Packer},
 *       an {@link EventSink}, and take a batch from it; {@link #pack} is the strict form for
 *       events in arrays.</li>
 *   <li><b>Receivers</b> check a parsed batch with {@link #validate} and stream its events into an
 *       {@link EventSink} with {@link #forEach}, allocating nothing per event; the agent's ingest
 *       path reads the serialized bytes in place with {@link ScannedBatch}, under the same rules.</li>
 * </ul>
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
        Packer packer = new Packer(n);
        long previous = n == 0 ? 0 : events.timeUs()[0];
        for (int i = 0; i < n; i++) {
            int p = events.polarity()[i];
            long t = events.timeUs()[i];
            checkCoordinate("x", i, events.x()[i]);
            checkCoordinate("y", i, events.y()[i]);
            if (p != 0 && p != 1) {
                throw new IllegalArgumentException("polarity[" + i + "] must be 0 or 1: " + p);
            }
            long dt = t - previous;
            if (dt < 0 || dt > MAX_DELTA_US) {
                throw new IllegalArgumentException("timeUs[" + i + "] = " + t + " is " + dt
                        + " us after the previous event; dt_us must be in 0.." + MAX_DELTA_US);
            }
            packer.event(events.x()[i], events.y()[i], p, t);
            previous = t;
        }
        return packer.build(streamId, sequence, false);
    }

    /**
     * Collects events for one batch at a time: feed them as an {@link EventSink}, then {@link #build}
     * the batch (which empties the packer for the next). {@code t0_us} is the first event's time.
     * What a recording may hold but the wire cannot is adapted, not refused, so a stream never stops
     * on one odd event: a time earlier than the previous event's is sent as the previous time (the
     * agent counts such an event late, as it would have), a gap of more than 2<sup>32</sup>−1 µs is
     * shortened to that while later events keep their spacing (the agent restarts binning on far
     * smaller gaps), and any non-zero polarity is ON. Coordinates outside 0..65535 are refused. Reusable; not thread-safe.
     */
    public static final class Packer implements EventSink {

        private int[] dt;
        private int[] xy;
        private byte[] bits;
        private int count;
        private long t0;
        private long previous;      // the latest time fed, which the next delta is taken from

        public Packer() {
            this(1024);
        }

        /** @param capacity events to hold before the arrays grow */
        public Packer(int capacity) {
            int c = Math.max(8, capacity);
            dt = new int[c];
            xy = new int[c];
            bits = new byte[(c + 7) >>> 3];
        }

        /**
         * @throws IllegalArgumentException if {@code x} or {@code y} is outside 0..65535
         */
        @Override
        public void event(int x, int y, int polarity, long timeUs) {
            checkCoordinate("x", count, x);
            checkCoordinate("y", count, y);
            if (count == dt.length) {
                grow();
            }
            if (count == 0) {
                t0 = timeUs;
                previous = timeUs;
            }
            long delta = Math.min(MAX_DELTA_US, Math.max(0, timeUs - previous));
            previous = Math.max(previous, timeUs);
            dt[count] = (int) delta;
            xy[count] = x | y << 16;
            if (polarity != 0) {
                bits[count >>> 3] |= (byte) (1 << (count & 7));
            }
            count++;
        }

        /** Events collected since the last {@link #build}. */
        public int size() {
            return count;
        }

        /** The batch of the events collected so far; the packer is empty afterwards. */
        public EventBatch build(int streamId, long sequence, boolean closeWindow) {
            EventBatch.Builder b = EventBatch.newBuilder().setStreamId(streamId).setSequence(sequence)
                    .setCloseWindow(closeWindow).setT0Us(count == 0 ? 0 : t0);
            for (int i = 0; i < count; i++) {
                b.addDtUs(dt[i]);
                b.addXy(xy[i]);
            }
            b.setPolarityBits(ByteString.copyFrom(bits, 0, (count + 7) >>> 3));
            java.util.Arrays.fill(bits, 0, (count + 7) >>> 3, (byte) 0);
            count = 0;
            return b.build();
        }

        private void grow() {
            int c = dt.length * 2;
            dt = java.util.Arrays.copyOf(dt, c);
            xy = java.util.Arrays.copyOf(xy, c);
            bits = java.util.Arrays.copyOf(bits, (c + 7) >>> 3);
        }
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
        forEach(batch, (xi, yi, pi, ti) -> {
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

    /**
     * Validates {@code batch} as {@link #validate} does, then delivers its events in order to
     * {@code sink}, allocating nothing per event. Nothing reaches the sink if validation fails.
     *
     * @return the number of events delivered
     * @throws IllegalArgumentException naming the malformed field
     */
    public static int forEach(EventBatch batch, EventSink sink) {
        int n = validate(batch);
        ByteString polarity = batch.getPolarityBits();
        long t = batch.getT0Us();
        for (int i = 0; i < n; i++) {
            // getDtUs/getXy read the primitive IntList without boxing; byteAt does not copy
            t += Integer.toUnsignedLong(batch.getDtUs(i));
            int xy = batch.getXy(i);
            sink.event(xy & 0xFFFF, xy >>> 16, (polarity.byteAt(i >>> 3) >>> (i & 7)) & 1, t);
        }
        return n;
    }

    private static void checkCoordinate(String field, int i, int v) {
        if (v < 0 || v > MAX_COORDINATE) {
            throw new IllegalArgumentException(field + "[" + i + "] must be in 0.." + MAX_COORDINATE + ": " + v);
        }
    }
}
