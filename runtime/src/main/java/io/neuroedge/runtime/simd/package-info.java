/**
 * The kernels: {@link io.neuroedge.runtime.simd.ScalarKernels} is the executable specification of
 * the fixed-point arithmetic, the Panama kernels are its Vector API implementation (bit-exact,
 * tested), and {@link io.neuroedge.runtime.simd.KernelProviders} chooses once per process and logs
 * any fallback. The same choice gives the learners their
 * {@link io.neuroedge.runtime.simd.FloatKernels} (float training loops: scalar or Vector API,
 * deterministic each, equal up to summation order). A neuron step reads a population's
 * {@link io.neuroedge.runtime.program.NeuronParams}, which belong to the plan.
 */
package io.neuroedge.runtime.simd;
