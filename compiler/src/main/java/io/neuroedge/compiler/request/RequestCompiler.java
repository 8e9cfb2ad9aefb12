package io.neuroedge.compiler.request;

import io.neuroedge.compiler.lower.CompiledProgram;
import io.neuroedge.compiler.lower.ModelCompiler;
import io.neuroedge.compiler.lower.NirCompiler;
import io.neuroedge.compiler.nir.NirFormatException;
import io.neuroedge.compiler.nir.NirReader;
import io.neuroedge.compiler.profile.CompileOptions;
import io.neuroedge.compiler.profile.RecordedOptions;
import io.neuroedge.compiler.report.CompileReport;
import io.neuroedge.proto.program.ProgramBody;
import io.neuroedge.runtime.input.EventFilterSpec;
import io.neuroedge.runtime.program.ExecutionPlan;
import io.neuroedge.runtime.program.InvalidProgramException;
import io.neuroedge.runtime.program.MemoryFootprint;
import io.neuroedge.runtime.program.ProgramBuilder;
import io.neuroedge.runtime.program.ProgramLoader;
import io.neuroedge.runtime.program.SpikePrograms;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Carries out a {@link CompileRequest}: a trained model ({@code .nem}) through the
 * {@link ModelCompiler}; a NIR model through the {@link NirCompiler} with its options resolved
 * (given over recorded over defaults) and, with sample recordings, the input bound calibrated on them
 * and the fixed-point program's agreement with its float reference measured. The returned program's
 * report carries the notes on recorded and overridden options and the calibration.
 */
public final class RequestCompiler {

    /** Share of the sample counts the calibrated input bound covers. */
    private static final double COVERED = 0.999;

    /** @throws IllegalArgumentException the request does not fit the model, or the model is malformed */
    public CompiledProgram compile(Path model, CompileRequest request) throws IOException, InterruptedException {
        if (ModelCompiler.looksLikeModel(readHead(model))) {
            return withFilters(compileTrained(model, request), request);
        }
        Optional<CompileOptions> recorded = recordedOptions(model);
        if (request.dt() == null && recorded.isEmpty()) {
            throw new IllegalArgumentException("--dt is required to compile a NIR model (e.g. --dt 1e-3)");
        }
        SampleRecordings samples = request.calibration() == null ? null : request.calibration().open();
        int count = request.maxCount(recorded);
        String rule = request.maxCount() != null ? "given" : "recorded by neuroedge export";
        if (request.maxCount() == null && recorded.isEmpty() && samples != null) {
            // bin the samples through a program that saturates nowhere, then keep 99.9 % of the counts
            ExecutionPlan probe = withFilters(compileNir(model, request.resolve(127, recorded), request), request).plan();
            count = Calibration.maxCount(probe, samples, COVERED);
            rule = "99.9% of the sample counts are <= " + count;
        }
        CompiledProgram p = withFilters(compileNir(model, request.resolve(count, recorded), request), request);
        CompileReport report = p.report();
        for (String note : request.notes(recorded)) {
            report = report.withNote(note);
        }
        if (samples != null) {
            report = report.withCalibration(Calibration.agreement(p.plan(), samples, rule));
        }
        return new CompiledProgram(p.body(), p.plan(), report);
    }

    private static CompiledProgram compileTrained(Path model, CompileRequest request) throws IOException {
        if (request.dt() != null || request.calibration() != null || request.maxCount() != null) {
            throw new IllegalArgumentException("--dt, --max-count and --calibrate apply to NIR models; "
                    + model + " is a trained model with its own step and input encoding");
        }
        return new ModelCompiler().compile(model, request.sensor() == null ? null
                : CompileOptions.Sensor.parse(request.sensor()), request.commandLine());
    }

    /** The options a NIR file from {@code neuroedge export} records; empty for files of other exporters. */
    private static Optional<CompileOptions> recordedOptions(Path model) throws IOException {
        try {
            return RecordedOptions.of(new NirReader().read(model), model.toString());
        } catch (NirFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static CompiledProgram compileNir(Path model, CompileOptions options, CompileRequest request)
            throws IOException {
        try {
            return new NirCompiler().compile(model, options, request.commandLine());
        } catch (NirFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * The program with the request's event filters: the plan, the memory plan and the report's
     * memory and event lines follow. Calibration then bins its samples through them too.
     */
    static CompiledProgram withFilters(CompiledProgram p, CompileRequest request) {
        EventFilterSpec filters = request.filters();
        if (filters.isNone()) {
            return p;
        }
        try {
            ProgramBody body = ProgramBuilder.withEventFilters(p.body(), filters);
            ExecutionPlan plan = new ProgramLoader().load(SpikePrograms.seal(body).toByteArray());
            CompileReport r = p.report();
            MemoryFootprint m = plan.memory();
            CompileReport report = new CompileReport(r.model(), r.sourceSha256(), r.dt(), r.profile(), r.integrator(),
                    r.maxCount(), r.events() + "; filters: " + filters.describe(), r.readout(), r.layers(),
                    m.weightBytes(), m.stateBytes(), m.scratchBytes(), r.synapticOpsPerStep(), r.notes(),
                    r.calibration());
            return new CompiledProgram(body, plan, report);
        } catch (InvalidProgramException e) {
            // e.g. a sensor so large that the filters' pixel state exceeds the device limit
            throw new IllegalArgumentException("with event filters (" + filters.describe() + "): " + e.getMessage(), e);
        }
    }

    private static byte[] readHead(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return in.readNBytes(8);
        }
    }
}
