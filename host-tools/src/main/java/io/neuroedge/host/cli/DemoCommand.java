package io.neuroedge.host.cli;

import io.neuroedge.host.demo.Demo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code neuroedge demo}: the end-to-end demo, see {@link Demo}. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"End to end in one process: simulate a labelled DVS dataset (MNIST saccades from the shared"
                + " data, else moving bars), train with STOP on the host, compile, start an agent on loopback, flash,"
                + " stream held-out recordings in real time with live predictions, then adapt on the device with STOP"
                + " to a noisier sensor and compare accuracy before and after."})
final class DemoCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Use this labelled event folder (recordings + labels.csv) instead of simulating one.")
    Path data;

    @Option(names = "--work", paramLabel = "DIR", description = "Working folder (default: a new temporary folder).")
    Path work;

    @Option(names = "--speed", defaultValue = "1", paramLabel = "X",
            description = "Live stream speed: 1 = real time (default), 0 = as fast as possible.")
    double speed;

    @Option(names = "--noise", defaultValue = "10", paramLabel = "HZ",
            description = "Background noise of the shifted sensor, events per pixel and second. Default: ${DEFAULT-VALUE}.")
    double noise;

    @Option(names = "--json", description = "Print the summary as JSON (progress goes to stderr).")
    boolean json;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path dir = work != null ? work : Files.createTempDirectory("neuroedge-demo");
        Path mnist = sharedMnist();
        Demo.Options defaults = Demo.Options.defaults(dir, data, data == null ? mnist : null);
        Demo.Options o = new Demo.Options(defaults.work(), defaults.data(), defaults.mnist(), defaults.trainRecordings(),
                defaults.liveRecordings(), defaults.adaptRecordings(), defaults.shiftedRecordings(), defaults.steps(),
                defaults.epochs(), defaults.hidden(), noise, speed, defaults.threads(), defaults.seed(),
                defaults.deviceLearningRate());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter log = json ? spec.commandLine().getErr() : out;
        log.println("NeuroEdge demo: simulate -> train (STOP) -> compile -> flash -> live stream -> on-device learning");
        log.println("working folder: " + dir);
        Demo.Summary s = new Demo(o, log).run();
        if (json) {
            Map<String, Object> doc = Json.object();
            doc.put("dataset", s.dataset());
            doc.put("classes", s.classes());
            doc.put("validation_accuracy", s.validationAccuracy());
            doc.put("train_seconds", s.trainSeconds());
            doc.put("samples_per_s", s.samplesPerSecond());
            doc.put("live_accuracy", s.liveAccuracy());
            doc.put("latency_ms_p50", s.latencyMsP50());
            doc.put("events_dropped", s.eventsDropped());
            doc.put("shifted_accuracy_before", s.shiftedBefore());
            doc.put("shifted_accuracy_after", s.shiftedAfter());
            doc.put("shifted_accuracy_denoised", s.shiftedDenoised());
            doc.put("adaptation_windows", s.adaptWindows());
            doc.put("learned_program", s.learnedVersion());
            doc.put("seconds", s.seconds());
            out.println(Json.render(doc));
        } else {
            out.printf(Locale.ROOT, "%nsummary: %s, %d classes%n  host training (STOP-WTL): validation accuracy %.3f,"
                            + " %.1f s, %.0f samples/s%n  live on the agent: accuracy %.3f, median latency %.2f ms, %d events"
                            + " dropped%n  noisier sensor: %.3f before, %.3f after on-device STOP from %d labelled windows"
                            + " (%s); %.3f with the program's own background-activity filter instead%n  total %.0f s%n",
                    s.dataset(), s.classes(), s.validationAccuracy(), s.trainSeconds(),
                    s.samplesPerSecond(), s.liveAccuracy(), s.latencyMsP50(), s.eventsDropped(), s.shiftedBefore(),
                    s.shiftedAfter(), s.adaptWindows(), s.learnedVersion(), s.shiftedDenoised(), s.seconds());
        }
        out.flush();
        return 0;
    }

    /** The MNIST subset beside the checkout, when there is one (the demo simulates moving bars otherwise). */
    private static Path sharedMnist() {
        String shared = System.getProperty("neuroedge.shared");
        if (shared == null) {
            return null;
        }
        Path dir = Path.of(shared, "data", "mnist-10k");
        return Files.isRegularFile(dir.resolve("train-images-idx3-ubyte.gz")) ? dir : null;
    }
}
