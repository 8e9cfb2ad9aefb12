package io.neuroedge.host.plot;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cells are coloured by their share of the row; labels run top to bottom, predictions left to right. */
class ConfusionMatrixChartTest {

    private static final List<String> LABELS = List.of("0", "1", "2");

    /** Mean x and y of the darkest (full-share) pixels, and their x-y covariance. */
    private static double[] darkCentre(BufferedImage img) {
        double sx = 0;
        double sy = 0;
        double sxy = 0;
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (PngImages.near(img.getRGB(x, y), ConfusionMatrixChart.FULL, 12)) {
                    sx += x;
                    sy += y;
                    sxy += (double) x * y;
                    n++;
                }
            }
        }
        assertTrue(n > 100, "full cells drawn: " + n);
        return new double[] {sx / n, sy / n, sxy / n - (sx / n) * (sy / n)};
    }

    @Test
    void shouldPutAPerfectClassifierOnTheDiagonalFromTopLeft() throws Exception {
        int[][] perfect = {{50, 0, 0, 0}, {0, 30, 0, 0}, {0, 0, 20, 0}};
        double[] c = darkCentre(PngImages.decode("confusion-perfect", ConfusionMatrixChart.png("perfect", perfect, LABELS)));
        // label 0 predicted 0 is top left, label 2 predicted 2 bottom right: x and y grow together
        assertTrue(c[2] > 0, "diagonal runs top-left to bottom-right, covariance " + c[2]);
    }

    @Test
    void shouldColourByShareOfTheRowNotByCount() throws Exception {
        // every window of every label got no decision: the whole last column is full, whatever the counts
        int[][] silent = {{5, 0, 0, 500}, {0, 0, 0, 3}, {0, 0, 0, 40}};
        int[][] perfect = {{50, 0, 0, 0}, {0, 30, 0, 0}, {0, 0, 20, 0}};
        double[] s = darkCentre(PngImages.decode("confusion-silent", ConfusionMatrixChart.png("silent", silent, LABELS)));
        double[] p = darkCentre(PngImages.decode(ConfusionMatrixChart.png("perfect", perfect, LABELS)));
        assertTrue(s[0] > p[0] + 40, "the 'none' column is right of the diagonal's centre: " + s[0] + " vs " + p[0]);
        assertTrue(Math.abs(s[2]) < Math.abs(p[2]) / 4, "a vertical column has little x-y covariance");
    }

    @Test
    void shouldRefuseAMatrixThatDoesNotFitTheLabels() {
        assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrixChart.png("x", new int[][] {{1, 0}, {0, 1}}, LABELS));
        assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrixChart.png("x", new int[][] {{1}, {0}, {1}}, LABELS));
    }
}
