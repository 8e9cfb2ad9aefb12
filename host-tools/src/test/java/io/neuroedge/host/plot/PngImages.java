package io.neuroedge.host.plot;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Reads the PNGs the charts write and finds where a colour was drawn. */
final class PngImages {

    private PngImages() {
    }

    /** Decodes, and keeps a copy under target/plot-samples/ for a person to look at. */
    static BufferedImage decode(String name, byte[] png) throws IOException {
        Path dir = Path.of("target", "plot-samples");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), png);
        return decode(png);
    }

    static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(image, "not a PNG ImageIO can read");
        return image;
    }

    /** Pixels within {@code tolerance} (per channel) of {@code c} in the column range [x0, x1). */
    static int count(BufferedImage img, Color c, int tolerance, int x0, int x1) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = x0; x < x1; x++) {
                if (near(img.getRGB(x, y), c, tolerance)) {
                    n++;
                }
            }
        }
        return n;
    }

    static boolean near(int rgb, Color c, int tolerance) {
        return Math.abs(((rgb >> 16) & 0xff) - c.getRed()) <= tolerance
                && Math.abs(((rgb >> 8) & 0xff) - c.getGreen()) <= tolerance
                && Math.abs((rgb & 0xff) - c.getBlue()) <= tolerance;
    }
}
