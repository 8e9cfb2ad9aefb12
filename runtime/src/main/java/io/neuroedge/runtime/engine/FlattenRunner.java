package io.neuroedge.runtime.engine;

/**
 * Flatten moves no data: channel-major activations are already laid out as the flat vector, so its
 * output is the previous layer's output array itself.
 */
final class FlattenRunner extends LayerRunner {

    private final byte[] source;

    FlattenRunner(byte[] source) {
        this.source = source;
    }

    @Override
    byte[] run(byte[] x) {
        return x;
    }

    @Override
    byte[] output() {
        return source;
    }

    @Override
    void reset() {
        // stateless
    }

    @Override
    long allocatedBytes() {
        return 0;
    }
}
