package io.neuroedge.compiler.nir;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable numeric parameter: {@code double} values in row-major order plus a shape. NIR stores
 * float32, float64 and int64 parameters side by side; they all convert losslessly enough to double
 * (float32 exactly, int64 up to 2^53). A scalar is a 0-d tensor with one value.
 */
public final class Tensor {

    private final double[] data;
    private final Shape shape;

    private Tensor(double[] data, Shape shape) {
        if (data.length != shape.size()) {
            throw new IllegalArgumentException(
                    "tensor of shape " + shape + " needs " + shape.size() + " values, got " + data.length);
        }
        this.data = data;
        this.shape = shape;
    }

    /** A tensor from row-major values and a shape; the array is copied. */
    public static Tensor of(double[] data, int... shape) {
        return new Tensor(data.clone(), Shape.of(shape));
    }

    /** A tensor from row-major values and a shape; the array is copied. */
    public static Tensor of(double[] data, Shape shape) {
        return new Tensor(data.clone(), shape);
    }

    /** A 1-d tensor. */
    public static Tensor vector(double... values) {
        return of(values, values.length);
    }

    /** A 0-d tensor. */
    public static Tensor scalar(double value) {
        return new Tensor(new double[] {value}, Shape.of());
    }

    /** A tensor of the given shape with every value equal to {@code value}. */
    public static Tensor filled(double value, Shape shape) {
        double[] d = new double[shape.size()];
        Arrays.fill(d, value);
        return new Tensor(d, shape);
    }

    /** The shape; empty for a scalar. */
    public Shape shape() {
        return shape;
    }

    /** Number of dimensions (0 for a scalar). */
    public int rank() {
        return shape.rank();
    }

    /** Number of values. */
    public int size() {
        return data.length;
    }

    /** Extent of dimension {@code axis}; negative axes count from the end. */
    public int dim(int axis) {
        return shape.dim(axis);
    }

    /** The value at a row-major flat index. */
    public double get(int flatIndex) {
        return data[flatIndex];
    }

    /** The value at a multi-dimensional index. */
    public double at(int... index) {
        if (index.length != rank()) {
            throw new IllegalArgumentException("index rank " + index.length + " for tensor of shape " + shape);
        }
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            flat = flat * shape.dim(i) + Objects.checkIndex(index[i], shape.dim(i));
        }
        return data[flat];
    }

    /** The single value of a scalar or one-element tensor. */
    public double scalarValue() {
        if (data.length != 1) {
            throw new IllegalStateException("tensor of shape " + shape + " is not a single value");
        }
        return data[0];
    }

    /** The values as a fresh row-major array. */
    public double[] toArray() {
        return data.clone();
    }

    /** Whether every value equals {@code value}. */
    public boolean allEqual(double value) {
        for (double d : data) {
            if (d != value) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && shape.equals(t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * shape.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return data.length <= 4 ? "Tensor" + Arrays.toString(data) + "(" + shape + ")" : "Tensor(" + shape + ")";
    }
}
