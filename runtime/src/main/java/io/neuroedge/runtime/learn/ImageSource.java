package io.neuroedge.runtime.learn;

import io.neuroedge.proto.model.InputEncoding;
import io.neuroedge.runtime.input.ImageSpikeEncoder;

/** Static uint8 images under RATE or DIRECT coding, encoded by the {@link ImageSpikeEncoder} evaluation uses too. */
final class ImageSource implements SampleSource {

    private final byte[][] images;
    private final int[] labels;
    private final InputEncoding encoding;
    private final ImageSpikeEncoder encoder;
    private final int inputSize;

    ImageSource(byte[][] images, int[] labels, ImageSpikeEncoder encoder) {
        if (images.length != labels.length) {
            throw new IllegalArgumentException(images.length + " images but " + labels.length + " labels");
        }
        if (images.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        this.inputSize = images[0].length;
        for (byte[] im : images) {
            if (im.length != inputSize) {
                throw new IllegalArgumentException("images differ in size: " + im.length + " vs " + inputSize);
            }
        }
        this.images = images;
        this.labels = labels;
        this.encoder = encoder;
        this.encoding = encoder.mode() == ImageSpikeEncoder.Mode.RATE ? InputEncoding.RATE : InputEncoding.DIRECT;
    }

    @Override
    public int size() {
        return images.length;
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
        return encoding;
    }

    @Override
    public void frame(int sample, int epoch, int t, float[] dst) {
        encoder.encode(images[sample], sample, epoch, t, dst);
    }

    /** Seeds the trainer's shuffles from the encoder's stream mixer. */
    static long mix(long seed, int sample, int epoch, int t) {
        return ImageSpikeEncoder.streamSeed(seed, sample, epoch, t);
    }
}
