package io.neuroedge.host.plot;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyHistogramChartTest {

    @Test
    void shouldBinFromZeroAndPutTheMaximumInTheLastBin() {
        long[] sorted = {0, 5, 10, 29, 30, 299};
        long[] counts = LatencyHistogramChart.counts(sorted, 10.0);
        assertEquals(2, counts[0]);
        assertEquals(1, counts[1]);
        assertEquals(1, counts[2]);
        assertEquals(1, counts[3]);
        assertEquals(1, counts[29]);
        assertEquals(sorted.length, java.util.Arrays.stream(counts).sum());
    }

    @Test
    void shouldTakeNearestRankPercentiles() {
        long[] sorted = new long[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = i + 1;
        }
        assertEquals(50, LatencyHistogramChart.percentile(sorted, 0.50));
        assertEquals(99, LatencyHistogramChart.percentile(sorted, 0.99));
        assertEquals(7, LatencyHistogramChart.percentile(new long[] {7}, 0.99));
    }

    @Test
    void shouldDrawBars() throws Exception {
        long[] lat = new long[500];
        for (int i = 0; i < lat.length; i++) {
            lat[i] = 200 + (i % 50) * 10;
        }
        BufferedImage img = PngImages.decode("latency", LatencyHistogramChart.png("stream", lat));
        assertArrayEquals(new int[] {900, 450}, new int[] {img.getWidth(), img.getHeight()});
        assertTrue(PngImages.count(img, Charts.SERIES[0], 10, 0, img.getWidth()) > 2000, "bars drawn");
        assertThrows(IllegalArgumentException.class, () -> LatencyHistogramChart.png("x", new long[0]));
    }
}
