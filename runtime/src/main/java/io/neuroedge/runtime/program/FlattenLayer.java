package io.neuroedge.runtime.program;

/** Reinterprets a C x H x W activation as a vector of C*H*W (channel-major); moves no data. */
public record FlattenLayer(String name, Shape inputShape, Shape outputShape, int outputBound) implements LayerPlan {
}
