package io.neuroedge.host.plot;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.util.List;

/** Loss, and train and test accuracy, per epoch: the picture {@code train} writes beside a model. */
public final class LearningCurvesChart {

    /**
     * One epoch's figures; {@code testAccuracy} is {@code NaN} when the epoch was not tested.
     */
    public record Epoch(int epoch, double loss, double trainAccuracy, double testAccuracy) {
    }

    private LearningCurvesChart() {
    }

    /** Two charts side by side (loss; accuracy), 1200x450 pixels. */
    public static byte[] png(String title, List<Epoch> epochs) {
        if (epochs.isEmpty()) {
            throw new IllegalArgumentException("no epochs to plot");
        }
        double[] x = epochs.stream().mapToDouble(Epoch::epoch).toArray();
        XYChart loss = chart(title + ": loss", "loss");
        loss.addSeries("train loss", x, epochs.stream().mapToDouble(Epoch::loss).toArray())
                .setMarker(SeriesMarkers.CIRCLE);

        XYChart accuracy = chart(title + ": accuracy", "accuracy");
        accuracy.addSeries("train", x, epochs.stream().mapToDouble(Epoch::trainAccuracy).toArray())
                .setMarker(SeriesMarkers.CIRCLE);
        List<Epoch> tested = epochs.stream().filter(e -> !Double.isNaN(e.testAccuracy())).toList();
        if (!tested.isEmpty()) {
            XYSeries test = accuracy.addSeries("test", tested.stream().mapToDouble(Epoch::epoch).toArray(),
                    tested.stream().mapToDouble(Epoch::testAccuracy).toArray());
            test.setMarker(SeriesMarkers.DIAMOND);
        }
        accuracy.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        return Charts.pngRow(List.of(loss, accuracy));
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart c = new XYChartBuilder().width(600).height(450).title(title).xAxisTitle("epoch").yAxisTitle(yTitle)
                .build();
        Charts.style(c.getStyler());
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setXAxisDecimalPattern("0");
        c.getStyler().setMarkerSize(7);
        return c;
    }
}
