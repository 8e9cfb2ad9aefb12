package io.neuroedge.host.eval;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * A "done of total" progress line on stderr for work spread over worker threads ({@code eval}):
 * redrawn in place at most ten times a second, with the rate, and ended with a newline when the
 * last item is done, so a log keeps one final line.
 */
public final class CountProgress implements IntConsumer {

    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final String what;
    private final int total;
    private final long start = System.nanoTime();
    private long lastDraw;

    public CountProgress(PrintWriter err, String what, int total) {
        this.err = err;
        this.what = what;
        this.total = total;
    }

    /** Called by a worker after each item; draws under a lock, skipping redraws that come too soon. */
    @Override
    public synchronized void accept(int done) {
        long now = System.nanoTime();
        boolean last = done >= total;
        if (!last && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        err.printf(Locale.ROOT, "\r%s: %d/%d (%.0f %%), %.0f/s ", what, done, total, 100.0 * done / total, done / seconds);
        if (last) {
            err.println();
        }
        err.flush();
    }
}
