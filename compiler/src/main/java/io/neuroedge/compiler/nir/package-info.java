/**
 * NIR import and export: reads Neuromorphic Intermediate Representation files (HDF5, {@code .nir})
 * into an immutable graph IR ({@link io.neuroedge.compiler.nir.NirGraph}, {@link io.neuroedge.compiler.nir.NirNode}),
 * checks that graph ({@link io.neuroedge.compiler.nir.NirValidator}): endpoint resolution, shape
 * inference from {@code Input}, known exporter defects, recurrence and a topological order; and writes
 * graphs back as NIR files ({@link io.neuroedge.compiler.nir.NirWriter}).
 *
 * <p>This package owns the file format and the structural meaning of a NIR graph only. It applies no
 * discretisation: NIR is continuous-time and carries no {@code dt}, reset mode or spike convention, so
 * those belong to the later compile stages.
 */
package io.neuroedge.compiler.nir;
