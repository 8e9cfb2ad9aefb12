package io.neuroedge.runtime.engine;

import io.neuroedge.runtime.simd.KernelProvider;
import io.neuroedge.runtime.program.NeuronParams;

import java.util.Arrays;

/** State of one neuron population: membrane, synaptic current (CUBA only) and output spikes. */
final class Population {

    final NeuronParams params;
    final int[] membrane;
    final int[] current;
    final byte[] spikes;

    Population(NeuronParams params, int n) {
        this.params = params;
        this.membrane = new int[n];
        this.current = params.model == NeuronParams.Model.CUBA_LIF ? new int[n] : null;
        this.spikes = new byte[n];
    }

    int step(KernelProvider kernels, int[] synaptic) {
        return kernels.neuronStep(params, synaptic, membrane, current, spikes, spikes.length);
    }

    void reset() {
        Arrays.fill(membrane, 0);
        if (current != null) {
            Arrays.fill(current, 0);
        }
        Arrays.fill(spikes, (byte) 0);
    }

    long allocatedBytes() {
        return 4L * membrane.length + (current == null ? 0 : 4L * current.length) + spikes.length;
    }
}
