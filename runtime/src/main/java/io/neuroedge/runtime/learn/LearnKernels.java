package io.neuroedge.runtime.learn;

import io.neuroedge.runtime.simd.FloatKernels;
import io.neuroedge.runtime.simd.KernelProviders;

/**
 * The process's float kernels, in a static final field so that C2 sees one implementation and
 * inlines it into the learners' loops (the same scalar/vector choice the engine makes).
 */
final class LearnKernels {

    static final FloatKernels FLOAT_KERNELS = KernelProviders.get().floats();

    private LearnKernels() {
    }
}
