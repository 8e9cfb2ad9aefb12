package io.neuroedge.compiler.nir;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The result of {@link NirValidator#validate}: the graph with subgraphs inlined (nested names
 * qualified as {@code "G.B"}), an evaluation order, the recurrent edges, and the shape entering and
 * leaving every node. Immutable.
 *
 * @param flatGraph      the validated graph without {@link NirNode.Subgraph} nodes
 * @param order          a topological order of all nodes ignoring recurrent edges
 * @param recurrentEdges edges closing a cycle through a stateful node; they carry a one-step delay
 * @param inputShapes    the shape reaching each node
 * @param outputShapes   the shape leaving each node
 * @param notes          tolerated defects (e.g. an old Flatten convention), one line each
 */
public record NirAnalysis(NirGraph flatGraph, List<String> order, Set<NirGraph.Edge> recurrentEdges,
                          Map<String, Shape> inputShapes, Map<String, Shape> outputShapes, List<String> notes) {

    /** Copies everything into unmodifiable collections. */
    public NirAnalysis {
        order = List.copyOf(order);
        recurrentEdges = Collections.unmodifiableSet(new LinkedHashSet<>(recurrentEdges));
        inputShapes = Collections.unmodifiableMap(new LinkedHashMap<>(inputShapes));
        outputShapes = Collections.unmodifiableMap(new LinkedHashMap<>(outputShapes));
        notes = List.copyOf(notes);
    }

    /** The shape leaving node {@code name}. */
    public Shape outputShape(String name) {
        return require(outputShapes, name);
    }

    /** The shape entering node {@code name}. */
    public Shape inputShape(String name) {
        return require(inputShapes, name);
    }

    /** Whether the edge {@code source -> target} is recurrent. */
    public boolean isRecurrent(String source, String target) {
        return recurrentEdges.contains(new NirGraph.Edge(source, target));
    }

    private static Shape require(Map<String, Shape> shapes, String name) {
        Shape s = shapes.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no node '" + name + "' in the analysed graph");
        }
        return s;
    }
}
