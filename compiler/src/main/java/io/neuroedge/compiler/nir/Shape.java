package io.neuroedge.compiler.nir;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The batch- and time-free shape of a signal between NIR nodes, e.g. {@code 2x34x34}. Immutable.
 *
 * @param dims the extent of each dimension, outermost first; all non-negative
 */
public record Shape(List<Integer> dims) {

    /** Copies {@code dims} and rejects negative extents. */
    public Shape {
        dims = List.copyOf(dims);
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + dims);
            }
        }
    }

    /** A shape from its extents. */
    public static Shape of(int... dims) {
        return new Shape(Arrays.stream(dims).boxed().toList());
    }

    /** Number of dimensions. */
    public int rank() {
        return dims.size();
    }

    /** Number of elements (neurons, for a neuron population). */
    public int size() {
        int n = 1;
        for (int d : dims) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Extent of dimension {@code axis}; negative axes count from the end like Python. */
    public int dim(int axis) {
        return dims.get(axis < 0 ? dims.size() + axis : axis);
    }

    /** The extents as a fresh array. */
    public int[] toArray() {
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public String toString() {
        return dims.isEmpty() ? "scalar" : dims.stream().map(String::valueOf).collect(Collectors.joining("x"));
    }
}
