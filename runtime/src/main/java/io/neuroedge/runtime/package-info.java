/**
 * The NeuroEdge runtime: loads and verifies a spike program into an immutable plan
 * ({@code program}), runs it step by step with fixed-point kernels chosen once at start-up
 * ({@code simd}, {@code engine}), bins camera events into steps ({@code input}) and offers a float
 * reference interpreter of the same program ({@code reference}). Depends on {@code proto} only;
 * its I/O is reading a program, reading the IDX image data sets training and evaluation use
 * ({@code data}), and the one atomic file replace every module's writers share ({@code io}).
 */
package io.neuroedge.runtime;
