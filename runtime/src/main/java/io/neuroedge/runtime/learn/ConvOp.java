package io.neuroedge.runtime.learn;

/**
 * 2-D convolution (square kernel, stride, zero padding), weights {@code [out][in][k][k]} as in the
 * model file. Stride 1 (with padding below the kernel size) runs as matrix products on the vector
 * kernels ({@link PaddedConvolution}); other strides use direct loops that scatter each non-zero
 * input and visit only outputs with a non-zero error (correct and allocation-free, not tuned).
 */
final class ConvOp implements LayerOp {

    private final int inC;
    private final int inH;
    private final int inW;
    private final int outC;
    private final int outH;
    private final int outW;
    private final int k;
    private final int stride;
    private final int pad;
    /** The stride-1 fast path, or null. */
    private final PaddedConvolution padded;

    ConvOp(NetworkSpec.Conv c) {
        this.inC = c.in().channels();
        this.inH = c.in().height();
        this.inW = c.in().width();
        this.outC = c.out().channels();
        this.outH = c.out().height();
        this.outW = c.out().width();
        this.k = c.kernel();
        this.stride = c.stride();
        this.pad = c.padding();
        this.padded = stride == 1 && pad < k ? new PaddedConvolution(inC, inH, inW, outC, k, pad) : null;
    }

    @Override
    public int inSize() {
        return inC * inH * inW;
    }

    @Override
    public int outSize() {
        return outC * outH * outW;
    }

    @Override
    public void forward(float[] w, float[] x, int[] nz, int nnz, float[] out) {
        if (padded != null) {
            padded.forward(w, x, out);
        } else {
            forwardDirect(w, x, nz, nnz, out);
        }
    }

    @Override
    public void backwardInput(float[] w, float[] g, float[] gIn) {
        if (padded != null) {
            padded.backwardInput(w, g, gIn);
        } else {
            backwardInputDirect(w, g, gIn);
        }
    }

    @Override
    public void accumulateWeightGrad(float[] g, float[] x, int[] nz, int nnz, float[] gw) {
        if (padded != null) {
            padded.accumulateWeightGrad(g, x, gw);
        } else {
            accumulateWeightGradDirect(g, x, gw);
        }
    }

    @Override
    public long scratchBytes() {
        return padded == null ? 0 : padded.bytes();
    }

    /** Scatters each non-zero input into the outputs it reaches (any stride). */
    private void forwardDirect(float[] w, float[] x, int[] nz, int nnz, float[] out) {
        int inPlane = inH * inW;
        int outPlane = outH * outW;
        int kk = k * k;
        int wPerOut = inC * kk;
        for (int q = 0; q < nnz; q++) {
            int i = nz[q];
            float v = x[i];
            int c = i / inPlane;
            int r = i - c * inPlane;
            int iy = r / inW;
            int ix = r - iy * inW;
            for (int ky = 0; ky < k; ky++) {
                int ty = iy + pad - ky;
                if (ty < 0 || ty % stride != 0) {
                    continue;
                }
                int oy = ty / stride;
                if (oy >= outH) {
                    continue;
                }
                for (int kx = 0; kx < k; kx++) {
                    int tx = ix + pad - kx;
                    if (tx < 0 || tx % stride != 0) {
                        continue;
                    }
                    int ox = tx / stride;
                    if (ox >= outW) {
                        continue;
                    }
                    int wi = c * kk + ky * k + kx;
                    int oi = oy * outW + ox;
                    for (int o = 0; o < outC; o++) {
                        out[o * outPlane + oi] += v * w[o * wPerOut + wi];
                    }
                }
            }
        }
    }

    private void backwardInputDirect(float[] w, float[] g, float[] gIn) {
        java.util.Arrays.fill(gIn, 0f);
        int kk = k * k;
        int o = 0;
        for (int oc = 0; oc < outC; oc++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++, o++) {
                    float d = g[o];
                    if (d == 0f) {
                        continue;
                    }
                    for (int c = 0; c < inC; c++) {
                        int wb = (oc * inC + c) * kk;
                        for (int ky = 0; ky < k; ky++) {
                            int iy = oy * stride - pad + ky;
                            if (iy < 0 || iy >= inH) {
                                continue;
                            }
                            int rowIn = (c * inH + iy) * inW;
                            for (int kx = 0; kx < k; kx++) {
                                int ix = ox * stride - pad + kx;
                                if (ix >= 0 && ix < inW) {
                                    gIn[rowIn + ix] += d * w[wb + ky * k + kx];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private void accumulateWeightGradDirect(float[] g, float[] x, float[] gw) {
        int kk = k * k;
        int o = 0;
        for (int oc = 0; oc < outC; oc++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++, o++) {
                    float d = g[o];
                    if (d == 0f) {
                        continue;
                    }
                    for (int c = 0; c < inC; c++) {
                        int wb = (oc * inC + c) * kk;
                        for (int ky = 0; ky < k; ky++) {
                            int iy = oy * stride - pad + ky;
                            if (iy < 0 || iy >= inH) {
                                continue;
                            }
                            int rowIn = (c * inH + iy) * inW;
                            for (int kx = 0; kx < k; kx++) {
                                int ix = ox * stride - pad + kx;
                                if (ix >= 0 && ix < inW) {
                                    gw[wb + ky * k + kx] += d * x[rowIn + ix];
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
