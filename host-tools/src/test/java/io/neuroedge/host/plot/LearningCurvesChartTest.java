package io.neuroedge.host.plot;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LearningCurvesChartTest {

    private static List<LearningCurvesChart.Epoch> epochs(boolean tested) {
        return List.of(
                new LearningCurvesChart.Epoch(1, 1.9, 0.42, tested ? 0.61 : Double.NaN),
                new LearningCurvesChart.Epoch(2, 1.1, 0.71, tested ? 0.78 : Double.NaN),
                new LearningCurvesChart.Epoch(3, 0.7, 0.83, tested ? 0.86 : Double.NaN),
                new LearningCurvesChart.Epoch(4, 0.5, 0.88, tested ? 0.89 : Double.NaN));
    }

    @Test
    void shouldDrawLossLeftAndBothAccuraciesRight() throws Exception {
        BufferedImage img = PngImages.decode("learning-curves", LearningCurvesChart.png("784-400-10 STOP-WTL", epochs(true)));
        assertEquals(1200, img.getWidth());
        assertEquals(450, img.getHeight());
        int half = img.getWidth() / 2;
        // first series colour: the loss curve (left) and the train accuracy (right)
        assertTrue(PngImages.count(img, Charts.SERIES[0], 10, 0, half) > 200, "loss curve drawn");
        assertTrue(PngImages.count(img, Charts.SERIES[0], 10, half, img.getWidth()) > 200, "train accuracy drawn");
        // second series colour: the test accuracy, only on the right
        assertTrue(PngImages.count(img, Charts.SERIES[1], 10, half, img.getWidth()) > 200, "test accuracy drawn");
        assertEquals(0, PngImages.count(img, Charts.SERIES[1], 10, 0, half));
    }

    @Test
    void shouldLeaveOutTheTestCurveWhenNoEpochWasTested() throws Exception {
        BufferedImage img = PngImages.decode(LearningCurvesChart.png("untested", epochs(false)));
        assertEquals(0, PngImages.count(img, Charts.SERIES[1], 10, 0, img.getWidth()));
        assertTrue(PngImages.count(img, Charts.SERIES[0], 10, 0, img.getWidth()) > 400);
    }

    @Test
    void shouldRefuseAnEmptyHistory() {
        assertThrows(IllegalArgumentException.class, () -> LearningCurvesChart.png("x", List.of()));
    }
}
