package io.neuroedge.host.sim;

/**
 * Settings of {@link DvsSimulator}.
 *
 * @param contrastThreshold   nominal log-intensity change C that fires one event (both polarities)
 * @param thresholdSigma      standard deviation of the per-pixel thresholds around C (0 = identical pixels)
 * @param noiseRateHz         background events per pixel per second, random polarity (0 = none)
 * @param epsilon             offset in {@code log(I + epsilon)}; keeps black finite and damps dark-pixel contrast
 * @param seed                seed of the mismatch and noise generator
 */
public record DvsParameters(double contrastThreshold, double thresholdSigma, double noiseRateHz, double epsilon,
                            long seed) {

    /** Smallest per-pixel threshold after mismatch; a zero threshold would fire without end. */
    public static final double MIN_THRESHOLD = 0.01;

    /** C = 0.25, sigma = 0.03, no noise, epsilon = 0.1 (for intensities in 0..1), seed 1. */
    public static final DvsParameters DEFAULT = new DvsParameters(0.25, 0.03, 0.0, 0.1, 1L);

    /** Checks the ranges. */
    public DvsParameters {
        if (!(contrastThreshold >= MIN_THRESHOLD) || Double.isInfinite(contrastThreshold)) {
            throw new IllegalArgumentException("contrast threshold must be >= " + MIN_THRESHOLD + ": " + contrastThreshold);
        }
        if (!(thresholdSigma >= 0) || Double.isInfinite(thresholdSigma)) {
            throw new IllegalArgumentException("threshold sigma must be >= 0: " + thresholdSigma);
        }
        if (!(noiseRateHz >= 0) || Double.isInfinite(noiseRateHz)) {
            throw new IllegalArgumentException("noise rate must be >= 0: " + noiseRateHz);
        }
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be > 0: " + epsilon);
        }
    }

    /** The same settings with another contrast threshold. */
    public DvsParameters withContrastThreshold(double c) {
        return new DvsParameters(c, thresholdSigma, noiseRateHz, epsilon, seed);
    }

    /** The same settings with another threshold mismatch. */
    public DvsParameters withThresholdSigma(double sigma) {
        return new DvsParameters(contrastThreshold, sigma, noiseRateHz, epsilon, seed);
    }

    /** The same settings with another noise rate. */
    public DvsParameters withNoiseRateHz(double rate) {
        return new DvsParameters(contrastThreshold, thresholdSigma, rate, epsilon, seed);
    }

    /** The same settings with another seed. */
    public DvsParameters withSeed(long s) {
        return new DvsParameters(contrastThreshold, thresholdSigma, noiseRateHz, epsilon, s);
    }
}
