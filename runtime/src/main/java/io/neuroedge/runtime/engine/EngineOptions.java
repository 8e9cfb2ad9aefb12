package io.neuroedge.runtime.engine;

import io.neuroedge.runtime.simd.KernelProvider;

/**
 * How an engine chooses between the sparse path (add the weight row of each active input) and the
 * dense path (dot products over all inputs) of each synaptic layer. Both compute the same sums;
 * the choice is only about speed, so it is made per layer and per step from the number of active
 * inputs.
 *
 * <p>For a dense layer the sparse path pays per active input for one row of {@code outputs}
 * weights, which the vector kernels cover in {@code outputs / lanes} vector operations plus a
 * scalar tail; so the narrower the layer (in vectors), the earlier the dense path wins. The
 * thresholds are therefore given for three widths: narrower than one vector, narrower than four,
 * and wider.
 *
 * @param path           force one path, or choose by input density ({@link Path#AUTO})
 * @param lanes          32-bit lanes of the kernels' vectors (1 for scalar kernels)
 * @param narrowDensity  sparse up to this fraction of active inputs when outputs &lt; lanes
 * @param mediumDensity  ... when outputs &lt; 4 x lanes
 * @param wideDensity    ... for wider dense layers
 * @param convDensity    ... for convolution layers
 */
public record EngineOptions(Path path, int lanes, double narrowDensity, double mediumDensity, double wideDensity,
                            double convDensity) {

    public enum Path { AUTO, SPARSE, DENSE }

    /**
     * Crossovers measured on this project's reference machine (AVX-512; docs/performance.md) with
     * single dense layers of 10 to 512 outputs and the standard conv network. With the vector
     * kernels a wide dense layer's sparse path wins up to about half of its inputs active, a layer
     * narrower than one vector only below ~5%; with the scalar kernels the dot products are slow
     * enough that the sparse path almost always wins.
     */
    public static EngineOptions defaultsFor(KernelProvider kernels) {
        int bits = kernels.vectorBitSize();
        return bits > 0
                ? new EngineOptions(Path.AUTO, bits / 32, 0.05, 0.25, 0.5, 0.3)
                : new EngineOptions(Path.AUTO, 16, 0.75, 1.0, 1.0, 0.4);
    }

    public EngineOptions {
        if (path == null) {
            throw new IllegalArgumentException("path must not be null");
        }
        if (lanes < 1) {
            throw new IllegalArgumentException("lanes must be at least 1, got " + lanes);
        }
        checkDensity("narrow", narrowDensity);
        checkDensity("medium", mediumDensity);
        checkDensity("wide", wideDensity);
        checkDensity("conv", convDensity);
    }

    private static void checkDensity(String what, double density) {
        if (!(density >= 0 && density <= 1)) {
            throw new IllegalArgumentException(what + " sparse density must be in [0, 1], got " + density);
        }
    }

    /** Always one path (for tests and benchmarks). */
    public static EngineOptions forced(Path path) {
        return new EngineOptions(path, 16, 0.05, 0.25, 0.5, 0.3);
    }

    /** Largest number of active inputs of a dense layer for which its sparse path runs. */
    int denseSparseLimit(int inputs, int outputs) {
        double density = outputs < lanes ? narrowDensity : outputs < 4 * lanes ? mediumDensity : wideDensity;
        return limit(inputs, density);
    }

    /** Largest number of active inputs of a convolution for which its sparse path runs. */
    int convSparseLimit(int inputs) {
        return limit(inputs, convDensity);
    }

    private int limit(int inputs, double density) {
        return switch (path) {
            case SPARSE -> inputs;
            case DENSE -> -1;
            case AUTO -> (int) (inputs * density);
        };
    }
}
