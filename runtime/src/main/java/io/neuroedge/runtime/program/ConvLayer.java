package io.neuroedge.runtime.program;


/**
 * A 2-D convolution (PyTorch semantics: cross-correlation, zero padding, groups) with its neuron
 * population. Weights are kept as [out][in/groups][kh][kw] for the dense path (one dot product per
 * output channel and pixel against an im2col column) and as [in][kh][kw][out/groups] for the
 * sparse path (each active input adds a contiguous run of output-channel weights to every output
 * pixel its kernel window reaches).
 */
public final class ConvLayer implements LayerPlan {

    private final String name;
    private final Shape in;
    private final Shape out;
    private final int kernelH;
    private final int kernelW;
    private final int strideH;
    private final int strideW;
    private final int padH;
    private final int padW;
    private final int groups;
    private final byte[] weights;
    private final byte[] weightsByInput;
    private final float[] weightScale;
    private final NeuronParams neurons;
    private final int[] fanOutPerPixel;

    ConvLayer(String name, Shape in, Shape out, int kernelH, int kernelW, int strideH, int strideW,
              int padH, int padW, int groups, byte[] weights, float[] weightScale, NeuronParams neurons) {
        this.name = name;
        this.in = in;
        this.out = out;
        this.kernelH = kernelH;
        this.kernelW = kernelW;
        this.strideH = strideH;
        this.strideW = strideW;
        this.padH = padH;
        this.padW = padW;
        this.groups = groups;
        this.weights = weights;
        this.weightScale = weightScale;
        this.neurons = neurons;
        this.weightsByInput = byInput();
        this.fanOutPerPixel = fanOut();
    }

    private byte[] byInput() {
        int cinG = in.channels() / groups;
        int coutG = out.channels() / groups;
        byte[] t = new byte[weights.length];
        for (int co = 0; co < out.channels(); co++) {
            int g = co / coutG;
            for (int cig = 0; cig < cinG; cig++) {
                int ci = g * cinG + cig;
                for (int ky = 0; ky < kernelH; ky++) {
                    for (int kx = 0; kx < kernelW; kx++) {
                        byte w = weights[((co * cinG + cig) * kernelH + ky) * kernelW + kx];
                        t[((ci * kernelH + ky) * kernelW + kx) * coutG + (co - g * coutG)] = w;
                    }
                }
            }
        }
        return t;
    }

    /**
     * Synapses leaving one input element at each pixel: valid kernel taps x output channels per
     * group. Rows and columns are independent, so the tap count is a product of two small tables.
     */
    private int[] fanOut() {
        int[] rows = validTaps(in.height(), kernelH, padH, strideH, out.height());
        int[] cols = validTaps(in.width(), kernelW, padW, strideW, out.width());
        int coutG = out.channels() / groups;
        int[] f = new int[in.pixels()];
        for (int iy = 0; iy < in.height(); iy++) {
            for (int ix = 0; ix < in.width(); ix++) {
                f[iy * in.width() + ix] = rows[iy] * cols[ix] * coutG;
            }
        }
        return f;
    }

    private static int[] validTaps(int size, int kernel, int pad, int stride, int outSize) {
        int[] taps = new int[size];
        for (int i = 0; i < size; i++) {
            for (int k = 0; k < kernel; k++) {
                if (outputIndex(i, k, pad, stride, outSize) >= 0) {
                    taps[i]++;
                }
            }
        }
        return taps;
    }

    /**
     * The output row (or column) that input row {@code i} reaches through kernel tap {@code k}, or
     * -1 if none: {@code o * stride - pad + k == i}.
     */
    public static int outputIndex(int i, int k, int pad, int stride, int outSize) {
        int num = i + pad - k;
        if (num < 0 || num % stride != 0) {
            return -1;
        }
        int o = num / stride;
        return o < outSize ? o : -1;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape inputShape() {
        return in;
    }

    @Override
    public Shape outputShape() {
        return out;
    }

    @Override
    public int outputBound() {
        return 1;
    }

    public int kernelH() {
        return kernelH;
    }

    public int kernelW() {
        return kernelW;
    }

    public int strideH() {
        return strideH;
    }

    public int strideW() {
        return strideW;
    }

    public int padH() {
        return padH;
    }

    public int padW() {
        return padW;
    }

    public int groups() {
        return groups;
    }

    /** Weights per output channel: (in/groups) * kh * kw. */
    public int kernelVolume() {
        return in.channels() / groups * kernelH * kernelW;
    }

    /** int8 [out][in/groups][kh][kw]. */
    public byte[] weights() {
        return weights;
    }

    /** int8 [in][kh][kw][out/groups]. */
    public byte[] weightsByInput() {
        return weightsByInput;
    }

    public float weightScale(int outChannel) {
        return weightScale[outChannel];
    }

    /** Number of synapses leaving an input element at pixel {@code iy * W + ix}. */
    public int fanOut(int pixel) {
        return fanOutPerPixel[pixel];
    }

    public NeuronParams neurons() {
        return neurons;
    }
}
