package io.neuroedge.host.plot;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How the agent's decision latencies of a {@code stream} run spread, with p50 and p99 in the title. */
public final class LatencyHistogramChart {

    static final int BINS = 30;

    private LatencyHistogramChart() {
    }

    /** @param latenciesUs one value per window (microseconds, from the window's last event to its result) */
    public static byte[] png(String title, long[] latenciesUs) {
        if (latenciesUs.length == 0) {
            throw new IllegalArgumentException("no latencies to plot");
        }
        long[] sorted = latenciesUs.clone();
        Arrays.sort(sorted);
        long max = sorted[sorted.length - 1];
        double width = Math.max(1.0, Math.ceil((max + 1) / (double) BINS));
        long[] counts = counts(sorted, width);
        List<String> xs = new ArrayList<>(BINS);
        List<Number> ys = new ArrayList<>(BINS);
        for (int i = 0; i < BINS; i++) {
            xs.add(String.format(Locale.ROOT, "%.2f", i * width / 1000.0));
            ys.add(counts[i]);
        }
        String heading = String.format(Locale.ROOT, "%s: %d windows, p50 %.3f ms, p99 %.3f ms", title, sorted.length,
                percentile(sorted, 0.50) / 1000.0, percentile(sorted, 0.99) / 1000.0);
        CategoryChart chart = new CategoryChartBuilder().width(900).height(450).title(heading)
                .xAxisTitle("latency from (ms)").yAxisTitle("windows").build();
        Charts.style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(60);
        chart.getStyler().setAvailableSpaceFill(0.95);
        chart.addSeries("windows", xs, ys);
        return Charts.png(chart);
    }

    /** Windows per bin of {@code width} microseconds, from 0. */
    static long[] counts(long[] sorted, double width) {
        long[] counts = new long[BINS];
        for (long v : sorted) {
            counts[(int) Math.min(BINS - 1, (long) (Math.max(0, v) / width))]++;
        }
        return counts;
    }

    /** Nearest-rank percentile of sorted values; 0 when there are none. */
    public static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
