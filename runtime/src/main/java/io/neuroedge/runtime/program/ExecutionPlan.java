package io.neuroedge.runtime.program;

import java.util.List;

/**
 * A verified, immutable spike program ready to run: what {@link ProgramLoader} produces and an
 * engine executes. Everything in it has been range-checked, so kernels need no checks of their own.
 */
public record ExecutionPlan(String name, String digest, String toolVersion, String sourceModelDigest,
                            InputPlan input, List<LayerPlan> layers, ReadoutKind readout,
                            List<String> labels, MemoryFootprint memory) {

    /** How the output layer is turned into a decision. */
    public enum ReadoutKind { SPIKE_COUNT, MEMBRANE, FIRST_SPIKE, MEMBRANE_SUM }

    public ExecutionPlan {
        layers = List.copyOf(layers);
        labels = List.copyOf(labels);
    }

    public LayerPlan outputLayer() {
        return layers.get(layers.size() - 1);
    }

    public int outputSize() {
        return outputLayer().outputShape().size();
    }

    /** Synaptic operations of one step if every input element were active (dense cost). */
    public long denseSynapticOpsPerStep() {
        long ops = 0;
        for (LayerPlan layer : layers) {
            ops += denseSynapticOps(layer);
        }
        return ops;
    }

    /** Synaptic operations of one layer in one step if all its inputs were active. */
    public static long denseSynapticOps(LayerPlan layer) {
        return switch (layer) {
            case DenseLayer d -> (long) d.inFeatures() * d.outFeatures()
                    + (d.isRecurrent() ? (long) d.outFeatures() * d.outFeatures() : 0);
            case ConvLayer c -> (long) c.outputShape().size() * c.kernelVolume();
            case PoolLayer p -> 0;
            case FlattenLayer f -> 0;
        };
    }
}
