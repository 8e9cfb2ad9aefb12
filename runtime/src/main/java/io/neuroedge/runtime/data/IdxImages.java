package io.neuroedge.runtime.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * Unsigned 8-bit grey images from an IDX file: {@code count} images of {@code rows x cols},
 * stored row-major one after another in {@code pixels}. The array is shared, not copied, so a
 * 60,000-image file is not held twice; {@link #image(int)} returns copies.
 *
 * @param count  number of images
 * @param rows   image height
 * @param cols   image width
 * @param pixels {@code count * rows * cols} bytes, read as unsigned
 */
public record IdxImages(int count, int rows, int cols, byte[] pixels) {

    /** Checks that the pixel array holds exactly {@code count * rows * cols} bytes. */
    public IdxImages {
        Objects.requireNonNull(pixels, "pixels");
        if (count < 0 || rows <= 0 || cols <= 0 || (long) count * rows * cols != pixels.length) {
            throw new IllegalArgumentException(count + " images of " + rows + "x" + cols
                    + " do not match " + pixels.length + " pixel bytes");
        }
    }

    /** Pixel count of one image. */
    public int imageSize() {
        return rows * cols;
    }

    /** Grey level 0..255 of image {@code index} at ({@code row}, {@code col}). */
    public int pixel(int index, int row, int col) {
        Objects.checkIndex(index, count);
        Objects.checkIndex(row, rows);
        Objects.checkIndex(col, cols);
        return pixels[index * imageSize() + row * cols + col] & 0xFF;
    }

    /** A copy of image {@code index}, row-major. */
    public byte[] image(int index) {
        Objects.checkIndex(index, count);
        int from = index * imageSize();
        return Arrays.copyOfRange(pixels, from, from + imageSize());
    }
}
