package io.neuroedge.compiler.nir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Inlines nested graphs into one graph whose node names are qualified ({@code "G.B"}), resolving
 * every edge endpoint on the way. An edge into a subgraph {@code G} feeds its {@code Input} nodes; an
 * edge out of {@code G} leaves from its {@code Output} nodes, which then act as pass-through nodes.
 */
final class GraphFlattener {

    private final Map<String, NirNode> nodes = new LinkedHashMap<>();
    private final List<NirGraph.Edge> edges = new ArrayList<>();

    private GraphFlattener() {
    }

    /** The flat graph; fails on an unresolvable endpoint or a qualified-name collision. */
    static NirGraph flatten(NirGraph graph) throws NirFormatException {
        GraphFlattener f = new GraphFlattener();
        f.add(graph, "");
        return NirGraph.of(f.nodes, f.edges);
    }

    private void add(NirGraph graph, String prefix) throws NirFormatException {
        for (Map.Entry<String, NirNode> e : graph.nodes().entrySet()) {
            String qualified = prefix + e.getKey();
            if (e.getValue() instanceof NirNode.Subgraph sub) {
                add(sub.graph(), qualified + ".");
            } else if (nodes.putIfAbsent(qualified, e.getValue()) != null) {
                throw new NirFormatException("node '" + qualified
                        + "': name is used both by a flat node and by a node inside a subgraph");
            }
        }
        for (NirGraph.Edge edge : graph.edges()) {
            List<String> sources = endpoints(graph, edge.source(), prefix, true);
            List<String> targets = endpoints(graph, edge.target(), prefix, false);
            requireResolved(sources, edge, edge.source(), prefix);
            requireResolved(targets, edge, edge.target(), prefix);
            for (String s : sources) {
                for (String t : targets) {
                    edges.add(new NirGraph.Edge(s, t));
                }
            }
        }
    }

    private static void requireResolved(List<String> ends, NirGraph.Edge edge, String endpoint, String prefix)
            throws NirFormatException {
        if (ends.isEmpty()) {
            String graph = prefix.isEmpty() ? "top-level graph" : "subgraph '" + prefix.substring(0, prefix.length() - 1) + "'";
            throw new NirFormatException("edge '" + edge + "' in " + graph + ": endpoint '" + endpoint
                    + "' names no node (expected a node name or 'subgraph.node')");
        }
    }

    /** Qualified leaf names an endpoint stands for; empty if it names nothing. */
    private static List<String> endpoints(NirGraph graph, String endpoint, String prefix, boolean asSource) {
        NirNode direct = graph.nodes().get(endpoint);
        if (direct instanceof NirNode.Subgraph sub) {
            List<String> ports = new ArrayList<>();
            sub.graph().nodes().forEach((name, n) -> {
                if (asSource ? n instanceof NirNode.Output : n instanceof NirNode.Input) {
                    ports.add(prefix + endpoint + "." + name);
                }
            });
            return ports;
        }
        if (direct != null) {
            return List.of(prefix + endpoint);
        }
        for (int dot = endpoint.indexOf('.'); dot >= 0; dot = endpoint.indexOf('.', dot + 1)) {
            String head = endpoint.substring(0, dot);
            if (graph.nodes().get(head) instanceof NirNode.Subgraph sub) {
                List<String> inner = endpoints(sub.graph(), endpoint.substring(dot + 1), prefix + head + ".", asSource);
                if (!inner.isEmpty()) {
                    return inner;
                }
            }
        }
        return List.of();
    }
}
