/**
 * Lowering of a validated NIR graph to a spike program: chain extraction, discretisation of the
 * neurons under a profile, per-channel quantisation, and assembly with the runtime's
 * {@code ProgramBuilder}. Entry point: {@link io.neuroedge.compiler.lower.NirCompiler}; trained models
 * ({@code .nem}) compile through {@link io.neuroedge.compiler.lower.ModelCompiler} and export to NIR
 * files that compile back to the same program through {@link io.neuroedge.compiler.lower.ModelNirExporter}.
 */
package io.neuroedge.compiler.lower;
