package io.neuroedge.compiler.nir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Propagates batch-free shapes from the {@code Input} nodes along a {@link Schedule}, checking every
 * node's parameters against the shape that reaches it. Convolution and pooling sizes follow PyTorch.
 */
final class ShapeInference {

    private final NirGraph flat;
    private final Schedule schedule;
    private final Map<String, Shape> in = new LinkedHashMap<>();
    private final Map<String, Shape> out = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    private ShapeInference(NirGraph flat, Schedule schedule) {
        this.flat = flat;
        this.schedule = schedule;
    }

    static NirAnalysis run(NirGraph flat, Schedule schedule) throws NirFormatException {
        ShapeInference s = new ShapeInference(flat, schedule);
        for (String name : schedule.order()) {
            s.infer(name);
        }
        s.checkRecurrentEdges();
        return new NirAnalysis(flat, schedule.order(), schedule.recurrent(), s.in, s.out, s.notes);
    }

    private void infer(String name) throws NirFormatException {
        NirNode node = flat.nodes().get(name);
        Shape input = incoming(name, node);
        in.put(name, input);
        out.put(name, outputOf(name, node, input));
    }

    /** The shape reaching {@code name}: all forward inputs are summed, so they must agree. */
    private Shape incoming(String name, NirNode node) throws NirFormatException {
        Shape shape = null;
        String from = null;
        for (NirGraph.Edge e : flat.edges()) {
            if (!e.target().equals(name) || schedule.recurrent().contains(e)) {
                continue;
            }
            Shape s = out.get(e.source());
            if (shape != null && !shape.equals(s)) {
                throw err(name, node, "inputs disagree: '" + from + "' gives " + shape + " but '" + e.source()
                        + "' gives " + s);
            }
            shape = s;
            from = e.source();
        }
        if (shape == null) {
            if (node instanceof NirNode.Input input) {
                return input.shape();
            }
            throw err(name, node, "has no input edge, so its shape cannot be inferred from an Input node");
        }
        return shape;
    }

    private Shape outputOf(String name, NirNode node, Shape s) throws NirFormatException {
        return switch (node) {
            case NirNode.Input i -> declared(name, node, i.shape(), s);
            case NirNode.Output o -> declared(name, node, o.shape(), s);
            case NirNode.Affine a -> dense(name, node, a.weight(), s, a.bias());
            case NirNode.Linear l -> dense(name, node, l.weight(), s, null);
            case NirNode.Scale sc -> elementwise(name, node, "scale", sc.scale(), s, true);
            case NirNode.Conv1d c -> ConvShapes.conv(name, node, c.weight(), c.stride(), c.padding(), c.dilation(),
                    c.groups(), c.inputShape(), s);
            case NirNode.Conv2d c -> ConvShapes.conv(name, node, c.weight(), c.stride(), c.padding(), c.dilation(),
                    c.groups(), c.inputShape(), s);
            case NirNode.SumPool2d p -> ConvShapes.pool(name, node, p.kernelSize(), p.stride(), p.padding(), s);
            case NirNode.AvgPool2d p -> ConvShapes.pool(name, node, p.kernelSize(), p.stride(), p.padding(), s);
            case NirNode.Flatten f -> flatten(name, f, s);
            case NirNode.Threshold t -> elementwise(name, node, "threshold", t.threshold(), s, false);
            case NirNode.Delay d -> elementwise(name, node, "delay", d.delay(), s, false);
            case NirNode.Neuron n -> neurons(name, n, s);
            case NirNode.Subgraph g -> throw err(name, node, "nested graph was not flattened");
        };
    }

    private static Shape declared(String name, NirNode node, Shape declared, Shape s) throws NirFormatException {
        // Extra singleton dims ([1,1,1] for one neuron) are tolerated: only the element count matters.
        if (declared.size() != s.size()) {
            throw err(name, node, "field 'shape' declares " + declared + " but " + s + " reaches it");
        }
        return s;
    }

    private static Shape dense(String name, NirNode node, Tensor w, Shape s, Tensor bias) throws NirFormatException {
        if (w.rank() != 2) {
            throw err(name, node, "field 'weight' has shape " + w.shape() + ", expected (out, in)");
        }
        int fanIn = s.rank() == 0 ? 1 : s.dim(-1);
        if (w.dim(1) != fanIn) {
            if (w.dim(0) == fanIn) {
                throw err(name, node, "field 'weight' has shape " + w.shape() + " but the fan-in from upstream is "
                        + fanIn + ": the weights look transposed, expected (out, in) = (" + w.dim(1) + ", " + fanIn + ")");
            }
            throw err(name, node, "field 'weight' has shape " + w.shape() + ", expected (out, " + fanIn
                    + ") for input shape " + s);
        }
        if (bias != null && bias.size() != w.dim(0)) {
            throw err(name, node, "field 'bias' has " + bias.size() + " values, expected " + w.dim(0) + " (one per output)");
        }
        List<Integer> dims = new ArrayList<>(s.rank() == 0 ? List.of() : s.dims().subList(0, s.rank() - 1));
        dims.add(w.dim(0));
        return new Shape(dims);
    }

    private static Shape elementwise(String name, NirNode node, String field, Tensor p, Shape s, boolean broadcast)
            throws NirFormatException {
        if (p.size() != s.size() && !(broadcast && p.size() == 1)) {
            throw err(name, node, "field '" + field + "' has " + p.size() + " values, expected " + s.size()
                    + " (one per element of " + s + ")");
        }
        return s;
    }

    private static Shape neurons(String name, NirNode.Neuron n, Shape s) throws NirFormatException {
        for (Map.Entry<String, Tensor> p : n.parameters().entrySet()) {
            if (p.getValue().size() != s.size()) {
                throw err(name, n, "field '" + p.getKey() + "' has " + p.getValue().size() + " values, expected "
                        + s.size() + " (one per neuron of the population " + s + " reaching it)");
            }
        }
        return s;
    }

    private Shape flatten(String name, NirNode.Flatten f, Shape s) throws NirFormatException {
        if (f.inputType().isPresent() && f.inputType().get().size() != s.size()) {
            throw err(name, f, "field 'input_type' is " + f.inputType().get() + " but " + s + " reaches it");
        }
        int start = f.startDim() < 0 ? s.rank() + f.startDim() : f.startDim();
        int end = f.endDim() < 0 ? s.rank() + f.endDim() : f.endDim();
        if (start < 0 || end >= s.rank() || start > end) {
            throw err(name, f, "fields 'start_dim'/'end_dim' = " + f.startDim() + "/" + f.endDim()
                    + " do not fit input shape " + s);
        }
        Shape result = flattened(s, start, end);
        // Older exports wrote start_dim = 1 meaning "after the batch dimension": accept it when only a
        // full flatten fits the fan-in of the next dense layer.
        if (start == 1 && result.rank() > 1 && downstreamFanIns(name).contains(s.size())
                && !downstreamFanIns(name).contains(result.dim(-1))) {
            notes.add("node '" + name + "' (Flatten): start_dim 1 read as the old convention counting the batch"
                    + " dimension; flattening all of " + s);
            return Shape.of(s.size());
        }
        return result;
    }

    private static Shape flattened(Shape s, int start, int end) {
        List<Integer> dims = new ArrayList<>(s.dims().subList(0, start));
        dims.add(new Shape(s.dims().subList(start, end + 1)).size());
        dims.addAll(s.dims().subList(end + 1, s.rank()));
        return new Shape(dims);
    }

    private List<Integer> downstreamFanIns(String name) {
        List<Integer> fanIns = new ArrayList<>();
        for (NirGraph.Edge e : flat.edges()) {
            if (e.source().equals(name)) {
                switch (flat.nodes().get(e.target())) {
                    case NirNode.Affine a when a.weight().rank() == 2 -> fanIns.add(a.weight().dim(1));
                    case NirNode.Linear l when l.weight().rank() == 2 -> fanIns.add(l.weight().dim(1));
                    default -> { }
                }
            }
        }
        return fanIns;
    }

    private void checkRecurrentEdges() throws NirFormatException {
        for (NirGraph.Edge e : schedule.recurrent()) {
            Shape from = out.get(e.source());
            Shape to = in.get(e.target());
            if (!from.equals(to)) {
                throw err(e.target(), flat.nodes().get(e.target()), "recurrent input from '" + e.source() + "' has shape "
                        + from + ", expected " + to);
            }
        }
    }

    static NirFormatException err(String name, NirNode node, String problem) {
        return new NirFormatException("node '" + name + "' (" + node.typeName() + "): " + problem);
    }
}
