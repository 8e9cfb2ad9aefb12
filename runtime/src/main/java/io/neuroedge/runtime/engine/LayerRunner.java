package io.neuroedge.runtime.engine;

/** Executes one layer of a plan on the engine thread; owns that layer's state and scratch. */
abstract class LayerRunner {

    protected long synapticOps;

    /** Runs one step on the previous layer's output and returns this layer's output (owned by it). */
    abstract byte[] run(byte[] x);

    /** This layer's output buffer (the array {@link #run} returns). */
    abstract byte[] output();

    /** Membrane state, or null for layers without neurons. */
    int[] membrane() {
        return null;
    }

    /** Zeroes the state. */
    abstract void reset();

    /** Bytes of state and scratch arrays this runner allocated. */
    abstract long allocatedBytes();

    final long synapticOps() {
        return synapticOps;
    }
}
