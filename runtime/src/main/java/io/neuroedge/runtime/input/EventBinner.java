package io.neuroedge.runtime.input;

import io.neuroedge.runtime.program.InputPlan;
import io.neuroedge.runtime.program.Shape;

import java.util.Arrays;
import java.util.Objects;

/**
 * Bins camera events into time steps as the program's input spec says: crop, downsample, map
 * polarity to channel, count events per element (saturating at {@code max_count}), and hand each
 * finished bin to a {@link StepSink} (normally {@code engine::step}). Bins start at the first
 * event's timestamp; empty bins inside a recording still become steps so that leaks run.
 *
 * <p>Robust to bad streams: events outside the cropped sensor window are dropped and counted;
 * an event older than the current bin is counted into the current bin ({@link #lateEvents()});
 * a forward jump of more than {@code maxGapSteps} bins is not stepped through but restarts binning
 * at the new time ({@link #gapRestarts()}), so a corrupt timestamp cannot stall the engine.
 * Allocation-free per event. Not thread-safe: use on the engine thread.
 */
public final class EventBinner implements EventSink {

    /** Receives one finished time bin. */
    @FunctionalInterface
    public interface StepSink {
        void step(byte[] counts);
    }

    private final InputPlan.EventMapping mapping;
    private final int width;
    private final int height;
    private final int plane;
    private final int maxCount;
    private final long maxGapSteps;
    private final byte[] bin;
    private final StepSink sink;
    private boolean started;
    private long binStart;
    private long steps;
    private long binned;
    private long outside;
    private long late;
    private long gapRestarts;

    public EventBinner(InputPlan input, StepSink sink) {
        this(input, sink, 1_000_000);
    }

    public EventBinner(InputPlan input, StepSink sink, long maxGapSteps) {
        this.mapping = input.events().orElseThrow(() ->
                new IllegalArgumentException("the program has no event encoding in its input spec"));
        Shape shape = input.shape();
        this.width = shape.width();
        this.height = shape.height();
        this.plane = width * height;
        this.maxCount = input.maxCount();
        this.maxGapSteps = maxGapSteps;
        this.bin = new byte[shape.size()];
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public void event(int x, int y, int polarity, long timeUs) {
        if (!started) {
            started = true;
            binStart = timeUs;
        }
        if (timeUs < binStart) {
            late++;
        } else {
            long ahead = (timeUs - binStart) / mapping.binUs();
            if (ahead > maxGapSteps) {
                emit();
                gapRestarts++;
                binStart = timeUs;
            } else {
                for (long i = 0; i < ahead; i++) {
                    emit();
                    binStart += mapping.binUs();
                }
            }
        }
        int cx = x - mapping.cropX();
        int cy = y - mapping.cropY();
        int shift = mapping.downsampleShift();
        if (cx < 0 || cy < 0 || (cx >> shift) >= width || (cy >> shift) >= height) {
            outside++;
            return;
        }
        int channel = polarity != 0 ? mapping.onChannel() : mapping.offChannel();
        int index = channel * plane + (cy >> shift) * width + (cx >> shift);
        if (bin[index] < maxCount) {
            bin[index]++;
        }
        binned++;
    }

    /** Steps the last, partial bin (end of a recording). Does nothing if no event arrived. */
    public void flush() {
        if (started) {
            emit();
            started = false;
        }
    }

    /** Forgets the current bin and time base, e.g. between two recordings. Counters are kept. */
    public void restart() {
        Arrays.fill(bin, (byte) 0);
        started = false;
    }

    private void emit() {
        sink.step(bin);
        Arrays.fill(bin, (byte) 0);
        steps++;
    }

    /** Bins handed to the sink so far. */
    public long steps() {
        return steps;
    }

    /** Events counted into a bin. */
    public long binnedEvents() {
        return binned;
    }

    /** Events dropped because they fell outside the cropped, downsampled window. */
    public long outsideEvents() {
        return outside;
    }

    /** Events older than the current bin (counted into it). */
    public long lateEvents() {
        return late;
    }

    /** Times a timestamp jump beyond the gap limit restarted binning. */
    public long gapRestarts() {
        return gapRestarts;
    }
}
