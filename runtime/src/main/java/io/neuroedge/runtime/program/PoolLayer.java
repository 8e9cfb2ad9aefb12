package io.neuroedge.runtime.program;

/**
 * Windowed sum pooling per channel with zero padding; outputs saturate at 127. Average pooling has
 * the same integer semantics: its 1/(kh*kw) factor belongs to the real-valued interpretation and
 * is folded into the next layer's weight scales by the compiler.
 */
public record PoolLayer(String name, Shape inputShape, Shape outputShape, boolean average,
                        int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
                        int outputBound) implements LayerPlan {

    /** Pool outputs are stored as int8 activations. */
    public static final int MAX_OUTPUT = 127;
}
