package io.neuroedge.runtime.data;

import java.util.Objects;

/**
 * Images with one label each, as an MNIST-style pair of IDX files.
 *
 * @param images the images
 * @param labels one unsigned label byte per image
 */
public record IdxDataset(IdxImages images, byte[] labels) {

    /** Checks that there is one label per image. */
    public IdxDataset {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(labels, "labels");
        if (labels.length != images.count()) {
            throw new IllegalArgumentException(labels.length + " labels for " + images.count() + " images");
        }
    }

    /** Number of samples. */
    public int size() {
        return images.count();
    }

    /** Label of sample {@code index}, 0..255. */
    public int label(int index) {
        return labels[Objects.checkIndex(index, labels.length)] & 0xFF;
    }
}
