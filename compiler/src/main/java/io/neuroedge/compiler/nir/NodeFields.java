package io.neuroedge.compiler.nir;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Typed access to the datasets of one HDF5 group of a NIR file, converting whatever dtype the
 * exporter used. Every error names the file, the node and the field.
 */
final class NodeFields {

    private final Group group;
    private final String where;

    /**
     * @param group the HDF5 group holding the datasets
     * @param where how errors name the owner, e.g. {@code "lif.nir: node 'lif1' (LIF)"}
     */
    NodeFields(Group group, String where) {
        this.group = group;
        this.where = where;
    }

    /** How errors name the owner of these fields. */
    String where() {
        return where;
    }

    /** Whether a dataset called {@code field} exists. */
    boolean has(String field) {
        return group.getChild(field) instanceof Dataset;
    }

    /** A required numeric dataset. */
    Tensor tensor(String field) throws NirFormatException {
        return optionalTensor(field).orElseThrow(() -> missing(field));
    }

    /** A numeric dataset, empty if absent. */
    Optional<Tensor> optionalTensor(String field) throws NirFormatException {
        Dataset ds = dataset(field);
        if (ds == null) {
            return Optional.empty();
        }
        Object raw = ds.isScalar() ? ds.getData() : ds.getDataFlat();
        double[] values = new double[ds.isScalar() ? 1 : (int) ds.getSize()];
        int n = flattenNumbers(raw, values, 0, field);
        if (n != values.length) {
            throw error(field, "has " + n + " values for shape " + Shape.of(ds.getDimensions()));
        }
        return Optional.of(Tensor.of(values, ds.isScalar() ? Shape.of() : Shape.of(ds.getDimensions())));
    }

    /** A required integer vector (or scalar), e.g. a shape. */
    Shape shape(String field) throws NirFormatException {
        return optionalShape(field).orElseThrow(() -> missing(field));
    }

    /** An integer vector, empty if absent. */
    Optional<Shape> optionalShape(String field) throws NirFormatException {
        Optional<Tensor> t = optionalTensor(field);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        List<Integer> dims = new ArrayList<>();
        for (double v : t.get().toArray()) {
            dims.add(toInt(field, v));
        }
        try {
            return Optional.of(new Shape(dims));
        } catch (IllegalArgumentException e) {
            throw error(field, "holds a negative extent " + dims);
        }
    }

    /**
     * A per-dimension integer tuple such as a stride: a scalar is broadcast to {@code rank} entries
     * (PyTorch accepts both), a missing field gives {@code rank} copies of {@code dflt}.
     */
    List<Integer> tuple(String field, int rank, int dflt) throws NirFormatException {
        Optional<Tensor> t = optionalTensor(field);
        if (t.isEmpty()) {
            return Collections.nCopies(rank, dflt);
        }
        double[] v = t.get().toArray();
        if (v.length == 1) {
            return Collections.nCopies(rank, toInt(field, v[0]));
        }
        if (v.length != rank) {
            throw error(field, "has " + v.length + " entries, expected " + rank + " (one per spatial dimension)");
        }
        List<Integer> out = new ArrayList<>();
        for (double d : v) {
            out.add(toInt(field, d));
        }
        return out;
    }

    /** An integer scalar, {@code dflt} if absent. */
    int integer(String field, int dflt) throws NirFormatException {
        Optional<Tensor> t = optionalTensor(field);
        if (t.isEmpty()) {
            return dflt;
        }
        if (t.get().size() != 1) {
            throw error(field, "has shape " + t.get().shape() + ", expected a single integer");
        }
        return toInt(field, t.get().get(0));
    }

    /** Conv padding: integers, or the string {@code 'same'} / {@code 'valid'}; zeros if absent. */
    ConvPadding padding(int rank) throws NirFormatException {
        Dataset ds = dataset("padding");
        if (ds == null) {
            return ConvPadding.zeros(rank);
        }
        if (ds.getJavaType() == String.class) {
            String mode = strings("padding").getFirst();
            return switch (mode) {
                case "same" -> new ConvPadding.Same();
                case "valid" -> new ConvPadding.Valid();
                default -> throw error("padding", "is '" + mode + "', expected integers, 'same' or 'valid'");
            };
        }
        return new ConvPadding.Explicit(tuple("padding", rank, 0));
    }

    /** A required string dataset with one value. */
    String string(String field) throws NirFormatException {
        if (dataset(field) == null) {
            throw missing(field);
        }
        List<String> values = strings(field);
        if (values.size() != 1) {
            throw error(field, "has " + values.size() + " strings, expected one");
        }
        return values.getFirst();
    }

    /** All strings of a string dataset in row-major order. */
    List<String> strings(String field) throws NirFormatException {
        Dataset ds = dataset(field);
        if (ds == null) {
            throw missing(field);
        }
        if (ds.getJavaType() != String.class) {
            throw error(field, "has type " + ds.getJavaType().getSimpleName() + ", expected strings");
        }
        List<String> out = new ArrayList<>();
        if (!ds.isEmpty()) {
            flattenStrings(ds.isScalar() ? ds.getData() : ds.getDataFlat(), out);
        }
        return out;
    }

    /** The extents of a dataset. */
    int[] dimensions(String field) throws NirFormatException {
        Dataset ds = dataset(field);
        if (ds == null) {
            throw missing(field);
        }
        return ds.getDimensions();
    }

    NirFormatException missing(String field) {
        return new NirFormatException(where + ": missing required dataset '" + field + "'");
    }

    NirFormatException error(String field, String problem) {
        return new NirFormatException(where + ": field '" + field + "' " + problem);
    }

    private Dataset dataset(String field) throws NirFormatException {
        Node child = group.getChild(field);
        if (child == null) {
            return null;
        }
        if (!(child instanceof Dataset ds)) {
            throw error(field, "is a group, expected a dataset");
        }
        return ds;
    }

    private int flattenNumbers(Object raw, double[] out, int pos, String field) throws NirFormatException {
        if (raw instanceof Number n) {
            if (pos >= out.length) {
                throw error(field, "holds more values than its shape");
            }
            out[pos] = n.doubleValue();
            return pos + 1;
        }
        if (raw == null || !raw.getClass().isArray()) {
            throw error(field, "is not numeric (" + (raw == null ? "no data" : raw.getClass().getSimpleName()) + ")");
        }
        int p = pos;
        int len = Array.getLength(raw);
        if (raw.getClass().getComponentType().isPrimitive()) {
            if (raw instanceof boolean[] || raw instanceof char[]) {
                throw error(field, "is not numeric (" + raw.getClass().getSimpleName() + ")");
            }
            if (p + len > out.length) {
                throw error(field, "holds more values than its shape");
            }
            for (int i = 0; i < len; i++) {
                out[p++] = ((Number) Array.get(raw, i)).doubleValue();
            }
            return p;
        }
        for (int i = 0; i < len; i++) {
            p = flattenNumbers(Array.get(raw, i), out, p, field);
        }
        return p;
    }

    private static void flattenStrings(Object raw, List<String> out) {
        if (raw instanceof String s) {
            out.add(s);
        } else if (raw != null && raw.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(raw); i++) {
                flattenStrings(Array.get(raw, i), out);
            }
        }
    }

    private int toInt(String field, double v) throws NirFormatException {
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw error(field, "holds " + v + ", expected an integer");
        }
        return (int) v;
    }
}
