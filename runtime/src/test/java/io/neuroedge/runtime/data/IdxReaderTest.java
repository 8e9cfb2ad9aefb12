package io.neuroedge.runtime.data;

import io.neuroedge.runtime.testing.SharedTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link IdxReader} on the real mnist-10k files and on small broken files. */
class IdxReaderTest {

    private static IdxDataset mnist(String split) throws IOException {
        Path dir = SharedTestData.resolve("data/mnist-10k");
        return IdxReader.readDataset(dir.resolve(split + "-images-idx3-ubyte.gz"),
                dir.resolve(split + "-labels-idx1-ubyte.gz"));
    }

    private static int[] classCounts(IdxDataset d) {
        int[] counts = new int[10];
        for (int i = 0; i < d.size(); i++) {
            int label = d.label(i);
            assertTrue(label >= 0 && label <= 9, "label " + label + " at " + i);
            counts[label]++;
        }
        return counts;
    }

    @Test
    void mnistTrainHas8000Digits() throws IOException {
        IdxDataset train = mnist("train");
        assertEquals(8000, train.size());
        assertEquals(28, train.images().rows());
        assertEquals(28, train.images().cols());
        // measured from the file: the data README's "800 per class" does not hold for the train split
        assertArrayEquals(new int[] {801, 927, 791, 832, 780, 663, 814, 870, 744, 778}, classCounts(train));
        // a real digit has dark background corners and some saturated stroke pixels
        byte[] first = train.images().image(0);
        assertEquals(0, train.images().pixel(0, 0, 0));
        assertTrue(max(first) > 200, "stroke pixels expected");
    }

    @Test
    void mnistTestHas2000DigitsWith200PerClass() throws IOException {
        IdxDataset test = mnist("test");
        assertEquals(2000, test.size());
        int[] expected = new int[10];
        Arrays.fill(expected, 200);
        assertArrayEquals(expected, classCounts(test));
    }

    @Test
    void plainAndGzipFilesReadTheSame(@TempDir Path dir) throws IOException {
        byte[] idx = imagesFile(2, 2, 3, 0);
        Path plain = dir.resolve("plain.idx");
        Files.write(plain, idx);
        Path gz = dir.resolve("packed.idx");
        Files.write(gz, gzip(idx));
        IdxImages a = IdxReader.readImages(plain);
        IdxImages b = IdxReader.readImages(gz);
        assertEquals(2, a.count());
        assertEquals(2, a.rows());
        assertEquals(3, a.cols());
        assertArrayEquals(a.pixels(), b.pixels());
        assertEquals(7, a.pixel(1, 0, 1));
    }

    @Test
    void badMagicNamesFileAndOffset(@TempDir Path dir) throws IOException {
        Path labels = dir.resolve("labels.idx");
        Files.write(labels, labelsFile(3));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(labels));
        assertTrue(e.getMessage().contains("labels.idx") && e.getMessage().contains("offset 0")
                && e.getMessage().contains("bad magic 0x00000801"), e.getMessage());
    }

    @Test
    void truncatedDataIsReported(@TempDir Path dir) throws IOException {
        byte[] idx = imagesFile(3, 4, 4, 0);
        Path cut = dir.resolve("cut.idx");
        Files.write(cut, Arrays.copyOf(idx, idx.length - 5));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(cut));
        assertTrue(e.getMessage().contains("cut.idx") && e.getMessage().contains("truncated")
                && e.getMessage().contains("offset " + (idx.length - 5)), e.getMessage());
        Path header = dir.resolve("header.idx");
        Files.write(header, Arrays.copyOf(idx, 10));
        assertThrows(IdxFormatException.class, () -> IdxReader.readImages(header));
    }

    @Test
    void truncatedGzipIsReported(@TempDir Path dir) throws IOException {
        byte[] packed = gzip(imagesFile(50, 28, 28, 0));
        Path cut = dir.resolve("cut.gz");
        Files.write(cut, Arrays.copyOf(packed, packed.length / 2));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(cut));
        assertTrue(e.getMessage().contains("cut.gz") && e.getMessage().contains("gzip"), e.getMessage());
    }

    @Test
    void trailingBytesAreADimensionMismatch(@TempDir Path dir) throws IOException {
        byte[] idx = imagesFile(2, 2, 2, 0);
        Path longer = dir.resolve("longer.idx");
        Files.write(longer, Arrays.copyOf(idx, idx.length + 3));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(longer));
        assertTrue(e.getMessage().contains("dimensions mismatch") && e.getMessage().contains("offset " + idx.length),
                e.getMessage());
    }

    @Test
    void labelCountMustMatchImageCount(@TempDir Path dir) throws IOException {
        Path images = dir.resolve("images.idx");
        Files.write(images, imagesFile(4, 2, 2, 0));
        Path labels = dir.resolve("labels.idx");
        Files.write(labels, labelsFile(3));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readDataset(images, labels));
        assertTrue(e.getMessage().contains("labels.idx") && e.getMessage().contains("3 labels")
                && e.getMessage().contains("4 images"), e.getMessage());
    }

    private static int max(byte[] b) {
        int m = 0;
        for (byte v : b) {
            m = Math.max(m, v & 0xFF);
        }
        return m;
    }

    /** An image file whose pixel k (over all images) holds {@code (start + k) % 256}. */
    static byte[] imagesFile(int count, int rows, int cols, int start) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * rows * cols);
        b.putInt(IdxReader.IMAGES_MAGIC).putInt(count).putInt(rows).putInt(cols);
        for (int k = 0; k < count * rows * cols; k++) {
            b.put((byte) (start + k));
        }
        return b.array();
    }

    private static byte[] labelsFile(int count) {
        ByteBuffer b = ByteBuffer.allocate(8 + count);
        b.putInt(IdxReader.LABELS_MAGIC).putInt(count);
        for (int k = 0; k < count; k++) {
            b.put((byte) (k % 10));
        }
        return b.array();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }
}
