package io.neuroedge.compiler.lower;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** The MNIST subset in the shared data folder (gzip IDX); missing data fails the test. */
final class SharedMnist {

    final byte[][] images;
    final int[] labels;

    private SharedMnist(byte[][] images, int[] labels) {
        this.images = images;
        this.labels = labels;
    }

    /** The first {@code limit} images of {@code split} ("train" or "test"). */
    static SharedMnist load(String split, int limit) throws IOException {
        String prop = System.getProperty("neuroedge.shared");
        if (prop == null || prop.isBlank()) {
            fail("system property neuroedge.shared is not set (surefire passes the shared data folder)");
        }
        Path dir = Path.of(prop).resolve("data").resolve("mnist-10k");
        Path images = dir.resolve(split + "-images-idx3-ubyte.gz");
        Path labels = dir.resolve(split + "-labels-idx1-ubyte.gz");
        if (!Files.isRegularFile(images) || !Files.isRegularFile(labels)) {
            fail("shared MNIST subset missing: " + dir.toAbsolutePath());
        }
        try (DataInputStream im = open(images); DataInputStream lb = open(labels)) {
            im.readInt();
            int n = Math.min(limit, im.readInt());
            int size = im.readInt() * im.readInt();
            lb.readInt();
            lb.readInt();
            byte[][] x = new byte[n][size];
            int[] y = new int[n];
            for (int k = 0; k < n; k++) {
                im.readFully(x[k]);
                y[k] = lb.readUnsignedByte();
            }
            return new SharedMnist(x, y);
        }
    }

    private static DataInputStream open(Path p) throws IOException {
        return new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(Files.newInputStream(p))));
    }
}
