package io.neuroedge.compiler.nir;

/**
 * Synapse evaluations per time step if every input were active: the denominator for reporting
 * measured synaptic operations as sparsity. Counts Affine/Linear weights and convolution
 * multiply-accumulates at the inferred output size; pooling, scaling and neurons cost nothing here.
 */
public final class DenseSynapseCount {

    private DenseSynapseCount() {
    }

    /** Total over all nodes of an analysed graph, recurrent weights included. */
    public static long synapsesPerStep(NirAnalysis analysis) {
        long total = 0;
        for (String name : analysis.order()) {
            total += synapsesPerStep(analysis, name);
        }
        return total;
    }

    /** The dense synapse count of one node. */
    public static long synapsesPerStep(NirAnalysis analysis, String name) {
        return switch (analysis.flatGraph().nodes().get(name)) {
            case NirNode.Affine a -> (long) a.weight().size() * rows(analysis.inputShape(name));
            case NirNode.Linear l -> (long) l.weight().size() * rows(analysis.inputShape(name));
            case NirNode.Conv1d c -> convCost(c.weight(), analysis.outputShape(name));
            case NirNode.Conv2d c -> convCost(c.weight(), analysis.outputShape(name));
            case null -> throw new IllegalArgumentException("no node '" + name + "' in the analysed graph");
            default -> 0;
        };
    }

    // Each output element sums C_in/groups x kernel inputs: the weight size divided by C_out.
    private static long convCost(Tensor weight, Shape out) {
        return (long) out.size() * (weight.size() / weight.dim(0));
    }

    // A dense layer applied to (..., in) runs once per leading index.
    private static long rows(Shape in) {
        return in.rank() <= 1 ? 1 : in.size() / in.dim(-1);
    }
}
