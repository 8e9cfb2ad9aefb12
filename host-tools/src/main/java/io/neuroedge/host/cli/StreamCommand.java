package io.neuroedge.host.cli;

import io.neuroedge.host.agent.AgentClient;
import io.neuroedge.host.agent.ConnectionOptions;
import io.neuroedge.host.agent.RecordingStreamer;
import io.neuroedge.host.plot.LatencyHistogramChart;
import io.neuroedge.runtime.io.AtomicFiles;
import io.neuroedge.events.EventFormat;
import io.neuroedge.events.EventFormats;
import io.neuroedge.events.labels.LabelsCsv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code neuroedge stream}: sends recordings to an agent, one window each, and reports the agent's
 * decisions, drops and latency (and accuracy with {@code --labels}).
 */
@Command(name = "stream", mixinStandardHelpOptions = true,
        description = {"Streams event recordings (every format `run --input` reads) to a device agent as event"
                + " batches; a folder streams each recording in turn, with the engine state reset between recordings.",
                "With --labels (columns file,label; file relative to DIR) reports accuracy. Latency is the agent's,"
                        + " from a window's last event to its decision."})
final class StreamCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE|DIR", description = "A recording or a folder of recordings.")
    Path input;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--speed", defaultValue = "realtime", paramLabel = "S",
            description = "realtime, max, or Nx (e.g. 10x) times real time (default: ${DEFAULT-VALUE}).")
    String speed;

    @Option(names = "--loop", description = "Stream the recordings again and again until interrupted.")
    boolean loop;

    @Option(names = "--labels", paramLabel = "CSV", description = "Labels (columns file,label) for an accuracy figure.")
    Path labels;

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N recordings.")
    Integer limit;

    @Option(names = "--lossy", description = "Let the agent drop batches when its queue is full (as a live sensor)"
            + " instead of pushing back (default for recordings).")
    boolean lossy;

    @Option(names = "--supervise", description = "With --labels: before each recording, tell the agent its label"
            + " (LearnControl supervise), so on-device learning (`neuroedge learn --enable`) learns from the window.")
    boolean supervise;

    @Option(names = "--plot", paramLabel = "FILE.png",
            description = "Also draw the histogram of the agent's decision latencies (p50, p99 in its title) as a PNG.")
    Path plot;

    @Option(names = "--json", description = "Print {\"recordings\", \"accuracy\", \"events_sent\", \"events_dropped\","
            + " \"latency_ms_p50\", \"latency_ms_p99\"}.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        double factor = parseSpeed(speed);
        if (supervise && labels == null) {
            throw new IllegalArgumentException("--supervise needs --labels CSV (the labels to teach)");
        }
        List<Path> files = new ArrayList<>();
        List<Integer> truth = new ArrayList<>();
        select(files, truth);
        PrintWriter out = spec.commandLine().getOut();
        try (AgentClient client = connection.connect(true, !lossy)) {
            RecordingStreamer streamer = new RecordingStreamer(client, factor);
            do {
                RecordingStreamer.Summary s = supervise ? supervised(client, streamer, files, truth)
                        : streamer.stream(files, 30_000 + files.size() * 1_000L);
                report(out, s, truth);
            } while (loop && !Thread.currentThread().isInterrupted());
        }
        return 0;
    }

    /** One window per recording, each announced with its label (acknowledged before its events go out). */
    private static RecordingStreamer.Summary supervised(AgentClient client, RecordingStreamer streamer, List<Path> files,
                                                       List<Integer> truth) throws Exception {
        List<RecordingStreamer.Outcome> outcomes = new ArrayList<>();
        long sent = 0;
        long dropped = 0;
        long start = System.nanoTime();
        for (int k = 0; k < files.size(); k++) {
            client.request(io.neuroedge.proto.agent.Envelope.newBuilder().setLearn(
                    io.neuroedge.proto.agent.LearnControl.newBuilder().setSuperviseLabel(truth.get(k))), 30_000);
            RecordingStreamer.Summary s = streamer.stream(List.of(files.get(k)), 30_000);
            outcomes.addAll(s.outcomes());
            sent += s.eventsSent();
            dropped = s.eventsDropped(); // the connection's running total
        }
        return new RecordingStreamer.Summary(outcomes, sent, dropped, (System.nanoTime() - start) / 1e9);
    }

    static double parseSpeed(String s) {
        String v = s.trim().toLowerCase(java.util.Locale.ROOT);
        if (v.equals("realtime")) {
            return 1;
        }
        if (v.equals("max")) {
            return 0;
        }
        if (v.endsWith("x")) {
            try {
                double f = Double.parseDouble(v.substring(0, v.length() - 1));
                if (f > 0 && Double.isFinite(f)) {
                    return f;
                }
            } catch (NumberFormatException ignored) {
                // falls through to the error below
            }
        }
        throw new IllegalArgumentException("--speed must be realtime, max or Nx with N > 0 (e.g. 10x), got '" + s + "'");
    }

    private void select(List<Path> files, List<Integer> truth) throws IOException {
        if (labels != null) {
            if (!Files.isDirectory(input)) {
                throw new IllegalArgumentException("--labels needs a folder, " + input + " is not one");
            }
            for (LabelsCsv.Entry e : LabelsCsv.read(labels)) {
                Path f = input.resolve(e.file());
                if (!Files.isRegularFile(f)) {
                    throw new IllegalArgumentException("no such recording: " + f);
                }
                files.add(f);
                truth.add(e.label());
            }
        } else if (Files.isDirectory(input)) {
            try (Stream<Path> walk = Files.walk(input)) {
                for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                    if (EventFormats.detect(p) != EventFormat.UNKNOWN) {
                        files.add(p);
                    }
                }
            }
        } else if (Files.isRegularFile(input)) {
            files.add(input);
        } else {
            throw new java.nio.file.NoSuchFileException(input.toString());
        }
        if (limit != null) {
            if (limit < 1) {
                throw new IllegalArgumentException("--limit must be at least 1, got " + limit);
            }
            while (files.size() > limit) {
                files.remove(files.size() - 1);
            }
            while (truth.size() > limit) {
                truth.remove(truth.size() - 1);
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no recordings found in " + input);
        }
    }

    private void report(PrintWriter out, RecordingStreamer.Summary s, List<Integer> truth) throws IOException {
        int n = s.outcomes().size();
        long[] lat = s.outcomes().stream().filter(o -> o.latencyUs() >= 0).mapToLong(RecordingStreamer.Outcome::latencyUs)
                .sorted().toArray();
        Double accuracy = null;
        if (!truth.isEmpty()) {
            int correct = 0;
            for (int i = 0; i < n; i++) {
                if (s.outcomes().get(i).predicted() == truth.get(i)) {
                    correct++;
                }
            }
            accuracy = (double) correct / n;
        }
        long missing = s.outcomes().stream().filter(o -> o.predicted() == -2).count();
        if (json) {
            Map<String, Object> doc = Json.object();
            doc.put("recordings", n);
            doc.put("accuracy", accuracy);
            doc.put("events_sent", s.eventsSent());
            doc.put("events_dropped", s.eventsDropped());
            doc.put("latency_ms_p50", LatencyHistogramChart.percentile(lat, 0.50) / 1000.0);
            doc.put("latency_ms_p99", LatencyHistogramChart.percentile(lat, 0.99) / 1000.0);
            doc.put("results_missing", missing);
            doc.put("seconds", s.seconds());
            out.println(Json.render(doc));
        } else {
            if (n <= 20) {
                for (RecordingStreamer.Outcome o : s.outcomes()) {
                    out.printf("%-40s class %s  latency %.3f ms%n", o.file().getFileName(),
                            o.predicted() == -2 ? "(no result)" : o.predicted() == -1 ? "(none)" : o.predicted(),
                            o.latencyUs() / 1000.0);
                }
            }
            out.printf("recordings: %d in %.2f s%s%n", n, s.seconds(), missing > 0 ? " (" + missing + " without result)" : "");
            if (accuracy != null) {
                out.printf("accuracy:   %.4f%n", accuracy);
            }
            out.printf("events:     %d sent, %d dropped by the agent%n", s.eventsSent(), s.eventsDropped());
            out.printf("latency:    p50 %.3f ms, p99 %.3f ms (agent: last event of a window to its decision)%n",
                    LatencyHistogramChart.percentile(lat, 0.50) / 1000.0, LatencyHistogramChart.percentile(lat, 0.99) / 1000.0);
        }
        out.flush();
        if (plot != null) {
            if (lat.length == 0) {
                throw new IllegalArgumentException("--plot: no window got a result, so there is no latency to draw");
            }
            AtomicFiles.write(plot, LatencyHistogramChart.png("decision latency", lat));
            spec.commandLine().getErr().println("wrote " + plot);
        }
    }
}
