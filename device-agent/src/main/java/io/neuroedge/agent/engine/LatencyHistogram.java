package io.neuroedge.agent.engine;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies in microseconds, log-linear buckets (exact below 128 µs, then 64 buckets per power of
 * two: under 1.6 % error), written by one thread and read by any. Reading takes a snapshot and can
 * subtract an earlier one, so percentiles cover "since the last report" without resetting.
 * Recording allocates nothing.
 */
public final class LatencyHistogram {

    static final int BUCKETS = 128 + 25 * 64;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    /** Single writer. */
    public void record(long micros) {
        int i = index(micros);
        counts.setRelease(i, counts.getPlain(i) + 1);
    }

    /** A copy of the counts. */
    public long[] snapshot() {
        long[] s = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            s[i] = counts.getAcquire(i);
        }
        return s;
    }

    /**
     * The {@code q}-quantile (0..1) of {@code now - before} (before may be null), in µs; 0 if
     * nothing was recorded in between.
     */
    public static long percentile(long[] now, long[] before, double q) {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            total += now[i] - (before == null ? 0 : before[i]);
        }
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += now[i] - (before == null ? 0 : before[i]);
            if (seen >= rank) {
                return upperBound(i);
            }
        }
        return upperBound(BUCKETS - 1);
    }

    static int index(long micros) {
        long v = Math.max(0, Math.min(micros, (1L << 32) - 1));
        if (v < 128) {
            return (int) v;
        }
        int msb = 63 - Long.numberOfLeadingZeros(v); // 7..31
        int shift = msb - 6;
        return 128 + (msb - 7) * 64 + (int) ((v >>> shift) - 64);
    }

    /** Largest value that falls into bucket {@code i}. */
    static long upperBound(int i) {
        if (i < 128) {
            return i;
        }
        int k = i - 128;
        int msb = k / 64 + 7;
        long sub = k % 64 + 64;
        int shift = msb - 6;
        return ((sub + 1) << shift) - 1;
    }
}
