package io.neuroedge.host.plot;

import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * The confusion matrix of {@code eval}: one row per true label, one column per predicted class, plus a
 * last column for windows with no output spike; cells coloured and labelled by their share of the row
 * (so classes of different sizes compare).
 */
public final class ConfusionMatrixChart {

    /** The colour of a cell holding none of its row, and of one holding all of it. */
    static final Color EMPTY = new Color(0xf7fbff);
    static final Color FULL = new Color(0x08306b);

    private ConfusionMatrixChart() {
    }

    /**
     * @param confusion [label][predicted], with one extra last column for "no decision"
     * @param labels    class names (one per row)
     */
    public static byte[] png(String title, int[][] confusion, List<String> labels) {
        int classes = confusion.length;
        if (classes == 0 || labels.size() != classes) {
            throw new IllegalArgumentException("confusion has " + classes + " rows for " + labels.size() + " labels");
        }
        int columns = confusion[0].length;
        List<String> xs = new ArrayList<>(labels);
        if (columns == classes + 1) {
            xs.add("none");
        } else if (columns != classes) {
            throw new IllegalArgumentException("confusion rows have " + columns + " columns for " + classes + " classes");
        }
        List<Number[]> cells = new ArrayList<>();
        for (int label = 0; label < classes; label++) {
            long row = 0;
            for (int c : confusion[label]) {
                row += c;
            }
            for (int p = 0; p < columns; p++) {
                double share = row == 0 ? 0 : (double) confusion[label][p] / row;
                // rows run top to bottom: the first label at the top
                cells.add(new Number[] {p, classes - 1 - label, share});
            }
        }
        List<String> ys = new ArrayList<>(labels.reversed());
        int side = Math.max(420, 48 * columns + 160);
        HeatMapChart chart = new HeatMapChartBuilder().width(side + 60).height(side).title(title)
                .xAxisTitle("predicted").yAxisTitle("label").build();
        Charts.style(chart.getStyler());
        chart.getStyler().setRangeColors(new Color[] {EMPTY, FULL});
        chart.getStyler().setMin(0).setMax(1);
        chart.getStyler().setShowValue(true);
        chart.getStyler().setHeatMapValueDecimalPattern("0.00");
        // one label colour for every cell: orange reads on the lightest and the darkest blue
        chart.getStyler().setValueFontColor(new Color(0xf16913));
        chart.getStyler().setValueFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 12));
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setPlotContentSize(1.0);
        chart.addSeries("share of the label's windows", xs, ys, cells);
        return Charts.png(chart);
    }
}
