package io.neuroedge.runtime.learn;

import static io.neuroedge.runtime.learn.LearnKernels.FLOAT_KERNELS;

import java.util.Arrays;

/**
 * A stride-1 convolution as matrix products over a zero-padded copy of its input. Every channel is
 * laid out at the padded width {@code Wp}, so the tap {@code (ky, kx)} of output position
 * {@code oy·Wp + ox} is input position {@code oy·Wp + ox + ky·Wp + kx}: one constant offset per
 * tap for the whole plane. Outputs are computed at the padded width too; the {@code k − 1} extra
 * columns of each row are discarded (and kept zero where they feed a product).
 *
 * <ul>
 *   <li>forward: {@code out[o] += Σ_(c,ky,kx) w[o,c,ky,kx] · xPad[c] shifted by the tap};
 *   <li>weight gradient: {@code gw[o,c,ky,kx] += Σ_p g[o,p] · xPad[c, p + tap]};
 *   <li>spatial error: the same correlation of the error, padded by {@code k − 1 − pad}, with the
 *       kernel flipped and its channels swapped.
 * </ul>
 * Working buffers live per thread (an op is shared by all training workers) and are allocated on
 * first use.
 */
final class PaddedConvolution {

    private final int inC;
    private final int inH;
    private final int inW;
    private final int outC;
    private final int outH;
    private final int outW;
    private final int k;
    private final int pad;
    /** Padded input: width, plane length (+ k so the last row's discarded columns stay in bounds). */
    private final int wp;
    private final int xLen;
    /** Error padded for the spatial error: width and plane length. */
    private final int wg;
    private final int gLen;
    /** Tap offsets into the padded input, per (c, ky, kx); into the padded error, per (o, ky, kx). */
    private final int[] inputTaps;
    private final int[] errorTaps;
    private final ThreadLocal<Buffers> buffers;

    PaddedConvolution(int inC, int inH, int inW, int outC, int k, int pad) {
        this.inC = inC;
        this.inH = inH;
        this.inW = inW;
        this.outC = outC;
        this.k = k;
        this.pad = pad;
        int hp = inH + 2 * pad;
        this.wp = inW + 2 * pad;
        this.outH = hp - k + 1;
        this.outW = wp - k + 1;
        this.xLen = hp * wp + k;
        int gp = k - 1 - pad;
        this.wg = outW + 2 * gp;
        this.gLen = (outH + 2 * gp) * wg + k;
        this.inputTaps = taps(inC, xLen, wp);
        this.errorTaps = taps(outC, gLen, wg);
        this.buffers = ThreadLocal.withInitial(Buffers::new);
    }

    private int[] taps(int channels, int planeLen, int width) {
        int[] t = new int[channels * k * k];
        for (int c = 0, q = 0; c < channels; c++) {
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++) {
                    t[q++] = c * planeLen + ky * width + kx;
                }
            }
        }
        return t;
    }

    /** Per-thread buffers; padding borders are written once (zero) and never touched again. */
    private final class Buffers {
        final float[] xPad = new float[inC * xLen];
        final float[] outWide = new float[outC * outH * wp];
        final float[] gPad = new float[outC * gLen];
        final float[] gInWide = new float[inC * inH * wg];
        final float[] flipped = new float[inC * outC * k * k];
    }

    long bytes() {
        long floats = (long) inC * xLen + (long) outC * outH * wp + (long) outC * gLen + (long) inC * inH * wg
                + (long) inC * outC * k * k;
        return floats * Float.BYTES + (long) (inputTaps.length + errorTaps.length) * Integer.BYTES;
    }

    void forward(float[] w, float[] x, float[] out) {
        Buffers b = buffers.get();
        padInput(x, b.xPad);
        float[] wide = b.outWide;
        Arrays.fill(wide, 0f);
        int n = outH * wp;
        FLOAT_KERNELS.correlate(w, outC, inC * k * k, b.xPad, inputTaps, wide, n, n);
        for (int o = 0; o < outC; o++) {
            for (int oy = 0; oy < outH; oy++) {
                int src = (o * outH + oy) * wp;
                int dst = (o * outH + oy) * outW;
                for (int ox = 0; ox < outW; ox++) {
                    out[dst + ox] += wide[src + ox];
                }
            }
        }
    }

    void accumulateWeightGrad(float[] g, float[] x, float[] gw) {
        Buffers b = buffers.get();
        padInput(x, b.xPad);
        float[] wide = b.outWide;
        // the error at the padded width, zero in the discarded columns
        for (int o = 0; o < outC; o++) {
            for (int oy = 0; oy < outH; oy++) {
                int dst = (o * outH + oy) * wp;
                System.arraycopy(g, (o * outH + oy) * outW, wide, dst, outW);
                Arrays.fill(wide, dst + outW, dst + wp, 0f);
            }
        }
        int n = outH * wp;
        FLOAT_KERNELS.correlateGrad(wide, outC, n, b.xPad, inputTaps, inC * k * k, n, gw);
    }

    void backwardInput(float[] w, float[] g, float[] gIn) {
        Buffers b = buffers.get();
        int gp = k - 1 - pad;
        float[] gPad = b.gPad;
        for (int o = 0; o < outC; o++) {
            for (int oy = 0; oy < outH; oy++) {
                System.arraycopy(g, (o * outH + oy) * outW, gPad, o * gLen + (oy + gp) * wg + gp, outW);
            }
        }
        // flipped[c, o, ky, kx] = w[o, c, k−1−ky, k−1−kx]
        float[] f = b.flipped;
        int kk = k * k;
        for (int c = 0; c < inC; c++) {
            for (int o = 0; o < outC; o++) {
                int src = (o * inC + c) * kk;
                int dst = (c * outC + o) * kk;
                for (int t = 0; t < kk; t++) {
                    f[dst + t] = w[src + kk - 1 - t];
                }
            }
        }
        float[] wide = b.gInWide;
        Arrays.fill(wide, 0f);
        int n = inH * wg;
        FLOAT_KERNELS.correlate(f, inC, outC * kk, gPad, errorTaps, wide, n, n);
        for (int c = 0; c < inC; c++) {
            for (int iy = 0; iy < inH; iy++) {
                System.arraycopy(wide, (c * inH + iy) * wg, gIn, (c * inH + iy) * inW, inW);
            }
        }
    }

    /** Copies x into the interior of the padded planes (the borders stay zero). */
    private void padInput(float[] x, float[] xPad) {
        for (int c = 0; c < inC; c++) {
            for (int y = 0; y < inH; y++) {
                System.arraycopy(x, (c * inH + y) * inW, xPad, c * xLen + (y + pad) * wp + pad, inW);
            }
        }
    }
}
