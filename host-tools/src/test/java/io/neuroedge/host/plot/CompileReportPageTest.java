package io.neuroedge.host.plot;

import io.neuroedge.compiler.report.CompileReport;
import io.neuroedge.compiler.report.LayerReport;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompileReportPageTest {

    private static CompileReport report() {
        LayerReport conv = new LayerReport(0, "conv<1>", "conv2d 2->16 k5 s2 p1", "LIF", "2x34x34", "16x16x16",
                0.0011, 0.0042, 0.0039, 0.9, 0.8999, -1, -1, 6, 120, 340, 12_000, 8_000, 100_000);
        LayerReport pool = new LayerReport(1, "pool", "sum pool 2x2", "-", "16x16x16", "16x8x8",
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, -1, -1, -1, 0, 1024, 0);
        return new CompileReport("cnn.nir", "ab12", 1e-3, "sinabs", "euler", 3, "34x34 sensor, 1000 us bins",
                "SPIKE_COUNT", List.of(conv, pool), 12_000, 9_024, 4_096, 100_000, List.of("a note & more"));
    }

    @Test
    void shouldBeOneSelfContainedPageWithARowPerLayerAndInlineCharts() throws Exception {
        String html = CompileReportPage.html(report());
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "plot-samples"));
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "plot-samples", "compile-report.html"), html);

        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<td class=\"l\">conv&lt;1&gt;</td>"), "names are escaped");
        assertTrue(html.contains("<td class=\"l\">pool</td>"));
        assertTrue(html.contains("<li>a note &amp; more</li>"));
        assertTrue(html.contains("agreement with the float model was not measured"));
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("<script"),
                "no network, no scripts: boards and CI are offline");

        Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        int images = 0;
        while (m.find()) {
            PngImages.decode("compile-report-" + images, Base64.getDecoder().decode(m.group(1)));
            images++;
        }
        assertEquals(2, images, "weight scales and quantisation errors");
    }

    @Test
    void shouldShowMeasuredAgreement() {
        String html = CompileReportPage.html(report().withCalibration(
                new CompileReport.Calibration(100, "99.9 % of counts <= 3", 0.99, 0.975)));
        assertTrue(html.contains("On 100 calibration recordings: <b>0.9900</b> of predictions and <b>0.9750</b>"), html);
        assertFalse(html.contains("was not measured"));
    }
}
