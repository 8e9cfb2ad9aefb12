package io.neuroedge.compiler.quant;

/**
 * A factor in [0, 1] as {@code multiplier / 2^shift}, the form of a spike program's leaks
 * (multiplier ≤ 32767, shift ≤ 15). A factor of exactly 1 is {@code 1 / 2^0}.
 *
 * @param multiplier 0..32767
 * @param shift      0..15
 * @param error      |factor - multiplier / 2^shift|
 */
public record FixedPointFactor(int multiplier, int shift, double error) {

    public static final int SHIFT = 15;

    /** The nearest representable factor with the finest resolution (1/32768). */
    public static FixedPointFactor of(double factor) {
        if (!(factor >= 0 && factor <= 1)) {
            throw new IllegalArgumentException("leak factor must be in [0, 1], got " + factor);
        }
        long m = Math.round(factor * (1 << SHIFT));
        if (m >= 1 << SHIFT) {
            // 1 itself (or a factor that rounds to it) keeps the state unchanged
            return new FixedPointFactor(1, 0, Math.abs(factor - 1));
        }
        return new FixedPointFactor((int) m, SHIFT, Math.abs(factor - m / (double) (1 << SHIFT)));
    }

    public double value() {
        return multiplier / (double) (1 << shift);
    }
}
