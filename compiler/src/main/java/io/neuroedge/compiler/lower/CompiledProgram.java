package io.neuroedge.compiler.lower;

import io.neuroedge.compiler.report.CompileReport;
import io.neuroedge.proto.program.ProgramBody;
import io.neuroedge.runtime.program.ExecutionPlan;

/**
 * The compiler's result.
 *
 * @param body   the program body, verified
 * @param plan   the same program as the loader sees it
 * @param report what the compilation did
 */
public record CompiledProgram(ProgramBody body, ExecutionPlan plan, CompileReport report) {
}
