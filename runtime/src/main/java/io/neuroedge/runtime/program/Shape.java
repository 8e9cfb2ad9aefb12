package io.neuroedge.runtime.program;

/** Channel-major tensor shape (C, H, W); a vector of N values is (N, 1, 1). */
public record Shape(int channels, int height, int width) {

    public Shape {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("shape dimensions must be positive: " + channels + "x" + height + "x" + width);
        }
    }

    public static Shape vector(int n) {
        return new Shape(n, 1, 1);
    }

    /** Number of elements, or -1 if it does not fit in an int. */
    public int size() {
        long n = (long) channels * height * width;
        return n > Integer.MAX_VALUE ? -1 : (int) n;
    }

    public int pixels() {
        return height * width;
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
