package io.neuroedge.runtime.input;

/** Sensor size checks shared by the filters that keep one value per pixel. */
final class PixelGrid {

    private PixelGrid() {
    }

    /** Pixels in a {@code width x height} sensor; rejects sizes an array cannot hold. */
    static int pixels(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("sensor size must be positive: " + width + " x " + height);
        }
        long pixels = (long) width * height;
        if (pixels > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("sensor too large: " + width + " x " + height);
        }
        return (int) pixels;
    }

    /** Rejects a negative time parameter. */
    static long nonNegative(String name, long valueUs) {
        if (valueUs < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + valueUs);
        }
        return valueUs;
    }
}
