package io.neuroedge.compiler.nir;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.neuroedge.runtime.io.AtomicFiles;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link NirGraph} as a NIR file (HDF5) in the layout of NIR's own {@code nir.write}, which
 * {@link NirReader} reads: {@code /version} and the {@code /node} graph group with {@code type},
 * {@code nodes/<name>} groups, {@code edges} (N×2 strings) and, when present, {@code metadata}. Every
 * node is a group holding its {@code type} and its fields as datasets named like NIR's dataclass
 * fields. A tensor is float32 when each of its values is exactly a float (weights trained in float32),
 * float64 otherwise, so no value is rounded; integers (shapes, strides, kernel sizes) are int64.
 *
 * <p>The file is written next to the target and moved into place, so a failure never leaves a
 * half-written file. jHDF 0.10.0 writes contiguous datasets without compression and cannot write
 * empty ones: an empty tensor, shape or edge list is an error naming it. Stateless.
 */
public final class NirWriter {

    /** The NIR version whose layout this writer follows (neurons with {@code v_reset}, convs with {@code input_shape}). */
    public static final String VERSION = "1.0.0";

    /** Writes {@code graph} to {@code file}, replacing it. */
    public void write(NirGraph graph, Path file) throws IOException {
        try {
            // jHDF writes files by name only, so the atomic replace gets a path, not a stream
            AtomicFiles.writeFile(file, temp -> {
                try (WritableHdfFile hdf = HdfFile.write(temp)) {
                    hdf.putDataset("version", VERSION);
                    writeGraph(hdf.putGroup("node"), graph, "/");
                }
            });
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            // jHDF reports write failures as unchecked exceptions
            throw new IOException(file + ": cannot write the NIR file (" + e + ")", e);
        }
    }

    private static void writeGraph(WritableGroup group, NirGraph graph, String where) {
        group.putDataset("type", "NIRGraph");
        WritableGroup nodes = group.putGroup("nodes");
        for (Map.Entry<String, NirNode> e : graph.nodes().entrySet()) {
            String path = where.equals("/") ? e.getKey() : where + "." + e.getKey();
            writeNode(nodes.putGroup(e.getKey()), e.getValue(), path);
        }
        if (graph.edges().isEmpty()) {
            throw new IllegalArgumentException("graph '" + where + "' has no edges; NIR needs at least Input -> Output");
        }
        List<NirGraph.Edge> edges = graph.edges();
        String[][] ends = new String[edges.size()][];
        for (int i = 0; i < ends.length; i++) {
            ends[i] = new String[] {edges.get(i).source(), edges.get(i).target()};
        }
        group.putDataset("edges", ends);
        if (!graph.metadata().isEmpty()) {
            WritableGroup metadata = group.putGroup("metadata");
            for (Map.Entry<String, Object> e : graph.metadata().entrySet()) {
                if (e.getValue() instanceof Tensor t) {
                    putTensor(metadata, e.getKey(), t, "graph '" + where + "' metadata");
                } else {
                    metadata.putDataset(e.getKey(), e.getValue());
                }
            }
        }
    }

    private static void writeNode(WritableGroup g, NirNode node, String name) {
        String where = "node '" + name + "' (" + node.typeName() + ")";
        if (!(node instanceof NirNode.Subgraph)) {
            g.putDataset("type", node.typeName());
        }
        switch (node) {
            case NirNode.Input in -> putShape(g, "shape", in.shape(), where);
            case NirNode.Output out -> putShape(g, "shape", out.shape(), where);
            case NirNode.Affine a -> {
                putTensor(g, "weight", a.weight(), where);
                putTensor(g, "bias", a.bias(), where);
            }
            case NirNode.Linear l -> putTensor(g, "weight", l.weight(), where);
            case NirNode.Scale s -> putTensor(g, "scale", s.scale(), where);
            case NirNode.Conv1d c -> {
                putConv(g, c.weight(), c.bias(), c.stride(), c.padding(), c.dilation(), c.groups(), where);
                c.inputShape().ifPresent(s -> putShape(g, "input_shape", s, where));
            }
            case NirNode.Conv2d c -> {
                putConv(g, c.weight(), c.bias(), c.stride(), c.padding(), c.dilation(), c.groups(), where);
                c.inputShape().ifPresent(s -> putShape(g, "input_shape", s, where));
            }
            case NirNode.Flatten f -> {
                g.putDataset("start_dim", (long) f.startDim());
                g.putDataset("end_dim", (long) f.endDim());
                f.inputType().ifPresent(s -> putShape(g, "input_type", s, where));
            }
            case NirNode.SumPool2d p -> putPool(g, p.kernelSize(), p.stride(), p.padding(), where);
            case NirNode.AvgPool2d p -> putPool(g, p.kernelSize(), p.stride(), p.padding(), where);
            case NirNode.Threshold t -> putTensor(g, "threshold", t.threshold(), where);
            case NirNode.Delay d -> putTensor(g, "delay", d.delay(), where);
            case NirNode.Neuron n -> n.parameters().forEach((field, value) -> putTensor(g, field, value, where));
            case NirNode.Subgraph sub -> writeGraph(g, sub.graph(), name);
        }
    }

    private static void putConv(WritableGroup g, Tensor weight, Tensor bias, List<Integer> stride, ConvPadding padding,
                                List<Integer> dilation, int groups, String where) {
        putTensor(g, "weight", weight, where);
        putTensor(g, "bias", bias, where);
        putInts(g, "stride", stride, where);
        switch (padding) {
            case ConvPadding.Explicit e -> putInts(g, "padding", e.amounts(), where);
            case ConvPadding.Same s -> g.putDataset("padding", "same");
            case ConvPadding.Valid v -> g.putDataset("padding", "valid");
        }
        putInts(g, "dilation", dilation, where);
        g.putDataset("groups", (long) groups);
    }

    private static void putPool(WritableGroup g, List<Integer> kernel, List<Integer> stride, List<Integer> padding,
                                String where) {
        putInts(g, "kernel_size", kernel, where);
        putInts(g, "stride", stride, where);
        putInts(g, "padding", padding, where);
    }

    private static void putShape(WritableGroup g, String field, Shape shape, String where) {
        putInts(g, field, shape.dims(), where);
    }

    private static void putInts(WritableGroup g, String field, List<Integer> values, String where) {
        if (values.isEmpty()) {
            throw empty(field, where);
        }
        g.putDataset(field, values.stream().mapToLong(Integer::longValue).toArray());
    }

    private static void putTensor(WritableGroup g, String field, Tensor t, String where) {
        if (t.size() == 0) {
            throw empty(field, where);
        }
        boolean single = true;
        for (int i = 0; i < t.size() && single; i++) {
            single = (double) (float) t.get(i) == t.get(i);
        }
        if (t.rank() == 0) {
            g.putDataset(field, single ? (Object) (float) t.get(0) : (Object) t.get(0));
            return;
        }
        Object nested = Array.newInstance(single ? float.class : double.class, t.shape().toArray());
        fill(nested, t, 0);
        g.putDataset(field, nested);
    }

    // Fills a nested Java array (as jHDF expects for an N-d dataset) in row-major order; returns the next flat index.
    private static int fill(Object array, Tensor t, int flat) {
        int n = Array.getLength(array);
        if (array instanceof float[] f) {
            for (int i = 0; i < n; i++) {
                f[i] = (float) t.get(flat++);
            }
            return flat;
        }
        if (array instanceof double[] d) {
            for (int i = 0; i < n; i++) {
                d[i] = t.get(flat++);
            }
            return flat;
        }
        for (int i = 0; i < n; i++) {
            flat = fill(Array.get(array, i), t, flat);
        }
        return flat;
    }

    private static IllegalArgumentException empty(String field, String where) {
        return new IllegalArgumentException(where + ": field '" + field
                + "' is empty, which this NIR writer (jHDF 0.10.0) cannot store");
    }
}
