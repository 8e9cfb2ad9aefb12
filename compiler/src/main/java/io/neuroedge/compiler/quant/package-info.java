/**
 * Quantization building blocks: int8 weights with per-output-channel scales, fixed-point leak
 * factors, and the choice of a layer's fractional state bits. They turn real-valued layer
 * parameters into the integers of a spike program (docs/spike-program.md) and report what the
 * rounding cost.
 */
package io.neuroedge.compiler.quant;
