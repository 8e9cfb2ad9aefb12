package io.neuroedge.host.cli;

import io.neuroedge.events.EventArray;
import io.neuroedge.events.EventFileWriter;
import io.neuroedge.events.EventFormats;
import io.neuroedge.events.EventWriters;
import io.neuroedge.events.RecordingSummary;
import io.neuroedge.host.render.EventRenderer;
import io.neuroedge.host.render.RenderMode;
import io.neuroedge.runtime.input.EventSink;
import io.neuroedge.runtime.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code neuroedge events}: look at event recordings. */
@Command(name = "events", description = "Inspect, convert, render and simulate event-camera recordings.", mixinStandardHelpOptions = true,
        subcommands = {EventsCommand.Info.class, EventsCommand.Convert.class, EventsCommand.Render.class,
            EventsSimulate.class})
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

    @Command(name = "convert", mixinStandardHelpOptions = true,
            description = {"Converts a recording (any format 'info' reads) to N-MNIST, Prophesee EVT 3.0 or AEDAT 4.0 (LZ4, as DV).",
                    "EVT 3.0 cannot hold absolute times past 2^24 us: they are shifted by a whole number of 2^24 us"
                            + " periods (reported), so times relative to the first event are exact.",
                    "N-MNIST holds x, y in 0..255 (y != 240) and sorted times; longer times use overflow markers.",
                    "AEDAT 4.0 holds absolute int64 times and sensors up to 32767 x 32767."})
    static final class Convert implements Callable<Integer> {

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "IN", description = "The recording to read.")
        Path input;

        @Parameters(index = "1", paramLabel = "OUT", description = "The file to write (replaced atomically).")
        Path output;

        @Option(names = "--format", paramLabel = "nmnist|evt3|aedat4",
                description = "Output format; default from OUT's extension: .bin/.bs2 = nmnist, .raw = evt3,"
                        + " .aedat4 = aedat4.")
        String format;

        @Option(names = "--json", description = "Print {\"events\", \"input_format\", \"format\", \"width\", \"height\","
                + " \"bytes\", \"time_shift_us\", \"output\"}.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            String target = format != null ? format : EventWriters.formatOf(output);
            EventFileWriter writer = EventWriters.forName(target);
            EventArray events = new EventArray();
            Extent extent = new Extent();
            RecordingSummary s = EventFormats.open(input).read(input, (x, y, p, t) -> {
                events.event(x, y, p, t);
                extent.event(x, y, p, t);
            });
            boolean known = s.sensorSizeKnown();
            int width = known ? s.sensorWidth() : Math.max(1, extent.maxX + 1);
            int height = known ? s.sensorHeight() : Math.max(1, extent.maxY + 1);
            EventFileWriter.WriteSummary w = writer.write(events, width, height, output);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> doc = Json.object();
                doc.put("events", w.events());
                doc.put("input_format", s.format().name().toLowerCase(Locale.ROOT));
                doc.put("format", target.toLowerCase(Locale.ROOT));
                doc.put("width", width);
                doc.put("height", height);
                doc.put("bytes", w.bytes());
                doc.put("time_shift_us", w.timeOriginUs());
                doc.put("output", output.toString());
                out.println(Json.render(doc));
                out.flush();
                return 0;
            }
            out.printf(Locale.ROOT, "converted %,d events (%s, %dx%d) to %s %s: %,d bytes%s%n", w.events(),
                    s.format().name().toLowerCase(Locale.ROOT), width, height, target.toLowerCase(Locale.ROOT),
                    output, w.bytes(), w.timeOriginUs() == 0 ? ""
                            : String.format(Locale.ROOT, ", times shifted by -%d us", w.timeOriginUs()));
            out.flush();
            return 0;
        }
    }

    @Command(name = "render", mixinStandardHelpOptions = true,
            description = {"Draws a recording (any format 'info' reads) as a PNG image.",
                    "counts: grey level by events per pixel (log-scaled); polarity: ON green, OFF red;"
                            + " timesurface: grey exp(-(t_end - t_last) / tau) from each pixel's latest event.",
                    "Every pixel with an event is non-black. The size is the sensor's when the file states it,"
                            + " else the extent of the events."})
    static final class Render implements Callable<Integer> {

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "The recording.")
        Path input;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.png", description = "The PNG to write.")
        Path output;

        @Option(names = "--mode", paramLabel = "counts|polarity|timesurface", defaultValue = "counts",
                description = "What to draw (default: ${DEFAULT-VALUE}).")
        RenderMode mode;

        @Option(names = "--scale", paramLabel = "N", defaultValue = "1",
                description = "Draw each sensor pixel as an N x N block (default: ${DEFAULT-VALUE}).")
        int scale;

        @Option(names = "--tau-ms", paramLabel = "MS",
                description = "Time-surface decay constant; default a third of the recording's time span.")
        Double tauMs;

        @Option(names = "--json", description = "Print {\"events\", \"format\", \"width\", \"height\", \"mode\","
                + " \"image_width\", \"image_height\", \"outside\", \"output\"}.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            // buffered first: without a header the size is only known after the last event
            EventArray events = new EventArray();
            Extent extent = new Extent();
            RecordingSummary s = EventFormats.open(input).read(input, (x, y, p, t) -> {
                events.event(x, y, p, t);
                extent.event(x, y, p, t);
            });
            boolean known = s.sensorSizeKnown();
            int width = known ? s.sensorWidth() : Math.max(1, extent.maxX + 1);
            int height = known ? s.sensorHeight() : Math.max(1, extent.maxY + 1);
            EventRenderer renderer = new EventRenderer(width, height);
            events.replay(renderer);
            double tauUs = tauMs != null ? tauMs * 1000 : Math.max(1.0, renderer.spanUs() / 3.0);
            var image = renderer.render(mode, scale, tauUs);
            AtomicFiles.write(output, png -> {
                if (!ImageIO.write(image, "png", png)) {
                    throw new IOException("no PNG writer available for " + output);
                }
            });
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> doc = Json.object();
                doc.put("events", events.size());
                doc.put("format", s.format().name().toLowerCase(Locale.ROOT));
                doc.put("width", width);
                doc.put("height", height);
                doc.put("mode", mode.name().toLowerCase(Locale.ROOT));
                doc.put("image_width", image.getWidth());
                doc.put("image_height", image.getHeight());
                doc.put("outside", renderer.outside());
                doc.put("output", output.toString());
                out.println(Json.render(doc));
                out.flush();
                return 0;
            }
            out.printf(Locale.ROOT, "rendered %,d events (%s, %dx%d, %s) to %s: %dx%d pixels%s%n", events.size(),
                    s.format().name().toLowerCase(Locale.ROOT), width, height, mode.name().toLowerCase(Locale.ROOT),
                    output, image.getWidth(), image.getHeight(), renderer.outside() == 0 ? ""
                            : String.format(Locale.ROOT, ", %,d events outside the sensor skipped", renderer.outside()));
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
