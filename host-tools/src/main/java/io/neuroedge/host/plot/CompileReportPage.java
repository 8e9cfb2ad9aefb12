package io.neuroedge.host.plot;

import io.neuroedge.compiler.report.CompileReport;
import io.neuroedge.compiler.report.LayerReport;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * {@code compile --report-html}: the compile report as one self-contained page (no scripts, no
 * network: the charts are inline PNGs) — options, memory, the layer table, the weight scales and the
 * quantisation errors per layer, and fixed point vs float agreement when it was measured.
 */
public final class CompileReportPage {

    private CompileReportPage() {
    }

    public static String html(CompileReport r) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Compile report: ")
                .append(esc(r.model())).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right;font-size:13px}")
                .append("th{background:#f0f4f8}td.l,th.l{text-align:left}img{max-width:100%;margin:0.5em 0}")
                .append(".note{color:#555}\n</style></head><body>\n");
        h.append("<h1>Compile report: ").append(esc(r.model())).append("</h1>\n<table>\n");
        row(h, "source SHA-256", r.sourceSha256());
        row(h, "profile", Double.isNaN(r.dt()) ? r.profile()
                : r.profile() + ", " + r.integrator() + " integrator, dt " + r.dt() + " s");
        row(h, "input counts saturate at", String.valueOf(r.maxCount()));
        if (!r.events().isEmpty()) {
            row(h, "events", r.events());
        }
        row(h, "readout", r.readout());
        row(h, "memory", String.format(Locale.ROOT, "weights %,d B, state %,d B, scratch %,d B (total %,d B)",
                r.weightBytes(), r.stateBytes(), r.scratchBytes(), r.weightBytes() + r.stateBytes() + r.scratchBytes()));
        row(h, "synaptic ops per step", String.format(Locale.ROOT, "%,d with every input active", r.synapticOpsPerStep()));
        h.append("</table>\n<h2>Fixed point vs float</h2>\n");
        if (r.calibration() == null) {
            h.append("<p class=\"note\">").append(esc(r.agreementNote())).append("</p>\n");
        } else {
            CompileReport.Calibration c = r.calibration();
            h.append(String.format(Locale.ROOT, "<p>On %d calibration recordings: <b>%.4f</b> of predictions and "
                            + "<b>%.4f</b> of output spike counts agree; max count %d (%s).</p>\n", c.recordings(),
                    c.predictionAgreement(), c.spikeCountAgreement(), r.maxCount(), esc(c.maxCountRule())));
        }
        layerTable(h, r.layers());
        List<LayerReport> synaptic = r.layers().stream().filter(LayerReport::synaptic).toList();
        if (!synaptic.isEmpty()) {
            h.append("<h2>Weight scales and quantisation error</h2>\n");
            img(h, "weight scale per layer", Charts.png(scaleChart(synaptic)));
            img(h, "quantisation error per layer", Charts.png(errorChart(synaptic)));
        }
        if (!r.notes().isEmpty()) {
            h.append("<h2>Notes</h2>\n<ul>\n");
            for (String n : r.notes()) {
                h.append("<li>").append(esc(n)).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        return h.append("</body></html>\n").toString();
    }

    private static void layerTable(StringBuilder h, List<LayerReport> layers) {
        h.append("<h2>Layers</h2>\n<table>\n<tr><th>#</th><th class=\"l\">layer</th><th class=\"l\">operation</th>")
                .append("<th class=\"l\">model</th><th>input</th><th>output</th><th>weight scale</th><th>max weight error</th>")
                .append("<th>beta (fixed)</th><th>alpha (fixed)</th><th>shift</th><th>threshold</th><th>bytes</th>")
                .append("<th>ops/step</th></tr>\n");
        for (LayerReport l : layers) {
            boolean syn = l.synaptic();
            h.append("<tr><td>").append(l.index()).append("</td><td class=\"l\">").append(esc(l.name()))
                    .append("</td><td class=\"l\">").append(esc(l.kind())).append("</td><td class=\"l\">")
                    .append(esc(l.model())).append("</td><td>").append(esc(l.inputShape())).append("</td><td>")
                    .append(esc(l.outputShape())).append("</td><td>")
                    .append(syn ? String.format(Locale.ROOT, "%.3g..%.3g", l.scaleMin(), l.scaleMax()) : "-")
                    .append("</td><td>").append(syn ? String.format(Locale.ROOT, "%.2g", l.maxRelWeightError()) : "-")
                    .append("</td><td>").append(syn ? factor(l.beta(), l.betaFixed()) : "-")
                    .append("</td><td>").append(syn && l.alpha() > 0 ? factor(l.alpha(), l.alphaFixed()) : "-")
                    .append("</td><td>").append(syn ? String.valueOf(l.inputShift()) : "-")
                    .append("</td><td>").append(syn && l.thresholdMax() > 0 ? l.thresholdMin() + ".." + l.thresholdMax() : "-")
                    .append("</td><td>").append(String.format(Locale.ROOT, "%,d", l.parameterBytes() + l.stateBytes()))
                    .append("</td><td>").append(String.format(Locale.ROOT, "%,d", l.synapticOpsPerStep()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    static CategoryChart scaleChart(List<LayerReport> layers) {
        CategoryChart c = new CategoryChartBuilder().width(900).height(380)
                .title("Weight scale per layer (real weight = int8 x scale)").xAxisTitle("layer")
                .yAxisTitle("scale").build();
        Charts.style(c.getStyler());
        // points, not bars: XChart's bars start at zero, which a logarithmic axis cannot show
        c.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
        c.getStyler().setMarkerSize(12);
        c.getStyler().setYAxisDecimalPattern("0.###E0");
        double lo = layers.stream().mapToDouble(LayerReport::scaleMin).min().orElse(1);
        double hi = layers.stream().mapToDouble(LayerReport::scaleMax).max().orElse(1);
        // XChart labels a logarithmic axis at whole decades only: use one when the scales span them
        c.getStyler().setYAxisLogarithmic(lo > 0 && hi / lo > 20);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        List<String> names = names(layers);
        c.addSeries("smallest", names, layers.stream().map(l -> (Number) l.scaleMin()).toList());
        c.addSeries("largest", names, layers.stream().map(l -> (Number) l.scaleMax()).toList());
        return c;
    }

    static CategoryChart errorChart(List<LayerReport> layers) {
        CategoryChart c = new CategoryChartBuilder().width(900).height(380)
                .title("Quantisation error per layer (%)").xAxisTitle("layer").yAxisTitle("error (%)").build();
        Charts.style(c.getStyler());
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        List<String> names = names(layers);
        c.addSeries("largest weight error, of the row's largest weight", names,
                layers.stream().map(l -> (Number) (100 * l.maxRelWeightError())).toList());
        c.addSeries("membrane leak error, of beta", names, layers.stream()
                .map(l -> (Number) (l.beta() > 0 ? 100 * Math.abs(l.beta() - l.betaFixed()) / l.beta() : 0.0)).toList());
        return c;
    }

    private static List<String> names(List<LayerReport> layers) {
        List<String> out = new ArrayList<>();
        for (LayerReport l : layers) {
            out.add(l.index() + " " + l.name());
        }
        return out;
    }

    private static String factor(double real, double fixed) {
        return String.format(Locale.ROOT, "%.6f (%.6f)", real, fixed);
    }

    private static void row(StringBuilder h, String key, String value) {
        h.append("<tr><th class=\"l\">").append(esc(key)).append("</th><td class=\"l\">").append(esc(value))
                .append("</td></tr>\n");
    }

    private static void img(StringBuilder h, String alt, byte[] png) {
        h.append("<img alt=\"").append(esc(alt)).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\">\n");
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
