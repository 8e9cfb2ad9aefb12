package io.neuroedge.host.cli;

import io.neuroedge.runtime.data.IdxDataset;
import io.neuroedge.runtime.data.IdxReader;
import io.neuroedge.host.sim.DvsParameters;
import io.neuroedge.host.sim.MovingBarScene;
import io.neuroedge.host.sim.SaccadeScene;
import io.neuroedge.host.sim.Scene;
import io.neuroedge.host.sim.SimulatedDataset;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code neuroedge events simulate}: an N-MNIST-like labelled dataset from MNIST images. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Records MNIST-style IDX images with a simulated DVS making three saccades (N-MNIST-like,"
                + " 34x34, ~300 ms each) into a labelled folder: <split>/<index>.<ext> per image plus labels.csv"
                + " (file,label,split,mnist_index; file relative to the folder).",
                "--scene moving-bar instead makes --limit recordings of a 3-pixel bar crossing a 34x34 sensor;"
                        + " label = direction (0 right, 1 left, 2 down, 3 up); needs no images.",
                "Parallel over cores; each recording is seeded from --seed and its index, so equal seeds give"
                        + " identical files."})
final class EventsSimulate implements Callable<Integer> {

    /** Sensor side of the moving-bar scene: N-MNIST's 34. */
    private static final int MOVING_BAR_SENSOR = 34;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Input input;

    @Option(names = "--scene", paramLabel = "saccade|moving-bar", defaultValue = "saccade",
            description = "What the simulated sensor sees (default: ${DEFAULT-VALUE}).")
    String scene;

    /** Either a folder with the standard file names or an explicit pair of files. */
    static final class Input {
        @Option(names = "--mnist", paramLabel = "DIR", description = "Folder with <split>-images-idx3-ubyte and"
                + " <split>-labels-idx1-ubyte (test also as t10k-...; each optionally .gz).")
        Path mnist;

        @ArgGroup(exclusive = false)
        FilePair files;
    }

    /** {@code --images} and {@code --labels} together. */
    static final class FilePair {
        @Option(names = "--images", required = true, paramLabel = "FILE", description = "IDX image file.")
        Path images;

        @Option(names = "--labels", required = true, paramLabel = "FILE", description = "IDX label file.")
        Path labels;
    }

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR",
            description = "Output folder (created; existing recordings of the same names are replaced).")
    Path output;

    @Option(names = "--split", paramLabel = "train|test", defaultValue = "train",
            description = "Which split of --mnist to read; also the sub-folder name (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--limit", paramLabel = "N", description = "Record only the first N images (default: all).")
    Integer limit;

    @Option(names = "--format", paramLabel = "nmnist|evt3|aedat4", defaultValue = "nmnist",
            description = "Recording format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--noise", paramLabel = "RATE", defaultValue = "0",
            description = "Background noise events per pixel per second, random polarity (default: ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Base seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of cores).")
    Integer threads;

    @Option(names = "--json", description = "Print {\"recordings\", \"events\", \"seconds\"}.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (!split.equals("train") && !split.equals("test")) {
            throw new IllegalArgumentException("--split must be train or test, not '" + split + "'");
        }
        if (limit != null && limit < 0) {
            throw new IllegalArgumentException("--limit must be >= 0: " + limit);
        }
        DvsParameters parameters = DvsParameters.DEFAULT.withSeed(seed).withNoiseRateHz(noise);
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        SimulatedDataset dataset = new SimulatedDataset(parameters, format, workers);
        SimulatedDataset.Summary s = dataset.write(scene(), split, output);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = Json.object();
            doc.put("recordings", s.recordings());
            doc.put("events", s.events());
            doc.put("seconds", Math.round(s.seconds() * 1000) / 1000.0);
            out.println(Json.render(doc));
        } else {
            out.printf(Locale.ROOT, "simulated %,d %s recordings (%s) into %s: %,d events (%.1f%% ON) in %.2f s"
                            + " (%.1f recordings/s, %d threads)%n", s.recordings(), scene, format.toLowerCase(Locale.ROOT),
                    output, s.events(), s.events() == 0 ? 0.0 : 100.0 * s.onEvents() / s.events(), s.seconds(),
                    s.recordings() / Math.max(1e-9, s.seconds()), workers);
        }
        out.flush();
        return 0;
    }

    private Scene scene() throws IOException {
        switch (scene) {
            case "moving-bar" -> {
                if (input != null) {
                    throw new IllegalArgumentException("--scene moving-bar takes no images (--mnist, --images)");
                }
                if (limit == null) {
                    throw new IllegalArgumentException("--scene moving-bar needs --limit N (how many recordings)");
                }
                return new MovingBarScene(limit, MOVING_BAR_SENSOR);
            }
            case "saccade" -> {
                if (input == null) {
                    throw new IllegalArgumentException("--scene saccade needs --mnist DIR or --images FILE"
                            + " --labels FILE");
                }
                Path images = input.mnist != null ? find(input.mnist, "images-idx3-ubyte") : input.files.images;
                Path labels = input.mnist != null ? find(input.mnist, "labels-idx1-ubyte") : input.files.labels;
                IdxDataset data = IdxReader.readDataset(images, labels);
                int count = limit == null ? data.size() : limit;
                if (count > data.size()) {
                    throw new IllegalArgumentException("--limit " + count + " exceeds the " + data.size()
                            + " images in " + images);
                }
                return new SaccadeScene(data, count);
            }
            default -> throw new IllegalArgumentException("--scene must be saccade or moving-bar, not '" + scene + "'");
        }
    }

    /** The split's file in {@code dir}: {@code <split>-<kind>}, for test also {@code t10k-<kind>}, plain or .gz. */
    private Path find(Path dir, String kind) throws IOException {
        List<String> prefixes = split.equals("test") ? List.of("test", "t10k") : List.of("train");
        for (String prefix : prefixes) {
            for (String suffix : List.of("", ".gz")) {
                Path p = dir.resolve(prefix + "-" + kind + suffix);
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        throw new NoSuchFileException(dir.resolve(prefixes.get(0) + "-" + kind).toString(), null,
                "no " + split + " " + kind + " file (also tried .gz" + (split.equals("test") ? " and t10k-" : "")
                        + ")");
    }
}
