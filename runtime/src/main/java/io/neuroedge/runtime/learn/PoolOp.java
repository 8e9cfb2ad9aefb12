package io.neuroedge.runtime.learn;

/** Sum pool, kernel = stride: forward sums each full window, the error spreads back unchanged. */
final class PoolOp implements LayerOp {

    private final int channels;
    private final int inH;
    private final int inW;
    private final int outH;
    private final int outW;
    private final int k;

    PoolOp(NetworkSpec.Pool p) {
        this.channels = p.in().channels();
        this.inH = p.in().height();
        this.inW = p.in().width();
        this.outH = p.out().height();
        this.outW = p.out().width();
        this.k = p.kernel();
    }

    @Override
    public int inSize() {
        return channels * inH * inW;
    }

    @Override
    public int outSize() {
        return channels * outH * outW;
    }

    @Override
    public void forward(float[] w, float[] x, int[] nz, int nnz, float[] out) {
        int plane = inH * inW;
        for (int q = 0; q < nnz; q++) {
            int i = nz[q];
            int c = i / plane;
            int r = i - c * plane;
            int y = r / inW;
            int xx = r - y * inW;
            int oy = y / k;
            int ox = xx / k;
            if (oy < outH && ox < outW) { // a partial window at the edge is dropped
                out[(c * outH + oy) * outW + ox] += x[i];
            }
        }
    }

    @Override
    public void backwardInput(float[] w, float[] g, float[] gIn) {
        int i = 0;
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < inH; y++) {
                int row = (c * outH + y / k) * outW;
                for (int xx = 0; xx < inW; xx++) {
                    gIn[i++] = y / k < outH && xx / k < outW ? g[row + xx / k] : 0f;
                }
            }
        }
    }

    @Override
    public void accumulateWeightGrad(float[] g, float[] x, int[] nz, int nnz, float[] gw) {
        // no weights
    }
}
