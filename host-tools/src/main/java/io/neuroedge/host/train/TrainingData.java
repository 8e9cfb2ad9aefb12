package io.neuroedge.host.train;

import io.neuroedge.events.EventFrames;
import io.neuroedge.runtime.data.IdxDataset;
import io.neuroedge.runtime.data.IdxReader;
import io.neuroedge.runtime.engine.Parallel;
import io.neuroedge.events.labels.LabelsCsv;
import io.neuroedge.proto.model.EventInput;
import io.neuroedge.proto.model.InputEncoding;
import io.neuroedge.proto.model.ModelShape;
import io.neuroedge.runtime.input.ImageSpikeEncoder;
import io.neuroedge.runtime.learn.SampleSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A training and a test set for {@code neuroedge train}, from {@code mnist:DIR}, {@code fashion:DIR}
 * (IDX files with the standard names) or {@code nmnist:DIR} (recordings plus {@code labels.csv}).
 *
 * @param name     the dataset argument as given
 * @param train    training samples
 * @param test     held-out samples
 * @param input    the model's input shape (channel-major)
 * @param events   how recordings were binned (event datasets only, else null)
 */
public record TrainingData(String name, SampleSource train, SampleSource test, ModelShape input, EventInput events) {

    /**
     * The rate code's seed of the held-out images when training with {@code seed}: {@code eval --seed}
     * draws its images from it too, so a compiled program sees what the trained network was tested on.
     */
    public static long testSeed(long seed) {
        return seed + 1;
    }

    /**
     * Every N-th labelled recording of an N-MNIST folder is held out for testing (the shared folder
     * has training recordings only); with 5, 20% are.
     */
    public static final int NMNIST_TEST_EVERY = 5;

    /**
     * @param spec      {@code kind:DIR}
     * @param limit     use only the first {@code limit} training samples (0 = all)
     * @param testLimit use only the first {@code testLimit} test samples (0 = all)
     * @param steps     time steps per sample (bins of event data)
     * @param binUs     event data: bin length (0 = 300 ms / steps, an N-MNIST recording's length)
     * @param maxCount  event data: per-pixel count saturation per step
     */
    public static TrainingData load(String spec, ImageSpikeEncoder.Mode encoding, long seed, int limit, int testLimit,
                                    int steps, long binUs, int maxCount) throws IOException {
        int colon = spec.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("--dataset '" + spec + "' is not KIND:DIR with KIND mnist, fashion or nmnist");
        }
        String kind = spec.substring(0, colon).toLowerCase(Locale.ROOT);
        Path dir = Path.of(spec.substring(colon + 1));
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--dataset " + spec + ": no such folder " + dir);
        }
        return switch (kind) {
            case "mnist", "fashion" -> images(spec, dir, encoding, seed, limit, testLimit);
            case "nmnist" -> nmnist(spec, dir, limit, testLimit, steps, binUs == 0 ? 300_000 / steps : binUs, maxCount);
            default -> throw new IllegalArgumentException("--dataset kind '" + kind + "' is not mnist, fashion or nmnist");
        };
    }

    public InputEncoding encoding() {
        return train.encoding();
    }

    /**
     * {@code arch} with its input written as the event frame's shape when it was given as a plain
     * size (e.g. {@code 2312-128-10} for 2x34x34 events becomes {@code 2x34x34-128-10}), so the model
     * records the camera frame the program reads and its dense layer flattens it channel-major.
     * Static images keep a vector input.
     */
    public String architectureFor(String arch) {
        int dash = arch.indexOf('-');
        boolean frame = events != null;
        String size = String.valueOf((long) input.getChannels() * input.getHeight() * input.getWidth());
        if (frame && dash > 0 && arch.substring(0, dash).trim().equals(size)) {
            return input.getChannels() + "x" + input.getHeight() + "x" + input.getWidth() + arch.substring(dash);
        }
        return arch;
    }

    private static TrainingData images(String spec, Path dir, ImageSpikeEncoder.Mode encoding, long seed, int limit,
                                       int testLimit) throws IOException {
        IdxDataset train = IdxReader.readDataset(dir.resolve("train-images-idx3-ubyte.gz"),
                dir.resolve("train-labels-idx1-ubyte.gz"));
        IdxDataset test = IdxReader.readDataset(dir.resolve("test-images-idx3-ubyte.gz"),
                dir.resolve("test-labels-idx1-ubyte.gz"));
        int rows = train.images().rows();
        int cols = train.images().cols();
        ModelShape shape = ModelShape.newBuilder().setChannels(1).setHeight(rows).setWidth(cols).build();
        return new TrainingData(spec, source(train, limit, encoding, seed), source(test, testLimit, encoding, testSeed(seed)),
                shape, null);
    }

    private static SampleSource source(IdxDataset d, int limit, ImageSpikeEncoder.Mode encoding, long seed) {
        int n = limit > 0 ? Math.min(limit, d.size()) : d.size();
        byte[][] images = new byte[n][];
        int[] labels = new int[n];
        for (int k = 0; k < n; k++) {
            images[k] = d.images().image(k);
            labels[k] = d.label(k);
        }
        return SampleSource.images(images, labels, ImageSpikeEncoder.of(encoding, seed));
    }

    private static TrainingData nmnist(String spec, Path dir, int limit, int testLimit, int steps, long binUs,
                                       int maxCount) throws IOException {
        Path csv = dir.resolve("labels.csv");
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException("--dataset " + spec + ": " + csv + " is missing (columns file,label)");
        }
        List<LabelsCsv.Entry> entries = LabelsCsv.read(csv);
        List<LabelsCsv.Entry> train = new ArrayList<>();
        List<LabelsCsv.Entry> test = new ArrayList<>();
        for (int k = 0; k < entries.size(); k++) {
            (k % NMNIST_TEST_EVERY == NMNIST_TEST_EVERY - 1 ? test : train).add(entries.get(k));
        }
        if (limit > 0 && train.size() > limit) {
            train = train.subList(0, limit);
        }
        if (testLimit > 0 && test.size() > testLimit) {
            test = test.subList(0, testLimit);
        }
        // N-MNIST recordings are 34x34; other sensors would need --sensor handling at compile time
        EventFrames frames = new EventFrames(34, 34, binUs, steps, maxCount);
        EventInput events = EventInput.newBuilder().setSensorWidth(34).setSensorHeight(34).setBinUs(binUs)
                .setMaxCount(maxCount).build();
        ModelShape shape = ModelShape.newBuilder().setChannels(2).setHeight(34).setWidth(34).build();
        return new TrainingData(spec, binned(dir, train, frames, steps), binned(dir, test, frames, steps), shape, events);
    }

    /** Bins every recording once, on all cores. */
    private static SampleSource binned(Path dir, List<LabelsCsv.Entry> entries, EventFrames frames, int steps)
            throws IOException {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("no labelled recordings in " + dir);
        }
        byte[][] data = new byte[entries.size()][];
        int[] labels = new int[entries.size()];
        try {
            Parallel.forEachIndex(data.length, Runtime.getRuntime().availableProcessors(), () -> k -> {
                try {
                    data[k] = frames.bin(dir.resolve(entries.get(k).file()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                labels[k] = entries.get(k).label();
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binning recordings", e);
        }
        return SampleSource.counts(data, steps, frames.frameSize(), labels);
    }
}
