package io.neuroedge.runtime.program;

/**
 * The rounding rules from real parameters to a program's fixed-point ones, written once for the
 * compiler's quantizer and the on-device learner's requantizer so that both produce the same
 * numbers: weights are symmetric int8 in -127..127 (round half up, then saturate), one state unit of
 * a row is its weight scale times the input unit over {@code 2^inputShift}, and a threshold is a
 * whole number of state units in 1..STATE_MAX.
 */
public final class Rounding {

    /** Largest magnitude of a quantized weight: the range is symmetric, -128 is never used. */
    public static final int INT8_MAX = 127;

    private Rounding() {
    }

    /** An already rounded weight, saturated to -127..127. */
    public static byte int8(long rounded) {
        return (byte) Math.max(-INT8_MAX, Math.min(INT8_MAX, rounded));
    }

    /** The int8 of a real weight {@code w} at {@code scale} (the compiler's form, in double). */
    public static byte int8(double w, float scale) {
        return int8(Math.round(w / scale));
    }

    /**
     * The int8 of a float weight by the reciprocal of its scale (the learner's form: a
     * multiplication per weight instead of a division keeps re-quantizing cheap).
     */
    public static byte int8ByReciprocal(float w, float inverseScale) {
        return int8(Math.round(w * inverseScale));
    }

    /** Real value of one state unit of a row: {@code scale · inputUnit / 2^inputShift}. */
    public static double stateUnit(float scale, double inputUnit, int inputShift) {
        return scale * inputUnit / (double) (1L << inputShift);
    }

    /** A real threshold as a whole number of state units, at least 1 and at most STATE_MAX. */
    public static int threshold(double real, double unit) {
        return (int) Math.max(1, Math.min(NeuronParams.STATE_MAX, Math.round(real / unit)));
    }
}
