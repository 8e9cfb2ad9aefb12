package io.neuroedge.host.train;

import io.neuroedge.runtime.learn.Trainer;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The training progress line on stderr: epoch, a bar, running loss and accuracy, samples/s. Redrawn
 * in place at most ten times a second; each finished epoch stays on its own line with its test
 * accuracy, so a log file keeps one line per epoch.
 */
public final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final int epochs;
    private long lastDraw;

    public ProgressBar(PrintWriter err, int epochs) {
        this.err = err;
        this.epochs = epochs;
    }

    /** Called by the trainer after each batch (on the training thread). */
    public void update(Trainer.Progress p) {
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS && p.samplesDone() < p.samplesTotal()) {
            return;
        }
        lastDraw = now;
        int filled = (int) ((long) WIDTH * p.samplesDone() / Math.max(1, p.samplesTotal()));
        err.printf(Locale.ROOT, "\repoch %d/%d [%s%s] %d/%d loss %.4f acc %.3f %.0f samples/s ", p.epoch() + 1, epochs,
                "#".repeat(filled), ".".repeat(WIDTH - filled), p.samplesDone(), p.samplesTotal(), p.meanLoss(),
                p.accuracy(), p.samplesPerSecond());
        err.flush();
    }

    /** Ends an epoch's line with its summary. */
    public void epochDone(Trainer.EpochResult r, double testAccuracy) {
        err.printf(Locale.ROOT, "\repoch %d/%d done: loss %.4f, train acc %.3f, test acc %.4f, %.1f s, %.0f samples/s%s%n",
                r.epoch() + 1, epochs, r.meanLoss(), r.trainAccuracy(), testAccuracy, r.seconds(), r.samplesPerSecond(),
                " ".repeat(20));
        err.flush();
    }
}
