package io.neuroedge.host.cli;

import io.neuroedge.runtime.testing.SharedTestData;
import io.neuroedge.events.EventArray;
import io.neuroedge.events.EventFormats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code events render} on the real N-MNIST and EVT 3.0 recordings, checked by reading the PNG back. */
class EventsRenderCommandTest {

    private static BufferedImage render(Path in, Path png, String... options) throws IOException {
        String[] args = new String[4 + options.length];
        args[0] = "events";
        args[1] = "render";
        args[2] = in.toString();
        args[3] = "-o=" + png;
        System.arraycopy(options, 0, args, 4, options.length);
        RunCommandTest.Run run = RunCommandTest.cli(args);
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("rendered "), run.out());
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image != null, "not a readable PNG: " + png);
        return image;
    }

    /** Pixels (y * width + x) touched by at least one event. */
    private static Set<Integer> touched(Path in, int width) throws IOException {
        EventArray events = EventFormats.open(in).readAll(in);
        Set<Integer> pixels = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            pixels.add(events.y(i) * width + events.x(i));
        }
        return pixels;
    }

    private static void assertTouchedAreLitAndCornerIsBlack(BufferedImage image, Set<Integer> touched, int width,
                                                            int height, int scale, int cornerX, int cornerY) {
        assertEquals(width * scale, image.getWidth());
        assertEquals(height * scale, image.getHeight());
        for (int p : touched) {
            int x = p % width;
            int y = p / width;
            assertNotEquals(0, image.getRGB(x * scale + scale - 1, y * scale + scale - 1) & 0xFFFFFF,
                    "pixel " + x + "," + y + " has events but is black");
        }
        assertTrue(!touched.contains(cornerY * width + cornerX), "corner must be free of events for this check");
        assertEquals(0, image.getRGB(cornerX * scale, cornerY * scale) & 0xFFFFFF, "untouched corner");
    }

    @ParameterizedTest
    @ValueSource(strings = {"counts", "polarity", "timesurface"})
    void nmnistRecording(String mode, @TempDir Path dir) throws IOException {
        Path in = SharedTestData.resolve("dvs/nmnist/train/1.bs2");
        // N-MNIST has no header: the size is the events' extent, 34 x 34 for this digit
        BufferedImage image = render(in, dir.resolve("nmnist.png"), "--mode", mode, "--scale", "4");
        Set<Integer> touched = touched(in, 34);
        int corner = touched.contains(0) ? 33 : 0;
        assertTouchedAreLitAndCornerIsBlack(image, touched, 34, 34, 4, corner, corner);
    }

    @ParameterizedTest
    @ValueSource(strings = {"counts", "polarity", "timesurface"})
    void evt3Recording(String mode, @TempDir Path dir) throws IOException {
        Path in = SharedTestData.resolve("dvs/prophesee/evt3_gen41_pedestrians_cut.raw");
        // the header says 1280 x 720; 5,000 events leave most of the sensor, including (0, 0), untouched
        BufferedImage image = render(in, dir.resolve("evt3.png"), "--mode", mode);
        Set<Integer> touched = touched(in, 1280);
        assertTouchedAreLitAndCornerIsBlack(image, touched, 1280, 720, 1, 0, 0);
    }

    @Test
    void polarityModeColoursOnGreenAndOffRed(@TempDir Path dir) throws IOException {
        Path in = SharedTestData.resolve("dvs/nmnist/train/1.bs2");
        BufferedImage image = render(in, dir.resolve("p.png"), "--mode=polarity");
        EventArray events = EventFormats.open(in).readAll(in);
        int[] on = new int[34 * 34];
        int[] off = new int[34 * 34];
        for (int i = 0; i < events.size(); i++) {
            (events.polarity(i) == 1 ? on : off)[events.y(i) * 34 + events.x(i)]++;
        }
        for (int p = 0; p < on.length; p++) {
            int rgb = image.getRGB(p % 34, p / 34);
            assertEquals(on[p] > 0, (rgb >> 8 & 0xFF) > 0, "green at " + p);
            assertEquals(off[p] > 0, (rgb >> 16 & 0xFF) > 0, "red at " + p);
            assertEquals(0, rgb & 0xFF, "no blue");
        }
    }

    @Test
    void badScaleIsAUserError(@TempDir Path dir) {
        Path in = SharedTestData.resolve("dvs/nmnist/train/1.bs2");
        RunCommandTest.Run run = RunCommandTest.cli("events", "render", in.toString(), "-o", dir.resolve("x.png").toString(),
                "--scale", "0");
        assertEquals(NeuroEdgeCli.EXIT_BAD_INPUT, run.exit());
        assertTrue(run.err().startsWith("error: ") && run.err().contains("scale"), run.err());
    }
}
