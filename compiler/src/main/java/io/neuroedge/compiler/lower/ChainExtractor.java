package io.neuroedge.compiler.lower;

import io.neuroedge.compiler.nir.ConvPadding;
import io.neuroedge.compiler.nir.NirAnalysis;
import io.neuroedge.compiler.nir.NirGraph;
import io.neuroedge.compiler.nir.NirNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reduces a validated NIR graph to a {@link Chain}: Input → [synapse (Scale) → neuron | pool |
 * flatten]* → Output, with neuron → Affine/Linear → same neuron cycles as recurrent weights. Inner
 * Input/Output nodes of inlined subgraphs are pass-throughs. Anything else is rejected with a message
 * naming the node. Stateless.
 */
public final class ChainExtractor {

    /** The chain of {@code analysis}' flat graph. */
    public Chain extract(NirAnalysis analysis) {
        NirGraph g = analysis.flatGraph();
        rejectUnsupportedTypes(g);
        Map<String, List<String>> succ = new HashMap<>();
        Map<String, List<String>> pred = new HashMap<>();
        g.nodes().keySet().forEach(n -> {
            succ.put(n, new ArrayList<>());
            pred.put(n, new ArrayList<>());
        });
        for (NirGraph.Edge e : g.edges()) {
            if (!analysis.recurrentEdges().contains(e)) {
                succ.get(e.source()).add(e.target());
                pred.get(e.target()).add(e.source());
            }
        }
        Map<String, String> recurrentInto = recurrentSynapses(analysis, succ, pred);

        List<String> roots = g.nodes().keySet().stream()
                .filter(n -> g.nodes().get(n) instanceof NirNode.Input && pred.get(n).isEmpty()).toList();
        if (roots.size() != 1) {
            throw new UnsupportedModelException("the graph has " + roots.size()
                    + " top-level Input nodes; the runtime executes graphs with exactly one input");
        }
        List<String> path = walk(g, roots.getFirst(), succ, pred);
        Set<String> covered = new HashSet<>(path);
        covered.addAll(recurrentInto.values());
        for (String n : g.nodes().keySet()) {
            if (!covered.contains(n)) {
                throw new UnsupportedModelException("node '" + n + "' of type " + g.nodes().get(n).typeName()
                        + " is not on the chain from the input to the output; only chains are supported");
            }
        }
        return group(analysis, path, recurrentInto);
    }

    private static void rejectUnsupportedTypes(NirGraph g) {
        g.nodes().forEach((name, node) -> {
            boolean supported = switch (node) {
                case NirNode.Delay d -> false;
                case NirNode.Threshold t -> false;
                case NirNode.I i -> false;
                case NirNode.Conv1d c -> false;
                case NirNode.CubaLI c -> false;
                default -> true;
            };
            if (!supported) {
                throw new UnsupportedModelException("the runtime cannot execute node '" + name + "' of type "
                        + node.typeName());
            }
        });
    }

    // Each recurrent edge must close neuron -> Affine/Linear -> the same neuron; returns neuron -> synapse.
    private static Map<String, String> recurrentSynapses(NirAnalysis a, Map<String, List<String>> succ,
                                                         Map<String, List<String>> pred) {
        Map<String, String> into = new HashMap<>();
        for (NirGraph.Edge e : a.recurrentEdges()) {
            NirNode source = a.flatGraph().nodes().get(e.source());
            String neuron = e.target();
            boolean synapse = source instanceof NirNode.Affine || source instanceof NirNode.Linear;
            if (!synapse || !pred.get(e.source()).equals(List.of(neuron)) || !succ.get(e.source()).isEmpty()
                    || !(a.flatGraph().nodes().get(neuron) instanceof NirNode.Neuron)) {
                throw new UnsupportedModelException("recurrent edge '" + e + "': the runtime supports recurrence only"
                        + " as neuron -> Affine/Linear -> the same neuron");
            }
            if (into.put(neuron, e.source()) != null) {
                throw new UnsupportedModelException("neuron '" + neuron + "' has more than one recurrent synapse");
            }
            succ.get(neuron).remove(e.source());
            pred.get(e.source()).clear();
        }
        return into;
    }

    private static List<String> walk(NirGraph g, String root, Map<String, List<String>> succ,
                                     Map<String, List<String>> pred) {
        List<String> path = new ArrayList<>();
        String n = root;
        while (true) {
            path.add(n);
            List<String> next = succ.get(n);
            if (next.isEmpty()) {
                if (!(g.nodes().get(n) instanceof NirNode.Output)) {
                    throw new UnsupportedModelException("node '" + n + "' of type " + g.nodes().get(n).typeName()
                            + " feeds nothing; the chain must end in an Output node");
                }
                return path;
            }
            if (next.size() > 1) {
                throw new UnsupportedModelException("node '" + n + "' feeds " + next.size() + " nodes " + next
                        + "; the runtime executes chains only (no branches)");
            }
            n = next.getFirst();
            if (pred.get(n).size() > 1) {
                throw new UnsupportedModelException("node '" + n + "' has " + pred.get(n).size() + " inputs "
                        + pred.get(n) + "; the runtime executes chains only (no merges)");
            }
        }
    }

    private static Chain group(NirAnalysis a, List<String> path, Map<String, String> recurrentInto) {
        NirGraph g = a.flatGraph();
        // inner Input/Output nodes of subgraphs pass values through unchanged
        List<String> ops = path.subList(1, path.size() - 1).stream()
                .filter(n -> !(g.nodes().get(n) instanceof NirNode.Input || g.nodes().get(n) instanceof NirNode.Output))
                .toList();
        NirNode.Input input = (NirNode.Input) g.nodes().get(path.getFirst());
        List<Stage> stages = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            String name = ops.get(i);
            NirNode node = g.nodes().get(name);
            switch (node) {
                case NirNode.Affine x -> i = synaptic(a, ops, i, recurrentInto, stages);
                case NirNode.Linear x -> i = synaptic(a, ops, i, recurrentInto, stages);
                case NirNode.Conv2d x -> i = synaptic(a, ops, i, recurrentInto, stages);
                case NirNode.SumPool2d p -> stages.add(pool(a, name, false, p.kernelSize(), p.stride(), p.padding()));
                case NirNode.AvgPool2d p -> stages.add(pool(a, name, true, p.kernelSize(), p.stride(), p.padding()));
                case NirNode.Flatten f -> {
                    if (a.outputShape(name).rank() != 1) {
                        throw new UnsupportedModelException("Flatten '" + name + "' produces " + a.outputShape(name)
                                + "; the runtime flattens to a vector only");
                    }
                    stages.add(new Stage.Flatten(name, a.inputShape(name), a.outputShape(name)));
                }
                case NirNode.Neuron n -> throw new UnsupportedModelException("neuron '" + name + "' of type "
                        + node.typeName() + " has no Affine, Linear or Conv2d node before it");
                default -> throw new UnsupportedModelException("the runtime cannot execute node '" + name
                        + "' of type " + node.typeName() + " at this position");
            }
        }
        if (stages.isEmpty() || !(stages.getLast() instanceof Stage.Synaptic)) {
            throw new UnsupportedModelException("the last layer before the Output must be a synaptic layer"
                    + " (Affine, Linear or Conv2d, optionally with a neuron)");
        }
        return new Chain(path.getFirst(), input.shape(), stages);
    }

    // Consumes synapse [Scale] neuron starting at ops[i]; returns the index of the last consumed node.
    private static int synaptic(NirAnalysis a, List<String> ops, int i, Map<String, String> recurrentInto,
                                List<Stage> stages) {
        NirGraph g = a.flatGraph();
        String synName = ops.get(i);
        NirNode syn = g.nodes().get(synName);
        checkConv(synName, syn);
        int j = i + 1;
        NirNode.Scale scale = null;
        if (j < ops.size() && g.nodes().get(ops.get(j)) instanceof NirNode.Scale s) {
            scale = s;
            j++;
        }
        if (j < ops.size() && g.nodes().get(ops.get(j)) instanceof NirNode.Neuron neuron) {
            String nName = ops.get(j);
            String rec = recurrentInto.get(nName);
            stages.add(new Stage.Synaptic(synName, syn, scale, nName, neuron, rec,
                    rec == null ? null : g.nodes().get(rec), a.inputShape(synName), a.outputShape(nName)));
            return j;
        }
        if (j == ops.size()) {
            // feeds the Output directly: lowered to an integrating LI readout
            String last = ops.get(j - 1);
            stages.add(new Stage.Synaptic(synName, syn, scale, synName, null, null, null, a.inputShape(synName),
                    a.outputShape(last)));
            return j - 1;
        }
        throw new UnsupportedModelException("synaptic node '" + synName + "' of type " + syn.typeName()
                + " is followed by '" + ops.get(j) + "' (" + g.nodes().get(ops.get(j)).typeName()
                + "); the runtime needs a neuron (IF, LIF, CubaLIF, LI) after every synaptic node except the last");
    }

    private static void checkConv(String name, NirNode node) {
        if (node instanceof NirNode.Conv2d c) {
            if (c.weight().dim(2) != c.weight().dim(3) || !c.stride().get(0).equals(c.stride().get(1))) {
                throw new UnsupportedModelException("Conv2d '" + name + "': the runtime needs a square kernel and equal strides");
            }
            if (c.dilation().stream().anyMatch(d -> d != 1)) {
                throw new UnsupportedModelException("Conv2d '" + name + "': dilation " + c.dilation() + " is not supported");
            }
            convPadding(name, c);
        }
    }

    /** The symmetric zero padding of a square conv; rejects anything else. */
    static int convPadding(String name, NirNode.Conv2d c) {
        int k = c.weight().dim(2);
        return switch (c.padding()) {
            case ConvPadding.Valid v -> 0;
            case ConvPadding.Same s -> {
                if (k % 2 == 0 || c.stride().get(0) != 1) {
                    throw new UnsupportedModelException("Conv2d '" + name + "': padding 'same' needs an odd kernel and stride 1");
                }
                yield (k - 1) / 2;
            }
            case ConvPadding.Explicit e -> {
                if (!e.amounts().get(0).equals(e.amounts().get(1))) {
                    throw new UnsupportedModelException("Conv2d '" + name + "': padding " + e.amounts() + " is not symmetric");
                }
                yield e.amounts().get(0);
            }
        };
    }

    private static Stage.Pool pool(NirAnalysis a, String name, boolean average, List<Integer> k, List<Integer> s,
                                   List<Integer> p) {
        if (!k.get(0).equals(k.get(1)) || !s.get(0).equals(s.get(1)) || !p.get(0).equals(p.get(1))) {
            throw new UnsupportedModelException("pool '" + name + "': the runtime needs a square window, stride and padding");
        }
        if (a.inputShape(name).rank() != 3) {
            throw new UnsupportedModelException("pool '" + name + "' reads " + a.inputShape(name) + "; expected CxHxW");
        }
        return new Stage.Pool(name, average, k.get(0), s.get(0), p.get(0), a.inputShape(name), a.outputShape(name));
    }
}
