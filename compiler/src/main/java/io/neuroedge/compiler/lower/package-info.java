/**
 * Lowering of a validated NIR graph to a spike program: chain extraction, discretisation of the
 * neurons under a profile, per-channel quantisation, and assembly with the runtime's
 * {@code ProgramBuilder}. Entry point: {@link io.neuroedge.compiler.lower.NirCompiler}.
 */
package io.neuroedge.compiler.lower;
