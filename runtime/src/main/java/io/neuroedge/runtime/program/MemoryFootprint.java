package io.neuroedge.runtime.program;

import io.neuroedge.runtime.input.EventFilterSpec;

/**
 * Bytes an engine allocates for a program, by kind. The program declares these numbers
 * ({@code MemoryPlan}); the loader recomputes them here and rejects a program whose declaration
 * differs, and the engine allocates exactly this much (a test checks it).
 *
 * <ul>
 *   <li>weights: int8 weights in both layouts, per-channel scales, per-neuron thresholds, biases, floors and current biases,
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

    /**
     * Adds up a program's needs from its shapes alone, so the loader can check them against the
     * device's limits before it allocates anything proportional to the layers.
     */
    static final class Accumulator {
        private long weights;
        private long state;
        private long scratch;

        Accumulator(int inputSize) {
            state = inputSize;
        }

        void dense(int in, int out, boolean recurrent, boolean cuba) {
            weights += 2L * in * out + 4L * out + 16L * out;
            state += out + neuronState(out, cuba);
            scratch += 4L * out + 4L * in;
            if (recurrent) {
                weights += 2L * out * out;
                state += out;
                scratch += 8L * out;
            }
        }

        void conv(Shape in, Shape out, int kernelH, int kernelW, int groups, boolean cuba) {
            long volume = (long) in.channels() / groups * kernelH * kernelW;
            long outSize = out.size();
            weights += 2L * out.channels() * volume + 4L * out.channels() + 16L * outSize + 4L * in.pixels();
            state += outSize + neuronState(outSize, cuba);
            scratch += 4L * outSize + 4L * in.size() + (long) out.pixels() * in.channels() * kernelH * kernelW
                    + 4L * outSize;
        }

        /** The per-pixel timestamps of the program's event filters, kept beside the input. */
        void eventFilters(EventFilterSpec filters, int sensorWidth, int sensorHeight) {
            state += filters.stateBytes((long) sensorWidth * sensorHeight);
        }

        void pool(int out) {
            state += out;
        }

        /** @param sumsMembrane whether the readout keeps a 64-bit membrane sum per output */
        MemoryFootprint finish(int outputs, boolean sumsMembrane) {
            return new MemoryFootprint(weights, state + (sumsMembrane ? 16L : 8L) * outputs, scratch);
        }

        private static long neuronState(long n, boolean cuba) {
            return 4L * n * (cuba ? 2 : 1);
        }
    }
}
