package io.neuroedge.runtime.testing;

import io.neuroedge.runtime.data.IdxDataset;
import io.neuroedge.runtime.data.IdxReader;

import java.io.IOException;

/**
 * The first images of an IDX data set in the shared test data, read with the runtime's own
 * {@link IdxReader}, as the arrays the trainers take. Missing data fails the calling test.
 *
 * @param images row-major pixels, one array per image
 * @param labels class of each image
 */
public record ImageSubset(byte[][] images, int[] labels) {

    /**
     * The first {@code limit} samples (or all, if fewer) of {@code data/NAME/SPLIT-*-ubyte.gz}.
     *
     * @param name  data set folder under {@code data}, e.g. {@code "mnist-10k"}
     * @param split {@code "train"} or {@code "test"}
     */
    public static ImageSubset load(String name, String split, int limit) throws IOException {
        String dir = "data/" + name + "/" + split;
        IdxDataset data = IdxReader.readDataset(SharedTestData.resolve(dir + "-images-idx3-ubyte.gz"),
                SharedTestData.resolve(dir + "-labels-idx1-ubyte.gz"));
        int n = Math.min(limit, data.size());
        byte[][] images = new byte[n][];
        int[] labels = new int[n];
        for (int k = 0; k < n; k++) {
            images[k] = data.images().image(k);
            labels[k] = data.label(k);
        }
        return new ImageSubset(images, labels);
    }
}
