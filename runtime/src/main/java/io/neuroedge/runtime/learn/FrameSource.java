package io.neuroedge.runtime.learn;

import io.neuroedge.proto.model.InputEncoding;

/** Precomputed per-step frames (float values or unsigned byte counts). */
final class FrameSource implements SampleSource {

    private final float[][] floats;
    private final byte[][] counts;
    private final int steps;
    private final int inputSize;
    private final int[] labels;

    private FrameSource(float[][] floats, byte[][] counts, int steps, int inputSize, int[] labels) {
        int n = floats != null ? floats.length : counts.length;
        if (n != labels.length) {
            throw new IllegalArgumentException(n + " samples but " + labels.length + " labels");
        }
        if (steps <= 0 || inputSize <= 0) {
            throw new IllegalArgumentException("steps and inputSize must be positive: " + steps + ", " + inputSize);
        }
        long want = (long) steps * inputSize;
        for (int i = 0; i < n; i++) {
            int len = floats != null ? floats[i].length : counts[i].length;
            if (len != want) {
                throw new IllegalArgumentException("sample " + i + " has " + len + " values, expected steps×inputSize = " + want);
            }
        }
        this.floats = floats;
        this.counts = counts;
        this.steps = steps;
        this.inputSize = inputSize;
        this.labels = labels;
    }

    static FrameSource ofFloats(float[][] f, int steps, int inputSize, int[] labels) {
        return new FrameSource(f, null, steps, inputSize, labels);
    }

    static FrameSource ofCounts(byte[][] c, int steps, int inputSize, int[] labels) {
        return new FrameSource(null, c, steps, inputSize, labels);
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    @Override
    public int label(int sample) {
        return labels[sample];
    }

    @Override
    public InputEncoding encoding() {
        return InputEncoding.EVENTS;
    }

    @Override
    public int steps() {
        return steps;
    }

    @Override
    public void frame(int sample, int epoch, int t, float[] dst) {
        int off = t * inputSize;
        if (floats != null) {
            System.arraycopy(floats[sample], off, dst, 0, inputSize);
        } else {
            byte[] c = counts[sample];
            for (int i = 0; i < inputSize; i++) {
                dst[i] = c[off + i] & 0xFF;
            }
        }
    }
}
