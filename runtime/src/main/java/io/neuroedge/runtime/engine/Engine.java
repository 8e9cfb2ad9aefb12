package io.neuroedge.runtime.engine;

import io.neuroedge.runtime.program.ConvLayer;
import io.neuroedge.runtime.program.DenseLayer;
import io.neuroedge.runtime.program.ExecutionPlan;
import io.neuroedge.runtime.program.FlattenLayer;
import io.neuroedge.runtime.program.LayerPlan;
import io.neuroedge.runtime.program.PoolLayer;
import io.neuroedge.runtime.simd.KernelProvider;

import java.util.Arrays;

/**
 * Runs one {@link ExecutionPlan} step by step. All state is allocated in the constructor; {@link #step}
 * allocates nothing.
 *
 * <p>Threading: an engine is confined to one thread (the "engine thread"); nothing in it is
 * synchronized. Hand inputs to it from other threads through a single-producer/single-consumer
 * queue. Readout accessors return live arrays that the next {@code step} or {@code reset}
 * overwrites; copy them if they must outlive that.
 */
public final class Engine {

    private final ExecutionPlan plan;
    private final KernelProvider kernels;
    private final LayerRunner[] runners;
    private final byte[] input;
    private final int maxCount;
    private final OutputCounters counters;
    private final boolean sumsMembrane;
    private final LayerRunner output;
    private final long allocatedBytes;
    private byte[] outputSpikes;
    private int steps;

    /** An engine with the path-selection defaults measured for {@code kernels}. */
    public Engine(ExecutionPlan plan, KernelProvider kernels) {
        this(plan, kernels, EngineOptions.defaultsFor(kernels));
    }

    public Engine(ExecutionPlan plan, KernelProvider kernels, EngineOptions options) {
        this.plan = plan;
        this.kernels = kernels;
        this.input = new byte[plan.input().shape().size()];
        this.maxCount = plan.input().maxCount();
        this.runners = new LayerRunner[plan.layers().size()];
        long bytes = input.length;
        byte[] previous = input;
        for (int i = 0; i < runners.length; i++) {
            runners[i] = runnerFor(plan.layers().get(i), kernels, options, previous);
            previous = runners[i].output();
            bytes += runners[i].allocatedBytes();
        }
        this.output = runners[runners.length - 1];
        int n = plan.outputSize();
        this.sumsMembrane = plan.readout() == ExecutionPlan.ReadoutKind.MEMBRANE_SUM;
        this.counters = new OutputCounters(n, sumsMembrane);
        this.allocatedBytes = bytes + (sumsMembrane ? 16L : 8L) * n;
        reset();
    }

    private static LayerRunner runnerFor(LayerPlan layer, KernelProvider kernels, EngineOptions options,
                                         byte[] previousOutput) {
        return switch (layer) {
            case DenseLayer d -> new DenseRunner(d, kernels, options);
            case ConvLayer c -> new ConvRunner(c, kernels, options);
            case PoolLayer p -> new PoolRunner(p);
            case FlattenLayer f -> new FlattenRunner(previousOutput);
        };
    }

    /** Clears all neuron state and readout counters, as between two recordings. */
    public void reset() {
        for (LayerRunner r : runners) {
            r.reset();
        }
        counters.reset();
        Arrays.fill(input, (byte) 0);
        outputSpikes = output.output();
        steps = 0;
    }

    /**
     * Advances one time step. {@code counts} holds one value per input element (channel-major);
     * values are clamped to [0, input.max_count], so no input can push state out of the verified
     * range.
     *
     * @return the number of output spikes in this step
     */
    public int step(byte[] counts) {
        if (counts.length != input.length) {
            throw new IllegalArgumentException("input has " + counts.length + " elements, the program expects "
                    + input.length);
        }
        for (int i = 0; i < input.length; i++) {
            int c = counts[i];
            input[i] = (byte) (c < 0 ? 0 : Math.min(c, maxCount));
        }
        byte[] x = input;
        for (LayerRunner runner : runners) {
            x = runner.run(x);
        }
        outputSpikes = x;
        if (sumsMembrane) {
            counters.accumulateMembrane(output.membrane());
        }
        return counters.record(x, steps++);
    }

    public ExecutionPlan plan() {
        return plan;
    }

    public KernelProvider kernels() {
        return kernels;
    }

    /** Steps taken since the last reset. */
    public int steps() {
        return steps;
    }

    /** The input of the last step after clamping to [0, max_count]. Live array. */
    public byte[] input() {
        return input;
    }

    /** Output spikes of the last step (1 = spiked). Live array. */
    public byte[] outputSpikes() {
        return outputSpikes;
    }

    /** Output spikes per neuron since the last reset. Live array. */
    public int[] spikeCounts() {
        return counters.spikeCounts();
    }

    /** Step of each output neuron's first spike since the last reset, or -1. Live array. */
    public int[] firstSpikeSteps() {
        return counters.firstSpikeSteps();
    }

    /** Membrane state of the output population in state units. Live array. */
    public int[] outputMembrane() {
        return output.membrane();
    }

    /** Output membrane summed over the steps since the last reset (MEMBRANE_SUM readout). Live array. */
    public long[] outputMembraneSums() {
        return counters.membraneSums();
    }

    /** Membrane state of layer {@code index} (null for pool and flatten layers). Live array. */
    public int[] membrane(int index) {
        return runners[index].membrane();
    }

    /** Output activations of layer {@code index} after the last step. Live array. */
    public byte[] layerOutput(int index) {
        return runners[index].output();
    }

    /** The decision of the readout configured in the program; -1 if there is none yet. */
    public int predicted() {
        return Readouts.predict(plan.readout(), counters.spikeCounts(), counters.firstSpikeSteps(), output.membrane(),
                counters.membraneSums());
    }

    /** Synaptic operations performed since construction: one per weight accumulated for an active input. */
    public long synapticOps() {
        long ops = 0;
        for (LayerRunner r : runners) {
            ops += r.synapticOps();
        }
        return ops;
    }

    /** Bytes of arrays this engine allocated (besides the plan's weights); equals the plan's state + scratch. */
    public long allocatedBytes() {
        return allocatedBytes;
    }
}
