package io.neuroedge.runtime.simd;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector constants of {@link PanamaKernels}. They live here, apart from every class the scalar
 * fallback loads, because without {@code --add-modules jdk.incubator.vector} merely initialising a
 * field of a vector type throws {@link NoClassDefFoundError}. All are {@code static final} so that
 * C2 folds them; a species read from a non-final field defeats the intrinsics and boxes vectors.
 */
final class PanamaConstants {

    /** Width of the preferred int vectors: 64 without C2, 128 on NEON, 512 on AVX-512. */
    static final int PREFERRED_BITS = IntVector.SPECIES_PREFERRED.vectorBitSize();

    /** Kernel width: the widest of 512, 256 and 128 not above the preferred width, else 0. */
    static final int BITS = PREFERRED_BITS >= 512 ? 512 : PREFERRED_BITS >= 256 ? 256 : PREFERRED_BITS >= 128 ? 128 : 0;

    /** Int lanes at the kernel width (4, 8 or 16), for the per-neuron kernel. */
    static final VectorSpecies<Integer> INT = VectorSpecies.of(int.class, shape(BITS));

    /** Float lanes at the kernel width, for the training kernels. */
    static final VectorSpecies<Float> FLOAT = VectorSpecies.of(float.class, shape(BITS));

    /** Byte lanes at the kernel width (16, 32 or 64), for scanning activations. */
    static final VectorSpecies<Byte> BYTE = VectorSpecies.of(byte.class, shape(BITS));

    /**
     * As many byte lanes as {@link #INT} has, for storing spike flags. Only meaningful from 256 bits:
     * there is no 32-bit shape, so at 128 bits the kernel packs its four flags without it.
     */
    static final VectorSpecies<Byte> SPIKE_BYTES = VectorSpecies.of(byte.class, shape(BITS / 4));

    private PanamaConstants() {
    }

    /** Shape of at least 64 bits, so that initialisation never fails; the kernels reject BITS == 0. */
    private static VectorShape shape(int bits) {
        return VectorShape.forBitSize(Math.max(bits, 64));
    }
}
