package io.neuroedge.compiler.nir;

import java.util.Map;

/**
 * Checks a {@link NirGraph} before compilation and infers its shapes. Rejects, with a message naming
 * the node, the field and what was expected: non-positive time constants, dangling edge endpoints,
 * weights that do not fit the fan-in (and says so when they look transposed), shape mismatches in
 * convolutions, pools, Flatten, neuron parameter counts and declared Input/Output shapes, and cycles
 * that pass through no neuron (or Delay). Cycles through a neuron are recurrence with a one-step delay.
 * Stateless and thread-safe.
 */
public final class NirValidator {

    /** Validates {@code graph} and returns its shapes, order and recurrent edges. */
    public NirAnalysis validate(NirGraph graph) throws NirFormatException {
        checkTimeConstants(graph, "");
        NirGraph flat = GraphFlattener.flatten(graph);
        return ShapeInference.run(flat, Schedule.of(flat));
    }

    private static void checkTimeConstants(NirGraph graph, String prefix) throws NirFormatException {
        for (Map.Entry<String, NirNode> e : graph.nodes().entrySet()) {
            String name = prefix + e.getKey();
            switch (e.getValue()) {
                case NirNode.Subgraph sub -> checkTimeConstants(sub.graph(), name + ".");
                case NirNode.Neuron n -> {
                    for (Map.Entry<String, Tensor> tau : n.timeConstants().entrySet()) {
                        requirePositive(name, n, tau.getKey(), tau.getValue());
                    }
                }
                default -> { }
            }
        }
    }

    private static void requirePositive(String name, NirNode node, String field, Tensor tau) throws NirFormatException {
        for (int i = 0; i < tau.size(); i++) {
            double v = tau.get(i);
            if (!(v > 0) || Double.isInfinite(v)) {
                throw ShapeInference.err(name, node, "field '" + field + "' must be a positive time constant, found "
                        + v + " at index " + i);
            }
        }
    }
}
