package io.neuroedge.runtime.learn;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Minimal gzip-IDX reader for the shared MNIST-format data sets (tests and the bench harness). */
final class Mnist {

    final byte[][] images;
    final int[] labels;

    private Mnist(byte[][] images, int[] labels) {
        this.images = images;
        this.labels = labels;
    }

    /** The shared data directory from -Dneuroedge.shared; fails loudly if it is missing. */
    static Path shared() {
        String p = System.getProperty("neuroedge.shared");
        if (p == null || p.isBlank()) {
            throw new IllegalStateException("system property neuroedge.shared is not set (surefire passes it; "
                    + "run with -Dneuroedge.shared=/work/shared)");
        }
        Path dir = Path.of(p);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("neuroedge.shared=" + p + " is not a directory");
        }
        return dir;
    }

    /** Loads {@code limit} samples of data/NAME/{train|test}-*-ubyte.gz. */
    static Mnist load(String name, boolean train, int limit) throws IOException {
        Path d = shared().resolve("data").resolve(name);
        String prefix = train ? "train" : "test";
        byte[][] im = images(d.resolve(prefix + "-images-idx3-ubyte.gz"), limit);
        byte[] lb = labels(d.resolve(prefix + "-labels-idx1-ubyte.gz"), limit);
        int[] l = new int[lb.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = lb[i] & 0xFF;
        }
        return new Mnist(im, l);
    }

    private static DataInputStream open(Path p, int magic) throws IOException {
        if (!Files.isRegularFile(p)) {
            throw new IOException("missing data file " + p);
        }
        InputStream in = new GZIPInputStream(Files.newInputStream(p), 1 << 16);
        DataInputStream d = new DataInputStream(in);
        int m = d.readInt();
        if (m != magic) {
            d.close();
            throw new IOException(p + ": IDX magic " + Integer.toHexString(m) + ", expected " + Integer.toHexString(magic));
        }
        return d;
    }

    private static byte[][] images(Path p, int limit) throws IOException {
        try (DataInputStream d = open(p, 0x803)) {
            int n = Math.min(limit, d.readInt());
            int size = d.readInt() * d.readInt();
            byte[][] out = new byte[n][size];
            for (byte[] im : out) {
                d.readFully(im);
            }
            return out;
        }
    }

    private static byte[] labels(Path p, int limit) throws IOException {
        try (DataInputStream d = open(p, 0x801)) {
            byte[] out = new byte[Math.min(limit, d.readInt())];
            d.readFully(out);
            return out;
        }
    }

    SampleSource rate(long seed) {
        return SampleSource.rate(images, labels, seed);
    }

    SampleSource direct() {
        return SampleSource.direct(images, labels);
    }
}
