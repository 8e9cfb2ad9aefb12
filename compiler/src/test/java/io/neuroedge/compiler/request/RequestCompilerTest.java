package io.neuroedge.compiler.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.neuroedge.compiler.lower.CompiledProgram;
import io.neuroedge.compiler.report.CompileReport;
import io.neuroedge.runtime.input.EventSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A compile request carried out on a real NIR CNN, with sample recordings the test makes up. */
class RequestCompilerTest {

    private static Path cnn() {
        String prop = System.getProperty("neuroedge.shared");
        if (prop == null || prop.isBlank()) {
            fail("system property neuroedge.shared is not set (surefire passes the shared data folder)");
        }
        Path file = Path.of(prop).resolve("nir/cnn/cnn_sinabs.nir");
        if (!Files.isRegularFile(file)) {
            fail("shared NIR fixture missing: " + file.toAbsolutePath());
        }
        return file;
    }

    /** Recordings of random events on the 34x34 N-MNIST sensor, 300 ms each. */
    private static SampleRecordings random(int count) {
        return new SampleRecordings() {
            @Override
            public int size() {
                return count;
            }

            @Override
            public void replay(int index, EventSink sink) {
                SplittableRandom rnd = new SplittableRandom(index);
                for (int e = 0; e < 4000; e++) {
                    sink.event(rnd.nextInt(34), rnd.nextInt(34), rnd.nextInt(2), e * 75L);
                }
            }
        };
    }

    private static CompileRequest request(Double dt, Integer maxCount, SampleRecordings.Source samples) {
        return new CompileRequest(dt, "sinabs", null, maxCount, null, samples, "test");
    }

    @Test
    void calibrationPicksTheBoundItReportsAndMeasuresAgreement() throws Exception {
        CompiledProgram p = new RequestCompiler().compile(cnn(), request(1e-3, null, () -> random(3)));
        CompileReport.Calibration c = p.report().calibration();
        assertEquals(3, c.recordings());
        assertEquals("99.9% of the sample counts are <= " + p.plan().input().maxCount(), c.maxCountRule());
        assertEquals(p.plan().input().maxCount(), p.report().maxCount());
        assertTrue(c.predictionAgreement() >= 0 && c.predictionAgreement() <= 1, c.toString());
        assertTrue(c.spikeCountAgreement() > 0 && c.spikeCountAgreement() <= 1, c.toString());
    }

    @Test
    void aGivenBoundIsKeptAndOnlyAgreementIsMeasured() throws Exception {
        CompiledProgram p = new RequestCompiler().compile(cnn(), request(1e-3, 9, () -> random(2)));
        assertEquals(9, p.plan().input().maxCount());
        assertEquals("given", p.report().calibration().maxCountRule());
        assertEquals(2, p.report().calibration().recordings());
    }

    @Test
    void withoutSamplesNothingIsCalibrated() throws Exception {
        CompiledProgram p = new RequestCompiler().compile(cnn(), request(1e-3, null, null));
        assertEquals(null, p.report().calibration());
        assertEquals(15, p.plan().input().maxCount());
        assertFalse(p.report().notes().stream().anyMatch(n -> n.startsWith("compile options recorded")));
    }

    @Test
    void aMissingStepIsReportedBeforeTheSamplesAreListed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RequestCompiler()
                .compile(cnn(), request(null, null, () -> fail("samples listed before the options were checked"))));
        assertEquals("--dt is required to compile a NIR model (e.g. --dt 1e-3)", e.getMessage());
    }
}
