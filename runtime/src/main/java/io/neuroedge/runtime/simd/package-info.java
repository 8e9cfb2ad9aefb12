/**
 * The fixed-point kernels: {@link io.neuroedge.runtime.simd.ScalarKernels} is the executable
 * specification, the Panama kernels are its Vector API implementation (bit-exact, tested), and
 * {@link io.neuroedge.runtime.simd.KernelProviders} chooses once per process and logs any fallback.
 */
package io.neuroedge.runtime.simd;
