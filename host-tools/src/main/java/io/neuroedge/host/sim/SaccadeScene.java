package io.neuroedge.host.sim;

import io.neuroedge.runtime.data.IdxDataset;
import io.neuroedge.runtime.data.IdxImages;
import io.neuroedge.events.EventArray;

import java.util.Objects;

/**
 * N-MNIST-like recordings of labelled still images: each image watched by a {@link DvsSimulator}
 * through {@link SaccadeRecorder}'s three saccades; the label is the image's.
 */
public final class SaccadeScene implements Scene {

    private final IdxDataset data;
    private final int count;

    /**
     * The first {@code count} images of {@code data}.
     *
     * @throws IllegalArgumentException if {@code count} is negative or exceeds the dataset
     */
    public SaccadeScene(IdxDataset data, int count) {
        this.data = Objects.requireNonNull(data, "data");
        if (count < 0 || count > data.size()) {
            throw new IllegalArgumentException("cannot record " + count + " images: the dataset holds "
                    + data.size());
        }
        this.count = count;
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public int width() {
        return SaccadeRecorder.canvasWidth(data.images().cols());
    }

    @Override
    public int height() {
        return SaccadeRecorder.canvasHeight(data.images().rows());
    }

    @Override
    public int label(int index) {
        return data.label(Objects.checkIndex(index, count));
    }

    @Override
    public EventArray record(int index, DvsParameters parameters) {
        IdxImages images = data.images();
        return new SaccadeRecorder(parameters).record(images.image(Objects.checkIndex(index, count)),
                images.rows(), images.cols());
    }
}
