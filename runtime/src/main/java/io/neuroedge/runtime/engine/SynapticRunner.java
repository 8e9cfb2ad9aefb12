package io.neuroedge.runtime.engine;

import io.neuroedge.runtime.simd.KernelProvider;
import io.neuroedge.runtime.program.NeuronParams;

import java.util.Arrays;

/** A layer that sums weighted inputs into {@link #synaptic} and steps a neuron population on them. */
abstract class SynapticRunner extends LayerRunner {

    protected final KernelProvider kernels;
    protected final int[] synaptic;
    protected final Population neurons;

    SynapticRunner(KernelProvider kernels, NeuronParams params, int n) {
        this.kernels = kernels;
        this.synaptic = new int[n];
        this.neurons = new Population(params, n);
    }

    @Override
    final byte[] output() {
        return neurons.spikes;
    }

    @Override
    final int[] membrane() {
        return neurons.membrane;
    }

    @Override
    void reset() {
        neurons.reset();
        Arrays.fill(synaptic, 0);
    }

    /** Bytes of the sums and the population; subclasses add their own scratch. */
    @Override
    long allocatedBytes() {
        return 4L * synaptic.length + neurons.allocatedBytes();
    }
}
