package io.neuroedge.compiler.request;

import io.neuroedge.compiler.report.CompileReport;
import io.neuroedge.runtime.engine.Engine;
import io.neuroedge.runtime.engine.Parallel;
import io.neuroedge.runtime.input.EventBinner;
import io.neuroedge.runtime.input.InputPipeline;
import io.neuroedge.runtime.program.ExecutionPlan;
import io.neuroedge.runtime.reference.FloatReference;
import io.neuroedge.runtime.simd.KernelProviders;

import java.io.IOException;
import java.io.UncheckedIOException;

/** {@code compile --calibrate}: what sample recordings say about input scaling and fixed-point agreement. */
final class Calibration {

    private Calibration() {
    }

    /**
     * The smallest per-element, per-step count that covers {@code quantile} of the non-zero counts
     * the samples produce when binned by {@code probe} (which must saturate at 127).
     */
    static int maxCount(ExecutionPlan probe, SampleRecordings samples, double quantile) throws IOException {
        long[] histogram = new long[128];
        EventBinner.StepSink tally = counts -> {
            for (byte c : counts) {
                if (c > 0) {
                    histogram[c]++;
                }
            }
        };
        for (int k = 0; k < samples.size(); k++) {
            // through the program's event filters, as every runner of it will bin them
            InputPipeline input = new InputPipeline(probe.input(), tally);
            samples.replay(k, input);
            input.flush();
        }
        long total = 0;
        for (long h : histogram) {
            total += h;
        }
        if (total == 0) {
            throw new IllegalArgumentException("the calibration recordings put no event into the model's input");
        }
        long covered = 0;
        for (int c = 1; c < histogram.length; c++) {
            covered += histogram[c];
            if (covered >= quantile * total) {
                return c;
            }
        }
        return 127;
    }

    /** Runs the program and its float reference over the samples (on all cores) and measures their agreement. */
    static CompileReport.Calibration agreement(ExecutionPlan plan, SampleRecordings samples, String rule)
            throws IOException, InterruptedException {
        if (plan.input().events().isEmpty()) {
            throw new IllegalArgumentException("program '" + plan.name() + "' declares no event encoding to bin recordings");
        }
        int n = samples.size();
        boolean[] samePrediction = new boolean[n];
        int[] sameCounts = new int[n];
        int[] counts = new int[n];
        Parallel.forEachIndex(n, Runtime.getRuntime().availableProcessors(), () -> {
            Engine engine = new Engine(plan, KernelProviders.get());
            FloatReference reference = new FloatReference(plan);
            return k -> {
                engine.reset();
                reference.reset();
                InputPipeline fixed = new InputPipeline(plan.input(), engine::step);
                InputPipeline real = new InputPipeline(plan.input(), reference::step);
                try {
                    // one decoding feeds both: each pipeline sees the recording's events in order
                    samples.replay(k, (x, y, polarity, timeUs) -> {
                        fixed.event(x, y, polarity, timeUs);
                        real.event(x, y, polarity, timeUs);
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                fixed.flush();
                real.flush();
                samePrediction[k] = engine.predicted() == reference.predicted();
                int[] a = engine.spikeCounts();
                int[] b = reference.spikeCounts();
                for (int i = 0; i < a.length; i++) {
                    sameCounts[k] += a[i] == b[i] ? 1 : 0;
                }
                counts[k] = a.length;
            };
        });
        int predictions = 0;
        long same = 0;
        long all = 0;
        for (int k = 0; k < n; k++) {
            predictions += samePrediction[k] ? 1 : 0;
            same += sameCounts[k];
            all += counts[k];
        }
        return new CompileReport.Calibration(n, rule, (double) predictions / n, (double) same / all);
    }
}
