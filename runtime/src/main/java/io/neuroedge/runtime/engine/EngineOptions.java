package io.neuroedge.runtime.engine;

/**
 * How an engine chooses between the sparse path (accumulate the weight rows of active inputs) and
 * the dense path (dot products over all inputs) of each synaptic layer.
 *
 * @param path           force one path, or choose per layer and step by input density
 * @param sparseDensity  with {@link Path#AUTO}, the sparse path runs when at most this fraction of
 *                       a layer's inputs are active in a step
 */
public record EngineOptions(Path path, double sparseDensity) {

    /** Crossover measured with {@code neuroedge bench runtime} (docs/performance.md). */
    public static final double DEFAULT_SPARSE_DENSITY = 0.10;

    public static final EngineOptions DEFAULT = new EngineOptions(Path.AUTO, DEFAULT_SPARSE_DENSITY);

    public enum Path { AUTO, SPARSE, DENSE }

    public EngineOptions {
        if (!(sparseDensity >= 0 && sparseDensity <= 1)) {
            throw new IllegalArgumentException("sparse density must be in [0, 1], got " + sparseDensity);
        }
    }

    public static EngineOptions forced(Path path) {
        return new EngineOptions(path, DEFAULT_SPARSE_DENSITY);
    }

    /** Largest number of active inputs (of {@code inputs}) for which the sparse path runs. */
    int sparseLimit(int inputs) {
        return switch (path) {
            case SPARSE -> inputs;
            case DENSE -> -1;
            case AUTO -> (int) (inputs * sparseDensity);
        };
    }
}
