package io.neuroedge.host.sim;

import io.neuroedge.events.EventArray;
import io.neuroedge.events.EventFileWriter;
import io.neuroedge.events.EventWriters;
import io.neuroedge.runtime.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a {@link Scene} as an N-MNIST-like labelled folder: one recording per index in
 * {@code <split>/<index>.<ext>}, plus {@code labels.csv} with the columns
 * {@code file,label,split,index} ({@code file} relative to the folder, as in the N-MNIST subset
 * the team uses; {@code LabelsCsv} reads it).
 *
 * <p>Recordings are simulated in parallel. Each one's simulator is seeded from the base seed and
 * its index alone, so the output does not depend on the thread count or scheduling: equal seeds
 * give byte-identical folders. {@code labels.csv} is written last (through a temporary file and
 * a rename), so its presence means every recording it lists is complete.
 */
public final class SimulatedDataset {

    /** Name of the label list in the output folder. */
    public static final String LABELS_FILE = "labels.csv";

    /**
     * Totals of one run.
     *
     * @param recordings files written
     * @param events     events in all of them
     * @param onEvents   ON events in all of them
     * @param seconds    wall time of the run
     */
    public record Summary(int recordings, long events, long onEvents, double seconds) {
    }

    private final DvsParameters parameters;
    private final String format;
    private final int threads;

    /**
     * @param parameters simulator settings; their seed is the base seed of the run
     * @param format     writer name for {@link EventWriters#forName}: nmnist, evt3 or aedat4
     * @param threads    worker threads, at least 1
     * @throws IllegalArgumentException for an unknown format or a thread count below 1
     */
    public SimulatedDataset(DvsParameters parameters, String format, int threads) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        EventWriters.forName(format); // unknown names fail here, before any work
        this.format = format.toLowerCase(Locale.ROOT);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
        this.threads = threads;
    }

    /** File extension of the recordings. */
    public String extension() {
        return switch (format) {
            case "nmnist" -> "bs2";
            case "evt3" -> "raw";
            default -> format;
        };
    }

    /** The seed of the recording of image {@code index}: a mix of the base seed and the index. */
    static long recordingSeed(long base, int index) {
        // SplitMix64 finaliser: nearby seeds and indices give unrelated streams
        long z = base + 0x9E37_79B9_7F4A_7C15L * (index + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Simulates every recording of {@code scene} into {@code dir} (created if needed).
     *
     * @param split name of the split, used as the sub-folder and in labels.csv
     */
    public Summary write(Scene scene, String split, Path dir) throws IOException {
        long start = System.nanoTime();
        Files.createDirectories(dir.resolve(split));
        int count = scene.size();
        int width = scene.width();
        int height = scene.height();
        long[] events = new long[count];
        long[] on = new long[count];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> jobs = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int index = i;
                jobs.add(pool.submit(() -> {
                    EventArray recording = scene.record(index,
                            parameters.withSeed(recordingSeed(parameters.seed(), index)));
                    EventFileWriter writer = EventWriters.forName(format);
                    try {
                        writer.write(recording, width, height, dir.resolve(file(split, index)));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    events[index] = recording.size();
                    long n = 0;
                    for (int k = 0; k < recording.size(); k++) {
                        n += recording.polarity(k);
                    }
                    on[index] = n;
                }));
            }
            for (Future<?> job : jobs) {
                await(job);
            }
        } finally {
            pool.shutdownNow();
        }
        writeLabels(scene, split, dir);
        long total = 0;
        long totalOn = 0;
        for (int i = 0; i < count; i++) {
            total += events[i];
            totalOn += on[i];
        }
        return new Summary(count, total, totalOn, (System.nanoTime() - start) / 1e9);
    }

    /** Path of image {@code index}'s recording, relative to the folder, with / separators. */
    public String file(String split, int index) {
        return split + "/" + index + "." + extension();
    }

    private static void await(Future<?> job) throws IOException {
        try {
            job.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while recording", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause);
        }
    }

    private void writeLabels(Scene scene, String split, Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("file,label,split,index\n");
        for (int i = 0; i < scene.size(); i++) {
            csv.append(file(split, i)).append(',').append(scene.label(i)).append(',').append(split)
                    .append(',').append(i).append('\n');
        }
        AtomicFiles.write(dir.resolve(LABELS_FILE), csv.toString().getBytes(StandardCharsets.UTF_8));
    }
}
