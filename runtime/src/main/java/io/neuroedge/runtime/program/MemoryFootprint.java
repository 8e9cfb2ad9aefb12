package io.neuroedge.runtime.program;

import io.neuroedge.runtime.simd.NeuronParams;

import java.util.List;

/**
 * Bytes an engine allocates for a program, by kind. The program declares these numbers
 * ({@code MemoryPlan}); the loader recomputes them here and rejects a program whose declaration
 * differs, and the engine allocates exactly this much (a test checks it).
 *
 * <ul>
 *   <li>weights: int8 weights in both layouts, per-channel scales, per-neuron thresholds and biases,
 *       conv fan-out tables;</li>
 *   <li>state: the input buffer, every layer's output activations, membrane and current state,
 *       previous-step spikes of recurrent layers, readout counters;</li>
 *   <li>scratch: synaptic accumulators, active-input index lists, im2col columns and the
 *       channel-last accumulator of the sparse conv path.</li>
 * </ul>
 */
public record MemoryFootprint(long weightBytes, long stateBytes, long scratchBytes) {

    public long total() {
        return weightBytes + stateBytes + scratchBytes;
    }

    static MemoryFootprint of(InputPlan input, List<LayerPlan> layers) {
        long weights = 0;
        long state = input.shape().size();
        long scratch = 0;
        for (LayerPlan layer : layers) {
            int out = layer.outputShape().size();
            int in = layer.inputShape().size();
            switch (layer) {
                case DenseLayer d -> {
                    weights += 2L * in * out + 4L * out + 8L * out;
                    state += out + neuronState(d.neurons(), out);
                    scratch += 4L * out + 4L * in;
                    if (d.isRecurrent()) {
                        weights += 2L * out * out;
                        state += out;
                        scratch += 4L * out + 4L * out;
                    }
                }
                case ConvLayer c -> {
                    weights += 2L * c.weights().length + 4L * c.outputShape().channels() + 8L * out
                            + 4L * c.inputShape().pixels();
                    state += out + neuronState(c.neurons(), out);
                    scratch += 4L * out + 4L * in
                            + (long) c.outputShape().pixels() * c.inputShape().channels() * c.kernelH() * c.kernelW()
                            + 4L * out;
                }
                case PoolLayer p -> state += out;
                case FlattenLayer f -> { }
            }
        }
        int outputs = layers.get(layers.size() - 1).outputShape().size();
        state += 8L * outputs;
        return new MemoryFootprint(weights, state, scratch);
    }

    private static long neuronState(NeuronParams p, int n) {
        return 4L * n * (p.model == NeuronParams.Model.CUBA_LIF ? 2 : 1);
    }
}
