package io.neuroedge.runtime.engine;

import io.neuroedge.runtime.simd.KernelProvider;

/**
 * How an engine chooses between the sparse path (accumulate the weight rows of active inputs) and
 * the dense path (dot products over all inputs) of each synaptic layer. Both compute the same sums;
 * the choice is only about speed, so it is made per layer and per step from the number of active
 * inputs.
 *
 * @param path              force one path, or choose by input density
 * @param denseLayerDensity with {@link Path#AUTO}, a dense layer takes the sparse path when at most
 *                          this fraction of its inputs is active
 * @param convLayerDensity  the same for convolution layers
 */
public record EngineOptions(Path path, double denseLayerDensity, double convLayerDensity) {

    public enum Path { AUTO, SPARSE, DENSE }

    /**
     * Crossovers measured with {@code neuroedge bench runtime --path sparse,dense} on the standard
     * networks (docs/performance.md). With the vector kernels a dense layer's sparse path wins up to
     * about half of its inputs active, a convolution's up to about 30%; with the scalar kernels the
     * dense dot products are slow enough that a dense layer is always faster sparse.
     */
    public static EngineOptions defaultsFor(KernelProvider kernels) {
        return kernels.vectorBitSize() > 0
                ? new EngineOptions(Path.AUTO, 0.5, 0.3)
                : new EngineOptions(Path.AUTO, 1.0, 0.4);
    }

    public EngineOptions {
        if (path == null) {
            throw new IllegalArgumentException("path must not be null");
        }
        checkDensity("dense layer", denseLayerDensity);
        checkDensity("conv layer", convLayerDensity);
    }

    private static void checkDensity(String what, double density) {
        if (!(density >= 0 && density <= 1)) {
            throw new IllegalArgumentException(what + " sparse density must be in [0, 1], got " + density);
        }
    }

    /** Always one path (for tests and benchmarks). */
    public static EngineOptions forced(Path path) {
        return new EngineOptions(path, 0.5, 0.3);
    }

    /** Largest number of active inputs (of {@code inputs}) for which the sparse path runs. */
    int sparseLimit(int inputs, boolean conv) {
        return switch (path) {
            case SPARSE -> inputs;
            case DENSE -> -1;
            case AUTO -> (int) (inputs * (conv ? convLayerDensity : denseLayerDensity));
        };
    }
}
