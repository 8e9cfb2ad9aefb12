package io.neuroedge.runtime.learn;

import io.neuroedge.proto.model.InputEncoding;
import io.neuroedge.runtime.input.ImageSpikeEncoder;

/**
 * Labelled samples turned into per-step network input. Implementations must be deterministic
 * (the same sample, epoch and step always give the same frame, on any thread) and thread-safe for
 * concurrent {@link #frame} calls, because training workers share one source.
 */
public interface SampleSource {

    int size();

    /** Values per step (the network input size). */
    int inputSize();

    int label(int sample);

    InputEncoding encoding();

    /** Steps stored per sample for precomputed frames, or 0 if any number of steps can be generated. */
    default int steps() {
        return 0;
    }

    /**
     * Writes the input of step {@code t} of {@code sample} into {@code dst[0..inputSize)}.
     * {@code epoch} only seeds stochastic encodings (training passes the epoch, evaluation −1).
     */
    void frame(int sample, int epoch, int t, float[] dst);

    /**
     * Bernoulli rate coding of uint8 images: each pixel spikes with probability intensity/255 per
     * step, from a generator seeded by (seed, sample, epoch, step).
     */
    static SampleSource rate(byte[][] images, int[] labels, long seed) {
        return images(images, labels, ImageSpikeEncoder.rate(seed));
    }

    /** Direct (analog) coding: intensity/255 as input current at every step. */
    static SampleSource direct(byte[][] images, int[] labels) {
        return images(images, labels, ImageSpikeEncoder.direct());
    }

    /** uint8 images under {@code encoder}, the same encoder {@code eval --images} presents them with. */
    static SampleSource images(byte[][] images, int[] labels, ImageSpikeEncoder encoder) {
        return new ImageSource(images, labels, encoder);
    }

    /** Precomputed float frames: {@code frames[sample]} holds {@code steps × inputSize} values, step-major. */
    static SampleSource frames(float[][] frames, int steps, int inputSize, int[] labels) {
        return FrameSource.ofFloats(frames, steps, inputSize, labels);
    }

    /** Precomputed event counts as unsigned bytes (e.g. binned N-MNIST), {@code steps × inputSize} per sample. */
    static SampleSource counts(byte[][] frames, int steps, int inputSize, int[] labels) {
        return FrameSource.ofCounts(frames, steps, inputSize, labels);
    }

    /** Samples [from, to) of this source (same frames, renumbered from 0). */
    default SampleSource subset(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IllegalArgumentException("subset [" + from + ", " + to + ") outside [0, " + size() + ")");
        }
        SampleSource base = this;
        return new SampleSource() {
            @Override
            public int size() {
                return to - from;
            }

            @Override
            public int inputSize() {
                return base.inputSize();
            }

            @Override
            public int label(int sample) {
                return base.label(from + sample);
            }

            @Override
            public InputEncoding encoding() {
                return base.encoding();
            }

            @Override
            public int steps() {
                return base.steps();
            }

            @Override
            public void frame(int sample, int epoch, int t, float[] dst) {
                base.frame(from + sample, epoch, t, dst);
            }
        };
    }
}
