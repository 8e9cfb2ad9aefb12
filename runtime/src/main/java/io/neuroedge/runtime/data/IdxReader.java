package io.neuroedge.runtime.data;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads unsigned-byte IDX files (the MNIST layout), plain or gzip-compressed (detected from the
 * content, not the name). Images have magic {@code 0x00000803} and three big-endian dimensions
 * (count, rows, cols); labels have magic {@code 0x00000801} and one (count). The data must fill
 * exactly the stated dimensions: short files and trailing bytes are both errors.
 */
public final class IdxReader {

    /** Magic of a 3-dimensional unsigned-byte array. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic of a 1-dimensional unsigned-byte array. */
    public static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {
    }

    /** Reads an image file ({@value #IMAGES_MAGIC} magic). */
    public static IdxImages readImages(Path file) throws IOException {
        byte[] data = content(file);
        String name = file.toString();
        checkMagic(name, data, IMAGES_MAGIC, "images");
        int count = dimension(name, data, 0);
        int rows = dimension(name, data, 1);
        int cols = dimension(name, data, 2);
        if (rows == 0 || cols == 0) {
            throw new IdxFormatException(name, 8, "image size " + rows + "x" + cols + " is empty");
        }
        byte[] pixels = payload(name, data, 16, (long) count * rows * cols);
        return new IdxImages(count, rows, cols, pixels);
    }

    /** Reads a label file ({@value #LABELS_MAGIC} magic); one unsigned byte per sample. */
    public static byte[] readLabels(Path file) throws IOException {
        byte[] data = content(file);
        String name = file.toString();
        checkMagic(name, data, LABELS_MAGIC, "labels");
        int count = dimension(name, data, 0);
        return payload(name, data, 8, count);
    }

    /** Reads an image file and its label file and checks there is one label per image. */
    public static IdxDataset readDataset(Path images, Path labels) throws IOException {
        IdxImages i = readImages(images);
        byte[] l = readLabels(labels);
        if (l.length != i.count()) {
            throw new IdxFormatException(labels.toString(), 4, l.length + " labels, but " + images
                    + " holds " + i.count() + " images");
        }
        return new IdxDataset(i, l);
    }

    /** The file's bytes, decompressed when they start with the gzip signature. */
    private static byte[] content(Path file) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        if (raw.length < 2 || (raw[0] & 0xFF) != 0x1F || (raw[1] & 0xFF) != 0x8B) {
            return raw;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            return in.readAllBytes();
        } catch (EOFException | ZipException e) {
            // a cut-off download shows up here, before any IDX offset is known
            throw new IdxFormatException(file.toString(), raw.length, "damaged gzip stream: " + e.getMessage());
        }
    }

    private static void checkMagic(String name, byte[] data, int expected, String kind) throws IdxFormatException {
        if (data.length < 4) {
            throw new IdxFormatException(name, data.length, "truncated: " + data.length + " bytes, no IDX magic");
        }
        int magic = readInt(data, 0);
        if (magic != expected) {
            throw new IdxFormatException(name, 0, String.format("bad magic 0x%08X; IDX %s have 0x%08X",
                    magic, kind, expected));
        }
    }

    private static int dimension(String name, byte[] data, int index) throws IdxFormatException {
        int offset = 4 + 4 * index;
        if (data.length < offset + 4) {
            throw new IdxFormatException(name, data.length, "truncated header: dimension " + index + " missing");
        }
        int value = readInt(data, offset);
        if (value < 0) {
            throw new IdxFormatException(name, offset, "dimension " + index + " is negative: " + value);
        }
        return value;
    }

    private static byte[] payload(String name, byte[] data, int start, long expected) throws IdxFormatException {
        long available = data.length - (long) start;
        if (available < expected) {
            throw new IdxFormatException(name, data.length, "truncated: the dimensions need " + expected
                    + " data bytes, the file has " + available);
        }
        if (available > expected) {
            throw new IdxFormatException(name, start + expected, "dimensions mismatch: " + (available - expected)
                    + " bytes beyond the " + expected + " the dimensions state");
        }
        byte[] out = new byte[(int) expected];
        System.arraycopy(data, start, out, 0, out.length);
        return out;
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }
}
