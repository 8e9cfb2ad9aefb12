package io.neuroedge.compiler.nir;

import java.util.List;
import java.util.Optional;

/**
 * Turns the datasets of one NIR node group into a {@link NirNode}, applying NIR's defaults for
 * optional fields. Nested graphs are handled by {@link NirReader}.
 */
final class NodeDecoder {

    private NodeDecoder() {
    }

    /** Decodes a primitive node of NIR type {@code type}; unknown types are an error naming the node. */
    static NirNode decode(String type, NodeFields f) throws NirFormatException {
        return switch (type) {
            case "Input" -> new NirNode.Input(f.shape("shape"));
            case "Output" -> new NirNode.Output(f.shape("shape"));
            case "Affine" -> new NirNode.Affine(f.tensor("weight"), f.tensor("bias"));
            case "Linear" -> new NirNode.Linear(f.tensor("weight"));
            case "Scale" -> new NirNode.Scale(f.tensor("scale"));
            case "Conv1d" -> conv1d(f);
            case "Conv2d" -> conv2d(f);
            case "Flatten" -> new NirNode.Flatten(f.integer("start_dim", 1), f.integer("end_dim", -1),
                    f.optionalShape("input_type"));
            case "SumPool2d" -> new NirNode.SumPool2d(kernel(f), stride(f), f.tuple("padding", 2, 0));
            case "AvgPool2d" -> new NirNode.AvgPool2d(kernel(f), stride(f), f.tuple("padding", 2, 0));
            case "Threshold" -> new NirNode.Threshold(f.tensor("threshold"));
            case "Delay" -> new NirNode.Delay(f.tensor("delay"));
            case "I" -> new NirNode.I(f.tensor("r"));
            case "IF" -> {
                Tensor vth = f.tensor("v_threshold");
                yield new NirNode.IF(f.tensor("r"), vth, orFilled(f, "v_reset", 0.0, vth));
            }
            case "LI" -> new NirNode.LI(f.tensor("tau"), f.tensor("r"), f.tensor("v_leak"));
            case "LIF" -> {
                Tensor vth = f.tensor("v_threshold");
                yield new NirNode.LIF(f.tensor("tau"), f.tensor("r"), f.tensor("v_leak"), vth,
                        orFilled(f, "v_reset", 0.0, vth));
            }
            case "CubaLI" -> {
                Tensor tauSyn = f.tensor("tau_syn");
                yield new NirNode.CubaLI(tauSyn, f.tensor("tau_mem"), f.tensor("r"), f.tensor("v_leak"),
                        orFilled(f, "w_in", 1.0, tauSyn));
            }
            case "CubaLIF" -> {
                Tensor tauSyn = f.tensor("tau_syn");
                Tensor vth = f.tensor("v_threshold");
                yield new NirNode.CubaLIF(tauSyn, f.tensor("tau_mem"), f.tensor("r"), f.tensor("v_leak"), vth,
                        orFilled(f, "v_reset", 0.0, vth), orFilled(f, "w_in", 1.0, tauSyn));
            }
            default -> throw new NirFormatException(f.where() + ": unknown node type '" + type + "'");
        };
    }

    private static NirNode conv1d(NodeFields f) throws NirFormatException {
        Tensor w = f.tensor("weight");
        requireRank(f, w, 3, "(C_out, C_in/groups, K)");
        return new NirNode.Conv1d(w, bias(f, w), f.tuple("stride", 1, 1), f.padding(1),
                f.tuple("dilation", 1, 1), f.integer("groups", 1), f.optionalShape("input_shape"));
    }

    private static NirNode conv2d(NodeFields f) throws NirFormatException {
        Tensor w = f.tensor("weight");
        requireRank(f, w, 4, "(C_out, C_in/groups, Kh, Kw)");
        return new NirNode.Conv2d(w, bias(f, w), f.tuple("stride", 2, 1), f.padding(2),
                f.tuple("dilation", 2, 1), f.integer("groups", 1), f.optionalShape("input_shape"));
    }

    private static void requireRank(NodeFields f, Tensor w, int rank, String layout) throws NirFormatException {
        if (w.rank() != rank) {
            throw f.error("weight", "has shape " + w.shape() + ", expected " + layout);
        }
    }

    // NIR convs without bias mean zero bias (one per output channel).
    private static Tensor bias(NodeFields f, Tensor weight) throws NirFormatException {
        return orFilled(f, "bias", 0.0, Tensor.filled(0.0, Shape.of(weight.dim(0))));
    }

    private static List<Integer> kernel(NodeFields f) throws NirFormatException {
        if (!f.has("kernel_size")) {
            throw f.missing("kernel_size");
        }
        return f.tuple("kernel_size", 2, 1);
    }

    // Pooling without stride means stride = kernel size, as in PyTorch.
    private static List<Integer> stride(NodeFields f) throws NirFormatException {
        return f.has("stride") ? f.tuple("stride", 2, 1) : kernel(f);
    }

    private static Tensor orFilled(NodeFields f, String field, double value, Tensor like) throws NirFormatException {
        Optional<Tensor> t = f.optionalTensor(field);
        return t.isPresent() ? t.get() : Tensor.filled(value, like.shape());
    }
}
