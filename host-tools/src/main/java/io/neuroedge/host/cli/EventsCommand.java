package io.neuroedge.host.cli;

import io.neuroedge.host.events.EventFormats;
import io.neuroedge.host.events.RecordingSummary;
import io.neuroedge.runtime.input.EventSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code neuroedge events}: look at event recordings. */
@Command(name = "events", description = "Inspect event-camera recordings.", mixinStandardHelpOptions = true,
        subcommands = EventsCommand.Info.class)
final class EventsCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = {"Format (detected from the content), sensor size, event counts and time span of a recording:"
                    + " N-MNIST, Prophesee EVT 2.0 / 3.0 / DAT, AEDAT 2.0 / 3.1 / 4.0.",
                    "The size is the sensor's when the file states it, else the extent of the events (max + 1)."})
    static final class Info implements Callable<Integer> {

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "The recording.")
        Path file;

        @Option(names = "--json", description = "Print {\"format\", \"width\", \"height\", \"events\", \"on_events\","
                + " \"t_first_us\", \"t_last_us\"}.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            Extent extent = new Extent();
            RecordingSummary s = EventFormats.open(file).read(file, extent);
            boolean known = s.sensorSizeKnown();
            int width = known ? s.sensorWidth() : extent.maxX + 1;
            int height = known ? s.sensorHeight() : extent.maxY + 1;
            String format = s.format().name().toLowerCase(Locale.ROOT);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> doc = Json.object();
                doc.put("format", format);
                doc.put("width", width);
                doc.put("height", height);
                doc.put("size_from", known ? "header" : "events");
                doc.put("events", s.events());
                doc.put("on_events", s.onEvents());
                doc.put("t_first_us", s.firstTimeUs());
                doc.put("t_last_us", s.lastTimeUs());
                doc.put("skipped", s.skippedWords());
                out.println(Json.render(doc));
            } else {
                out.println("format:   " + format);
                out.println("size:     " + width + "x" + height + (known ? "" : " (extent of the events)"));
                out.printf(Locale.ROOT, "events:   %,d (%,d ON, %,d OFF)%n", s.events(), s.onEvents(),
                        s.events() - s.onEvents());
                out.printf(Locale.ROOT, "time:     %d .. %d us (%.3f s)%n", s.firstTimeUs(), s.lastTimeUs(),
                        s.events() == 0 ? 0.0 : (s.lastTimeUs() - s.firstTimeUs()) / 1e6);
                if (s.skippedWords() > 0) {
                    out.printf(Locale.ROOT, "skipped:  %,d non-event words or records%n", s.skippedWords());
                }
            }
            out.flush();
            return 0;
        }
    }

    /** Largest coordinates seen, for recordings that do not state their sensor size. */
    private static final class Extent implements EventSink {
        int maxX = -1;
        int maxY = -1;

        @Override
        public void event(int x, int y, int polarity, long timeUs) {
            maxX = Math.max(maxX, x);
            maxY = Math.max(maxY, y);
        }
    }
}
