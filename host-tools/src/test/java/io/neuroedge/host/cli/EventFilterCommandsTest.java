package io.neuroedge.host.cli;

import io.neuroedge.events.nmnist.NMnistReader;
import io.neuroedge.runtime.input.BackgroundActivityFilter;
import io.neuroedge.runtime.input.EventSink;
import io.neuroedge.runtime.input.PolarityFilter;
import io.neuroedge.runtime.testing.SharedTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Event filters from {@code compile} to every runner: the program carries them ({@code inspect}), its
 * memory counts their pixel state, {@code run} and {@code eval} apply them in the documented order and
 * report what they removed; bad values are one-line errors. Also the PNG/HTML outputs of compile and eval.
 */
class EventFilterCommandsTest {

    private static final String CNN = SharedTestData.resolve("nir/cnn/cnn_sinabs.nir").toString();
    private static final Path RECORDING = SharedTestData.resolve("dvs/nmnist/train/1.bs2");

    @TempDir
    Path dir;

    private Path compile(String name, String... extra) {
        Path nsp = dir.resolve(name);
        String[] base = {"compile", CNN, "--dt", "1e-3", "--profile", "sinabs", "-o", nsp.toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        RunCommandTest.Run c = RunCommandTest.cli(args);
        assertEquals(0, c.exit(), c.err());
        return nsp;
    }

    private static long stateBytes(Path nsp) {
        RunCommandTest.Run i = RunCommandTest.cli("inspect", nsp.toString(), "--json");
        assertEquals(0, i.exit(), i.err());
        Matcher m = Pattern.compile("\"state_bytes\": (\\d+)").matcher(i.out());
        assertTrue(m.find(), i.out());
        return Long.parseLong(m.group(1));
    }

    @Test
    void programCarriesItsFiltersAndTheirPixelMemory() {
        Path plain = compile("plain.nsp");
        Path filtered = compile("filtered.nsp", "--polarity", "on", "--refractory-us", "500", "--denoise-us", "2000");

        RunCommandTest.Run i = RunCommandTest.cli("inspect", filtered.toString(), "--json");
        assertTrue(i.out().contains("\"filters\": {\"polarity\": \"ON_ONLY\", \"refractory_us\": 500, "
                + "\"background_window_us\": 2000}"), i.out());
        assertFalse(RunCommandTest.cli("inspect", plain.toString(), "--json").out().contains("filters"));
        // two per-pixel filters over the 34x34 sensor
        assertEquals(stateBytes(plain) + 2 * 8 * 34 * 34, stateBytes(filtered));
    }

    @Test
    void runAppliesTheProgramsFiltersAndReportsWhatTheyRemoved() throws Exception {
        Path filtered = compile("filtered.nsp", "--polarity", "on", "--denoise-us", "2000");
        RunCommandTest.Run r = RunCommandTest.cli("run", filtered.toString(), "--input", RECORDING.toString(), "--json");
        assertEquals(0, r.exit(), r.err());

        // the same chain by hand: ON only, then the background-activity filter, on the sensor
        long[] kept = new long[1];
        EventSink count = (x, y, p, t) -> kept[0]++;
        BackgroundActivityFilter ba = new BackgroundActivityFilter(34, 34, 2000, count);
        PolarityFilter on = new PolarityFilter(PolarityFilter.Mode.ON_ONLY, ba);
        long total = new NMnistReader().read(RECORDING, on).events();
        long removed = on.dropped() + ba.dropped();
        assertTrue(removed > 0 && kept[0] > 0, removed + " removed, " + kept[0] + " kept of " + total);
        assertTrue(r.out().contains("\"filtered_events\": " + removed), r.out());
        assertTrue(r.err().contains("removed " + removed + " events"), r.err());

        RunCommandTest.Run plain = RunCommandTest.cli("run", compile("plain.nsp").toString(), "--input",
                RECORDING.toString(), "--json");
        assertFalse(plain.out().contains("filtered_events"), plain.out());
    }

    @Test
    void evalReportsFilteredEventsAndDrawsTheConfusionMatrix() throws Exception {
        Path filtered = compile("filtered.nsp", "--denoise-us", "5000");
        Path png = dir.resolve("confusion.png");
        RunCommandTest.Run e = RunCommandTest.cli("eval", filtered.toString(), "--nmnist",
                SharedTestData.resolve("dvs/nmnist").toString(), "--labels",
                SharedTestData.resolve("dvs/nmnist/labels.csv").toString(), "--limit", "20", "--no-float", "--json",
                "--plot", png.toString());
        assertEquals(0, e.exit(), e.err());
        Matcher m = Pattern.compile("\"filtered_events\": (\\d+)").matcher(e.out());
        assertTrue(m.find() && Long.parseLong(m.group(1)) > 0, e.out());
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, "a PNG");
        assertTrue(img.getWidth() >= 400 && img.getHeight() >= 400);
    }

    @Test
    void compileWritesTheHtmlReport() throws Exception {
        Path html = dir.resolve("report.html");
        compile("cnn.nsp", "--report-html", html.toString());
        String page = Files.readString(html);
        assertTrue(page.contains("<h1>Compile report: cnn_sinabs</h1>"), page.substring(0, 200));
        assertEquals(2, page.split("data:image/png;base64,", -1).length - 1);
    }

    @Test
    void badFilterValuesAreOneLineErrors() {
        for (String[] extra : new String[][] {{"--refractory-us", "10000001"}, {"--denoise-us", "-5"},
                {"--polarity", "sideways"}}) {
            Path nsp = dir.resolve("bad.nsp");
            String[] args = {"compile", CNN, "--dt", "1e-3", "--profile", "sinabs", "-o", nsp.toString(), extra[0], extra[1]};
            RunCommandTest.Run c = RunCommandTest.cli(args);
            assertEquals(NeuroEdgeCli.EXIT_BAD_INPUT, c.exit(), c.err());
            assertEquals(1, c.err().strip().lines().count(), c.err());
            assertTrue(c.err().contains(extra[0]), c.err());
            assertFalse(Files.exists(nsp));
        }
        RunCommandTest.Run spikes = RunCommandTest.cli("compile", SharedTestData.resolve("nir/lif/lif_norse.nir").toString(),
                "--dt", "1e-4", "--denoise-us", "1000", "-o", dir.resolve("lif.nsp").toString());
        assertEquals(NeuroEdgeCli.EXIT_BAD_INPUT, spikes.exit());
        assertTrue(spikes.err().contains("event filters need an event-camera input"), spikes.err());
    }
}
