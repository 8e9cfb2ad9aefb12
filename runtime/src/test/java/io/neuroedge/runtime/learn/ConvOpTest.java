package io.neuroedge.runtime.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The convolution's three products against their definition, for stride 1 (the padded
 * matrix-product path) and stride 2 (direct loops), with and without padding. Values are small
 * multiples of 1/16, so every sum is exact and any summation order must agree bit for bit.
 */
class ConvOpTest {

    @Test
    void allThreeProductsMatchTheDefinition() {
        String[] specs = {"1x7x7-c2k3-4", "2x6x6-c3k3p1-4", "3x8x8-c4k5p2-4", "2x9x7-c5k1-4", "2x6x6-c3k3p2-4",
                "1x28x28-c16k5-4", "16x12x12-c32k5-4", "2x7x7-c3k3s2p1-4", "2x8x8-c2k3s2-4"};
        SplittableRandom r = new SplittableRandom(5);
        for (String spec : specs) {
            NetworkSpec.Conv c = (NetworkSpec.Conv) NetworkSpec.parse(spec).layers().get(0);
            ConvOp op = new ConvOp(c);
            int in = op.inSize();
            int out = op.outSize();
            float[] w = exact(r, c.out().channels() * c.in().channels() * c.kernel() * c.kernel(), 0);
            float[] x = exact(r, in, 0.6);
            int[] nz = new int[in];
            int nnz = NetworkRunner.nonZeros(x, nz);
            float[] g = exact(r, out, 0.2);

            float[] y = new float[out];
            op.forward(w, x, nz, nnz, y);
            float[] gIn = exact(r, in, 0); // overwritten
            op.backwardInput(w, g, gIn);
            float[] gw = exact(r, w.length, 0);
            float[] gwExpected = gw.clone();
            op.accumulateWeightGrad(g, x, nz, nnz, gw);

            float[] yExpected = new float[out];
            float[] gInExpected = new float[in];
            definition(c, w, x, g, yExpected, gInExpected, gwExpected);
            assertArrayEquals(yExpected, y, spec + " forward");
            assertArrayEquals(gInExpected, gIn, spec + " spatial error");
            assertArrayEquals(gwExpected, gw, spec + " weight gradient");
        }
    }

    /** y[o,oy,ox] = Σ w[o,c,ky,kx]·x[c, oy·s−p+ky, ox·s−p+kx] and its two transposes, term by term. */
    private static void definition(NetworkSpec.Conv c, float[] w, float[] x, float[] g, float[] y, float[] gIn, float[] gw) {
        int inC = c.in().channels();
        int inH = c.in().height();
        int inW = c.in().width();
        int k = c.kernel();
        for (int o = 0; o < c.out().channels(); o++) {
            for (int oy = 0; oy < c.out().height(); oy++) {
                for (int ox = 0; ox < c.out().width(); ox++) {
                    int oi = (o * c.out().height() + oy) * c.out().width() + ox;
                    for (int ch = 0; ch < inC; ch++) {
                        for (int ky = 0; ky < k; ky++) {
                            for (int kx = 0; kx < k; kx++) {
                                int iy = oy * c.stride() - c.padding() + ky;
                                int ix = ox * c.stride() - c.padding() + kx;
                                if (iy < 0 || iy >= inH || ix < 0 || ix >= inW) {
                                    continue;
                                }
                                int wi = ((o * inC + ch) * k + ky) * k + kx;
                                int ii = (ch * inH + iy) * inW + ix;
                                y[oi] += w[wi] * x[ii];
                                gIn[ii] += w[wi] * g[oi];
                                gw[wi] += g[oi] * x[ii];
                            }
                        }
                    }
                }
            }
        }
    }

    private static float[] exact(SplittableRandom r, int n, double zeros) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextDouble() < zeros ? 0f : (r.nextInt(33) - 16) / 16f;
        }
        return a;
    }
}
