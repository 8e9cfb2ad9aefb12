package io.neuroedge.host.sim;

/** Draws an image at a sub-pixel position on a black canvas by bilinear interpolation. */
final class ImageShift {

    private ImageShift() {
    }

    /**
     * Fills {@code canvas} ({@code w x h}) so that source pixel (r, c) lands at canvas position
     * ({@code top + r}, {@code left + c}); canvas pixels outside the image are 0.
     */
    static void render(float[] source, int rows, int cols, double left, double top, float[] canvas, int w, int h) {
        for (int y = 0; y < h; y++) {
            double sy = y - top;
            int y0 = (int) Math.floor(sy);
            double fy = sy - y0;
            for (int x = 0; x < w; x++) {
                double sx = x - left;
                int x0 = (int) Math.floor(sx);
                double fx = sx - x0;
                double v = (1 - fy) * ((1 - fx) * at(source, rows, cols, y0, x0) + fx * at(source, rows, cols, y0, x0 + 1))
                        + fy * ((1 - fx) * at(source, rows, cols, y0 + 1, x0) + fx * at(source, rows, cols, y0 + 1, x0 + 1));
                canvas[y * w + x] = (float) v;
            }
        }
    }

    private static float at(float[] source, int rows, int cols, int r, int c) {
        return r < 0 || c < 0 || r >= rows || c >= cols ? 0f : source[r * cols + c];
    }
}
