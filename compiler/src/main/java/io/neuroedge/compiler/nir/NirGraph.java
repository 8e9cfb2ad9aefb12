package io.neuroedge.compiler.nir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable NIR graph: named nodes and directed edges between endpoint names. Edges are kept as
 * written (in any order, possibly dangling or cyclic); {@link NirValidator} judges them. An endpoint
 * {@code "G.B"} names node {@code B} inside the subgraph node {@code G}, unless a node is literally
 * called {@code "G.B"} (snnTorch writes flat names such as {@code "lif1.lif"}). A graph may carry NIR's
 * free-form {@code metadata}: text values as {@link String}, numbers as {@link Tensor}.
 */
public final class NirGraph {

    /** A directed edge {@code source -> target} between endpoint names. */
    public record Edge(String source, String target) {
        /** Rejects null names. */
        public Edge {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(target, "target");
        }

        @Override
        public String toString() {
            return source + " -> " + target;
        }
    }

    private final Map<String, NirNode> nodes;
    private final List<Edge> edges;
    private final Map<String, Object> metadata;

    private NirGraph(Map<String, NirNode> nodes, List<Edge> edges, Map<String, ?> metadata) {
        this.nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        this.edges = List.copyOf(edges);
        Map<String, Object> m = new LinkedHashMap<>();
        metadata.forEach((key, value) -> {
            if (!(value instanceof String || value instanceof Tensor)) {
                throw new IllegalArgumentException("metadata '" + key + "' is a "
                        + (value == null ? "null" : value.getClass().getSimpleName()) + ", expected a String or a Tensor");
            }
            m.put(Objects.requireNonNull(key, "metadata key"), value);
        });
        this.metadata = Collections.unmodifiableMap(m);
    }

    /** A graph from nodes (iteration order kept) and edges, without metadata. */
    public static NirGraph of(Map<String, NirNode> nodes, List<Edge> edges) {
        return new NirGraph(nodes, edges, Map.of());
    }

    /** A graph with metadata; each value is a {@link String} or a {@link Tensor}. */
    public static NirGraph of(Map<String, NirNode> nodes, List<Edge> edges, Map<String, ?> metadata) {
        return new NirGraph(nodes, edges, metadata);
    }

    /** A builder for graphs assembled in code. */
    public static Builder builder() {
        return new Builder();
    }

    /** Nodes by name, in file (or insertion) order. */
    public Map<String, NirNode> nodes() {
        return nodes;
    }

    /** Edges in file order. */
    public List<Edge> edges() {
        return edges;
    }

    /** The graph's metadata in file (or insertion) order: {@link String} or {@link Tensor} values. */
    public Map<String, Object> metadata() {
        return metadata;
    }

    /** The node called {@code name} in this graph, without looking into subgraphs. */
    public Optional<NirNode> node(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    /**
     * Resolves an endpoint name: an exact node name first, otherwise {@code "G.B"} as node {@code B}
     * of subgraph {@code G} (recursively, trying every split point).
     */
    public Optional<NirNode> resolve(String endpoint) {
        NirNode direct = nodes.get(endpoint);
        if (direct != null) {
            return Optional.of(direct);
        }
        for (int dot = endpoint.indexOf('.'); dot >= 0; dot = endpoint.indexOf('.', dot + 1)) {
            if (nodes.get(endpoint.substring(0, dot)) instanceof NirNode.Subgraph sub) {
                Optional<NirNode> inner = sub.graph().resolve(endpoint.substring(dot + 1));
                if (inner.isPresent()) {
                    return inner;
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NirGraph g && nodes.equals(g.nodes) && edges.equals(g.edges) && metadata.equals(g.metadata);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * nodes.hashCode() + edges.hashCode()) + metadata.hashCode();
    }

    @Override
    public String toString() {
        return "NirGraph" + nodes.keySet() + " edges=" + edges;
    }

    /** Collects nodes and edges for {@link NirGraph#of}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, NirNode> nodes = new LinkedHashMap<>();
        private final List<Edge> edges = new ArrayList<>();
        private final Map<String, Object> metadata = new LinkedHashMap<>();

        private Builder() {
        }

        /** Adds (or replaces) a node. */
        public Builder node(String name, NirNode node) {
            nodes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(node, "node"));
            return this;
        }

        /** Adds an edge. */
        public Builder edge(String source, String target) {
            edges.add(new Edge(source, target));
            return this;
        }

        /** Adds edges along a chain {@code a -> b -> c ...}. */
        public Builder chain(String... names) {
            for (int i = 1; i < names.length; i++) {
                edge(names[i - 1], names[i]);
            }
            return this;
        }

        /** Adds (or replaces) a text metadata entry. */
        public Builder metadata(String key, String value) {
            metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Adds (or replaces) a numeric metadata entry. */
        public Builder metadata(String key, Tensor value) {
            metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** The immutable graph. */
        public NirGraph build() {
            return new NirGraph(nodes, edges, metadata);
        }
    }
}
