/**
 * The spike program as the runtime sees it: {@link io.neuroedge.runtime.program.ProgramLoader} verifies
 * {@code .nsp} bytes into an immutable {@link io.neuroedge.runtime.program.ExecutionPlan} whose layers
 * carry their {@link io.neuroedge.runtime.program.NeuronParams}, in three passes (container,
 * structure, contents; neuron parameters are checked in one class);
 * {@link io.neuroedge.runtime.program.ProgramBuilder} and {@link io.neuroedge.runtime.program.SpikePrograms}
 * assemble, seal and write programs, {@link io.neuroedge.runtime.program.LearnedBody} writes learned
 * weights back into a body, and {@link io.neuroedge.runtime.program.Rounding} holds the rounding rules
 * from real parameters to the program's integers that the compiler and the on-device learner share.
 * Semantics: docs/spike-program.md.
 */
package io.neuroedge.runtime.program;
