package io.neuroedge.runtime.simd;

/**
 * {@code exp(−|x|)} from additions, multiplications and fused multiply-adds only, written once for
 * the scalar kernels and lane for lane in the vector ones, so both give the same bits. The Vector
 * API's own {@code EXP} is not used because its result depends on whether the JIT has compiled the
 * loop yet (an intrinsic then, {@code Math.exp} before), which made two identical training runs
 * differ in the last bits.
 *
 * <p>{@code a = |x| = k·ln2 + r} with {@code k = ⌊a·log2(e) + 1/2⌋} and {@code |r| ≤ ln2/2} (ln2 in
 * two parts, so {@code r} is exact to float precision); {@code e^(−r)} by its degree-7 Taylor
 * polynomial in Horner form (relative error below 1e-8 on that interval, under one float ulp);
 * {@code 2^(−k)} built in the exponent bits. Results below {@code e^(−80)} ≈ 1.8e-35 are 0 — far
 * below {@link FloatKernels#TINY}, and never subnormal.
 */
public final class ExpNegAbs {

    static final float LOG2E = 1.44269504f;
    static final float LN2_HI = 0.693145752f;   // ln2 with its low 12 bits cleared: k·LN2_HI is exact
    static final float LN2_LO = 1.42860677e-6f;
    static final float LIMIT = 80f;
    static final float C2 = 1f / 2;
    static final float C3 = 1f / 6;
    static final float C4 = 1f / 24;
    static final float C5 = 1f / 120;
    static final float C6 = 1f / 720;
    static final float C7 = 1f / 5040;

    private ExpNegAbs() {
    }

    /** exp(−|x|) of one value, the bits every kernel computes for it. */
    public static float of(float x) {
        float a = Math.abs(x);
        if (a > LIMIT) {
            return 0f;
        }
        int k = (int) (a * LOG2E + 0.5f);
        float kf = k;
        float r = Math.fma(kf, -LN2_LO, Math.fma(kf, -LN2_HI, a));
        float y = -r;
        float p = Math.fma(C7, y, C6);
        p = Math.fma(p, y, C5);
        p = Math.fma(p, y, C4);
        p = Math.fma(p, y, C3);
        p = Math.fma(p, y, C2);
        p = Math.fma(p, y, 1f);
        p = Math.fma(p, y, 1f);
        return p * Float.intBitsToFloat((127 - k) << 23);
    }
}
