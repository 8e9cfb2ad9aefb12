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
    public enum ReadoutKind { SPIKE_COUNT, MEMBRANE, FIRST_SPIKE }

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
            if (layer instanceof DenseLayer d) {
                ops += (long) d.inFeatures() * d.outFeatures();
                if (d.isRecurrent()) {
                    ops += (long) d.outFeatures() * d.outFeatures();
                }
            } else if (layer instanceof ConvLayer c) {
                ops += (long) c.outputShape().size() * c.kernelVolume();
            }
        }
        return ops;
    }
}
