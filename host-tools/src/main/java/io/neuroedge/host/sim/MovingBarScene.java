package io.neuroedge.host.sim;

import io.neuroedge.events.EventArray;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A toy motion dataset: a bright bar crossing a dark sensor, label = direction of motion
 * ({@link #RIGHT} 0, {@link #LEFT} 1, {@link #DOWN} 2, {@link #UP} 3; recording {@code i} moves
 * in direction {@code i % 4}, so classes are balanced). The bar spans the sensor, is
 * {@value #BAR_PIXELS} pixels wide, and enters and leaves completely within
 * {@value #DURATION_US} µs (frames every millisecond); its edges are drawn with fractional pixel
 * coverage so events follow sub-pixel motion. Each recording also gets its own speed jitter
 * (±20 %) from its seed, so recordings differ beyond their direction.
 */
public final class MovingBarScene implements Scene {

    public static final int RIGHT = 0;
    public static final int LEFT = 1;
    public static final int DOWN = 2;
    public static final int UP = 3;
    static final int BAR_PIXELS = 3;
    static final long DURATION_US = 300_000;
    private static final long FRAME_US = 1_000;
    private static final float BACKGROUND = 0.05f;

    private final int count;
    private final int size;

    /** {@code count} recordings on a {@code size x size} sensor. */
    public MovingBarScene(int count, int size) {
        if (count < 0) {
            throw new IllegalArgumentException("recording count must be >= 0: " + count);
        }
        if (size < 4) {
            throw new IllegalArgumentException("sensor size must be >= 4: " + size);
        }
        this.count = count;
        this.size = size;
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public int width() {
        return size;
    }

    @Override
    public int height() {
        return size;
    }

    @Override
    public int label(int index) {
        return Objects.checkIndex(index, count) % 4;
    }

    @Override
    public EventArray record(int index, DvsParameters parameters) {
        int direction = label(index);
        // speed jitter from the seed: the sweep covers its path in 80..100 % of the duration
        double fraction = 0.8 + 0.2 * new SplittableRandom(parameters.seed()).nextDouble();
        long frames = DURATION_US / FRAME_US;
        double path = size + BAR_PIXELS;
        DvsSimulator simulator = new DvsSimulator(size, size, parameters);
        EventArray events = new EventArray();
        float[] frame = new float[size * size];
        float[] profile = new float[size];
        for (long f = 0; f <= frames; f++) {
            double u = Math.min(1.0, f / (fraction * frames));
            double lead = -BAR_PIXELS + u * path; // bar covers [lead, lead + BAR_PIXELS) along the motion
            for (int k = 0; k < size; k++) {
                double cover = Math.max(0, Math.min(k + 1, lead + BAR_PIXELS) - Math.max(k, lead));
                profile[k] = (float) (BACKGROUND + (1 - BACKGROUND) * cover);
            }
            fill(frame, profile, direction);
            simulator.frame(frame, f * FRAME_US, events);
        }
        return events;
    }

    /** Spreads the 1-D profile over the frame along the direction of motion. */
    private void fill(float[] frame, float[] profile, int direction) {
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int k = switch (direction) {
                    case RIGHT -> x;
                    case LEFT -> size - 1 - x;
                    case DOWN -> y;
                    default -> size - 1 - y;
                };
                frame[y * size + x] = profile[k];
            }
        }
    }
}
