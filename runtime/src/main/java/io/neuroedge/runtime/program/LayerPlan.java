package io.neuroedge.runtime.program;

/**
 * One verified layer of an {@link ExecutionPlan}. Plans are immutable; the arrays their accessors
 * return are shared with the engine's kernels for speed and must never be modified.
 */
public sealed interface LayerPlan permits DenseLayer, ConvLayer, PoolLayer, FlattenLayer {

    String name();

    Shape inputShape();

    Shape outputShape();

    /** Largest value an element of this layer's output can take (spikes: 1; pool sums: up to 127). */
    int outputBound();
}
