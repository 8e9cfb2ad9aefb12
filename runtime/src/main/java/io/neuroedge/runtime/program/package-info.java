/**
 * The spike program as the runtime sees it: {@link io.neuroedge.runtime.program.ProgramLoader} verifies
 * {@code .nsp} bytes into an immutable {@link io.neuroedge.runtime.program.ExecutionPlan};
 * {@link io.neuroedge.runtime.program.ProgramBuilder} and {@link io.neuroedge.runtime.program.SpikePrograms}
 * assemble, seal and write programs. Semantics: docs/spike-program.md.
 */
package io.neuroedge.runtime.program;
