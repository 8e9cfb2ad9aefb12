package io.neuroedge.host.cli;

import io.neuroedge.compiler.report.CompileReport;
import io.neuroedge.host.eval.RecordingRunner;
import io.neuroedge.events.EventFormats;
import io.neuroedge.runtime.input.EventBinner;
import io.neuroedge.runtime.program.ExecutionPlan;
import io.neuroedge.runtime.simd.KernelProviders;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** {@code compile --calibrate}: what sample recordings say about input scaling and fixed-point agreement. */
final class Calibration {

    private Calibration() {
    }

    /** The first {@code limit} regular files of {@code dir} (recursively), by name. */
    static List<Path> recordings(Path dir, int limit) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--calibrate " + dir + " is not a folder");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("--calibrate-limit must be at least 1, got " + limit);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).filter(Calibration::isRecording).sorted().limit(limit).toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("--calibrate " + dir + " holds no event recording");
        }
        return files;
    }

    private static boolean isRecording(Path file) {
        try {
            EventFormats.open(file);
            return true;
        } catch (IOException e) {
            return false; // labels, notes and other files in the folder are not samples
        }
    }

    /**
     * The smallest per-element, per-step count that covers {@code quantile} of the non-zero counts
     * the samples produce when binned by {@code probe} (which must saturate at 127).
     */
    static int maxCount(ExecutionPlan probe, List<Path> samples, double quantile) throws IOException {
        long[] histogram = new long[128];
        EventBinner.StepSink tally = counts -> {
            for (byte c : counts) {
                if (c > 0) {
                    histogram[c]++;
                }
            }
        };
        for (Path file : samples) {
            EventBinner binner = new EventBinner(probe.input(), tally);
            EventFormats.open(file).read(file, binner);
            binner.flush();
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

    /** Runs the program and its float reference over the samples and measures their agreement. */
    static CompileReport.Calibration agreement(ExecutionPlan plan, List<Path> samples, String rule)
            throws IOException, InterruptedException {
        List<RecordingRunner.Outcome> outcomes = new RecordingRunner(plan, KernelProviders.get(), true,
                Runtime.getRuntime().availableProcessors()).run(samples);
        int samePrediction = 0;
        long sameCounts = 0;
        long counts = 0;
        for (RecordingRunner.Outcome o : outcomes) {
            if (o.predicted() == o.floatPredicted()) {
                samePrediction++;
            }
            for (int k = 0; k < o.spikeCounts().length; k++) {
                counts++;
                if (o.spikeCounts()[k] == o.floatSpikeCounts()[k]) {
                    sameCounts++;
                }
            }
        }
        return new CompileReport.Calibration(outcomes.size(), rule, (double) samePrediction / outcomes.size(),
                (double) sameCounts / counts);
    }
}
