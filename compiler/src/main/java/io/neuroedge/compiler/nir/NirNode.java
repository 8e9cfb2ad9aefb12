package io.neuroedge.compiler.nir;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One NIR node: the 18 serialisable primitives plus a nested graph. Field names follow NIR
 * ({@code v_threshold} becomes {@code vThreshold}); optional NIR fields are always present here,
 * filled with the defaults documented on each record by the reader.
 */
public sealed interface NirNode {

    /** The NIR {@code type} string of this node, e.g. {@code "CubaLIF"}. */
    String typeName();

    /**
     * Whether the node holds state across time steps, so that a cycle through it is recurrence with a
     * one-step delay rather than an algebraic loop. True for neurons and {@link Delay}.
     */
    default boolean isStateful() {
        return false;
    }

    /** A neuron population: all parameters have one value per neuron. */
    sealed interface Neuron extends NirNode {

        /** NIR field name to value, in NIR declaration order. */
        Map<String, Tensor> parameters();

        /** The time-constant fields (a subset of {@link #parameters()}); they must be positive. */
        Map<String, Tensor> timeConstants();

        @Override
        default boolean isStateful() {
            return true;
        }
    }

    /** Graph input; declares the batch-free input shape. */
    record Input(Shape shape) implements NirNode {
        public Input {
            Objects.requireNonNull(shape, "shape");
        }

        @Override
        public String typeName() {
            return "Input";
        }
    }

    /** Graph output; declares the batch-free output shape. */
    record Output(Shape shape) implements NirNode {
        public Output {
            Objects.requireNonNull(shape, "shape");
        }

        @Override
        public String typeName() {
            return "Output";
        }
    }

    /** {@code y = W x + b}; weight (out, in), bias (out). */
    record Affine(Tensor weight, Tensor bias) implements NirNode {
        public Affine {
            Objects.requireNonNull(weight, "weight");
            Objects.requireNonNull(bias, "bias");
        }

        @Override
        public String typeName() {
            return "Affine";
        }
    }

    /** {@code y = W x}; weight (out, in). */
    record Linear(Tensor weight) implements NirNode {
        public Linear {
            Objects.requireNonNull(weight, "weight");
        }

        @Override
        public String typeName() {
            return "Linear";
        }
    }

    /** {@code y = s ⊙ x}. */
    record Scale(Tensor scale) implements NirNode {
        public Scale {
            Objects.requireNonNull(scale, "scale");
        }

        @Override
        public String typeName() {
            return "Scale";
        }
    }

    /**
     * 1-d convolution with PyTorch semantics; weight (C_out, C_in/groups, K). Defaults: bias zeros,
     * stride 1, padding 0, dilation 1, groups 1, no {@code input_shape}.
     */
    record Conv1d(Tensor weight, Tensor bias, List<Integer> stride, ConvPadding padding,
                  List<Integer> dilation, int groups, Optional<Shape> inputShape) implements NirNode {
        public Conv1d {
            Objects.requireNonNull(weight, "weight");
            Objects.requireNonNull(bias, "bias");
            stride = List.copyOf(stride);
            Objects.requireNonNull(padding, "padding");
            dilation = List.copyOf(dilation);
            Objects.requireNonNull(inputShape, "inputShape");
        }

        @Override
        public String typeName() {
            return "Conv1d";
        }
    }

    /**
     * 2-d convolution with PyTorch semantics; weight (C_out, C_in/groups, Kh, Kw), input_shape (H, W).
     * Defaults: bias zeros, stride (1,1), padding (0,0), dilation (1,1), groups 1.
     */
    record Conv2d(Tensor weight, Tensor bias, List<Integer> stride, ConvPadding padding,
                  List<Integer> dilation, int groups, Optional<Shape> inputShape) implements NirNode {
        public Conv2d {
            Objects.requireNonNull(weight, "weight");
            Objects.requireNonNull(bias, "bias");
            stride = List.copyOf(stride);
            Objects.requireNonNull(padding, "padding");
            dilation = List.copyOf(dilation);
            Objects.requireNonNull(inputShape, "inputShape");
        }

        @Override
        public String typeName() {
            return "Conv2d";
        }
    }

    /**
     * Flattens dimensions {@code startDim..endDim} (inclusive, negative from the end) of the batch-free
     * input. Defaults as NIR's dataclass: start_dim 1, end_dim -1.
     */
    record Flatten(int startDim, int endDim, Optional<Shape> inputType) implements NirNode {
        public Flatten {
            Objects.requireNonNull(inputType, "inputType");
        }

        @Override
        public String typeName() {
            return "Flatten";
        }
    }

    /** Windowed sum over (H, W); padding default (0, 0). */
    record SumPool2d(List<Integer> kernelSize, List<Integer> stride, List<Integer> padding) implements NirNode {
        public SumPool2d {
            kernelSize = List.copyOf(kernelSize);
            stride = List.copyOf(stride);
            padding = List.copyOf(padding);
        }

        @Override
        public String typeName() {
            return "SumPool2d";
        }
    }

    /** Windowed mean over (H, W); padding default (0, 0). */
    record AvgPool2d(List<Integer> kernelSize, List<Integer> stride, List<Integer> padding) implements NirNode {
        public AvgPool2d {
            kernelSize = List.copyOf(kernelSize);
            stride = List.copyOf(stride);
            padding = List.copyOf(padding);
        }

        @Override
        public String typeName() {
            return "AvgPool2d";
        }
    }

    /** {@code z = H(x − θ)} with strict {@code >}. */
    record Threshold(Tensor threshold) implements NirNode {
        public Threshold {
            Objects.requireNonNull(threshold, "threshold");
        }

        @Override
        public String typeName() {
            return "Threshold";
        }
    }

    /** {@code y(t) = x(t − τ)}; stateful, so it may close a cycle. */
    record Delay(Tensor delay) implements NirNode {
        public Delay {
            Objects.requireNonNull(delay, "delay");
        }

        @Override
        public String typeName() {
            return "Delay";
        }

        @Override
        public boolean isStateful() {
            return true;
        }
    }

    /** Integrator {@code dv/dt = R·I}. */
    record I(Tensor r) implements Neuron {
        public I {
            Objects.requireNonNull(r, "r");
        }

        @Override
        public String typeName() {
            return "I";
        }

        @Override
        public Map<String, Tensor> parameters() {
            return Map.of("r", r);
        }

        @Override
        public Map<String, Tensor> timeConstants() {
            return Map.of();
        }
    }

    /** Integrate-and-fire; {@code v_reset} defaults to 0. */
    record IF(Tensor r, Tensor vThreshold, Tensor vReset) implements Neuron {
        public IF {
            Objects.requireNonNull(r, "r");
            Objects.requireNonNull(vThreshold, "vThreshold");
            Objects.requireNonNull(vReset, "vReset");
        }

        @Override
        public String typeName() {
            return "IF";
        }

        @Override
        public Map<String, Tensor> parameters() {
            return ordered("r", r, "v_threshold", vThreshold, "v_reset", vReset);
        }

        @Override
        public Map<String, Tensor> timeConstants() {
            return Map.of();
        }
    }

    /** Leaky integrator {@code τ dv/dt = (v_leak − v) + R·I}. */
    record LI(Tensor tau, Tensor r, Tensor vLeak) implements Neuron {
        public LI {
            Objects.requireNonNull(tau, "tau");
            Objects.requireNonNull(r, "r");
            Objects.requireNonNull(vLeak, "vLeak");
        }

        @Override
        public String typeName() {
            return "LI";
        }

        @Override
        public Map<String, Tensor> parameters() {
            return ordered("tau", tau, "r", r, "v_leak", vLeak);
        }

        @Override
        public Map<String, Tensor> timeConstants() {
            return Map.of("tau", tau);
        }
    }

    /** Leaky integrate-and-fire; {@code v_reset} defaults to 0. */
    record LIF(Tensor tau, Tensor r, Tensor vLeak, Tensor vThreshold, Tensor vReset) implements Neuron {
        public LIF {
            Objects.requireNonNull(tau, "tau");
            Objects.requireNonNull(r, "r");
            Objects.requireNonNull(vLeak, "vLeak");
            Objects.requireNonNull(vThreshold, "vThreshold");
            Objects.requireNonNull(vReset, "vReset");
        }

        @Override
        public String typeName() {
            return "LIF";
        }

        @Override
        public Map<String, Tensor> parameters() {
            return ordered("tau", tau, "r", r, "v_leak", vLeak, "v_threshold", vThreshold, "v_reset", vReset);
        }

        @Override
        public Map<String, Tensor> timeConstants() {
            return Map.of("tau", tau);
        }
    }

    /** Current-based leaky integrator; {@code w_in} defaults to 1. */
    record CubaLI(Tensor tauSyn, Tensor tauMem, Tensor r, Tensor vLeak, Tensor wIn) implements Neuron {
        public CubaLI {
            Objects.requireNonNull(tauSyn, "tauSyn");
            Objects.requireNonNull(tauMem, "tauMem");
            Objects.requireNonNull(r, "r");
            Objects.requireNonNull(vLeak, "vLeak");
            Objects.requireNonNull(wIn, "wIn");
        }

        @Override
        public String typeName() {
            return "CubaLI";
        }

        @Override
        public Map<String, Tensor> parameters() {
            return ordered("tau_syn", tauSyn, "tau_mem", tauMem, "r", r, "v_leak", vLeak, "w_in", wIn);
        }

        @Override
        public Map<String, Tensor> timeConstants() {
            return ordered("tau_syn", tauSyn, "tau_mem", tauMem);
        }
    }

    /** Current-based LIF; {@code v_reset} defaults to 0 and {@code w_in} to 1. */
    record CubaLIF(Tensor tauSyn, Tensor tauMem, Tensor r, Tensor vLeak, Tensor vThreshold, Tensor vReset,
                   Tensor wIn) implements Neuron {
        public CubaLIF {
            Objects.requireNonNull(tauSyn, "tauSyn");
            Objects.requireNonNull(tauMem, "tauMem");
            Objects.requireNonNull(r, "r");
            Objects.requireNonNull(vLeak, "vLeak");
            Objects.requireNonNull(vThreshold, "vThreshold");
            Objects.requireNonNull(vReset, "vReset");
            Objects.requireNonNull(wIn, "wIn");
        }

        @Override
        public String typeName() {
            return "CubaLIF";
        }

        @Override
        public Map<String, Tensor> parameters() {
            return ordered("tau_syn", tauSyn, "tau_mem", tauMem, "r", r, "v_leak", vLeak,
                    "v_threshold", vThreshold, "v_reset", vReset, "w_in", wIn);
        }

        @Override
        public Map<String, Tensor> timeConstants() {
            return ordered("tau_syn", tauSyn, "tau_mem", tauMem);
        }
    }

    /** A nested {@code NIRGraph}; its nodes are addressed from outside as {@code "G.B"}. */
    record Subgraph(NirGraph graph) implements NirNode {
        public Subgraph {
            Objects.requireNonNull(graph, "graph");
        }

        @Override
        public String typeName() {
            return "NIRGraph";
        }
    }

    private static Map<String, Tensor> ordered(Object... nameValuePairs) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            m.put((String) nameValuePairs[i], (Tensor) nameValuePairs[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }
}
