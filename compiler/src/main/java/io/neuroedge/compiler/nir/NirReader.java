package io.neuroedge.compiler.nir;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code .nir} file (HDF5) into a {@link NirGraph}: the {@code /node} graph with its
 * {@code nodes/<name>} groups, {@code edges} and optional {@code metadata}, recursively for nested
 * graphs. Handles contiguous and gzip-chunked datasets, 0-d scalars, fixed- and variable-length
 * strings and float32/float64/int64 numbers.
 * {@code /version} is not checked: real files carry many versions, so features are judged instead.
 *
 * <p>Every failure, including a damaged or non-HDF5 file, is a {@link NirFormatException} with a
 * one-line message naming the file. The reader checks the file format only; see {@link NirValidator}
 * for graph checks. Stateless and thread-safe.
 */
public final class NirReader {

    private static final String GRAPH_TYPE = "NIRGraph";

    /** Reads the whole graph of {@code file}. */
    public NirGraph read(Path file) throws NirFormatException {
        String name = String.valueOf(file.getFileName());
        if (!Files.isRegularFile(file)) {
            throw new NirFormatException(name + ": no such file (" + file + ")");
        }
        try (HdfFile hdf = new HdfFile(file)) {
            if (!(hdf.getChild("node") instanceof Group top)) {
                throw new NirFormatException(name + ": not a NIR file (no /node group)");
            }
            return readGraph(top, name, "");
        } catch (NirFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            // jHDF signals damaged input with HdfException and, on truncation, with buffer and index
            // exceptions from deep inside; none of them may escape as anything but a format error.
            throw new NirFormatException(name + ": not a readable NIR/HDF5 file (" + oneLine(e) + ")", e);
        }
    }

    private NirGraph readGraph(Group graph, String file, String prefix) throws NirFormatException {
        String where = file + ": graph '" + (prefix.isEmpty() ? "/" : prefix) + "'";
        NodeFields fields = new NodeFields(graph, where);
        String type = fields.string("type");
        if (!type.equals(GRAPH_TYPE)) {
            throw fields.error("type", "is '" + type + "', expected '" + GRAPH_TYPE + "'");
        }
        if (!(graph.getChild("nodes") instanceof Group nodeGroup)) {
            throw new NirFormatException(where + ": missing required group 'nodes'");
        }
        Map<String, NirNode> nodes = new LinkedHashMap<>();
        for (Map.Entry<String, Node> child : nodeGroup.getChildren().entrySet()) {
            String nodeName = child.getKey();
            String path = prefix.isEmpty() ? nodeName : prefix + "." + nodeName;
            if (!(child.getValue() instanceof Group g)) {
                throw new NirFormatException(file + ": node '" + path + "' is a dataset, expected a group");
            }
            nodes.put(nodeName, readNode(g, file, path));
        }
        return NirGraph.of(nodes, readEdges(fields), readMetadata(graph, fields));
    }

    /**
     * The graph's {@code metadata} group: one-string datasets as text, numeric datasets as tensors.
     * Metadata is free-form in NIR, so entries of any other kind are skipped rather than rejected.
     */
    private static Map<String, Object> readMetadata(Group graph, NodeFields graphFields) throws NirFormatException {
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (!(graph.getChild("metadata") instanceof Group group)) {
            return metadata;
        }
        NodeFields fields = new NodeFields(group, graphFields.where() + " metadata");
        for (Map.Entry<String, Node> entry : group.getChildren().entrySet()) {
            if (!(entry.getValue() instanceof Dataset ds)) {
                continue;
            }
            String key = entry.getKey();
            Class<?> type = ds.getJavaType();
            if (type == String.class) {
                List<String> values = fields.strings(key);
                if (values.size() == 1) {
                    metadata.put(key, values.getFirst());
                }
            } else if (isNumber(type)) {
                metadata.put(key, fields.tensor(key));
            }
        }
        return metadata;
    }

    private NirNode readNode(Group group, String file, String path) throws NirFormatException {
        String type = new NodeFields(group, file + ": node '" + path + "'").string("type");
        if (type.equals(GRAPH_TYPE)) {
            return new NirNode.Subgraph(readGraph(group, file, path));
        }
        return NodeDecoder.decode(type, new NodeFields(group, file + ": node '" + path + "' (" + type + ")"));
    }

    // jHDF gives primitive types for arrays and boxed ones for scalars
    private static boolean isNumber(Class<?> type) {
        return type.isPrimitive() ? type != boolean.class && type != char.class : Number.class.isAssignableFrom(type);
    }

    private static List<NirGraph.Edge> readEdges(NodeFields fields) throws NirFormatException {
        int[] dims = fields.dimensions("edges");
        if (dims.length != 2 || dims[1] != 2) {
            throw fields.error("edges", "has shape " + Shape.of(dims) + ", expected (N, 2) strings");
        }
        List<String> ends = fields.strings("edges");
        List<NirGraph.Edge> edges = new ArrayList<>();
        for (int i = 0; i + 1 < ends.size(); i += 2) {
            edges.add(new NirGraph.Edge(ends.get(i), ends.get(i + 1)));
        }
        return edges;
    }

    private static String oneLine(Throwable e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return msg.replaceAll("\\s+", " ").strip();
    }
}
