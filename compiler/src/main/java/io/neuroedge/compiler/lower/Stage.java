package io.neuroedge.compiler.lower;

import io.neuroedge.compiler.nir.NirNode;
import io.neuroedge.compiler.nir.Shape;

/** One program layer to be, as found in a NIR chain by {@link ChainExtractor}. */
public sealed interface Stage {

    /** Name the program layer will carry. */
    String name();

    /** Shape entering the stage. */
    Shape inputShape();

    /** Shape leaving the stage. */
    Shape outputShape();

    /**
     * A synaptic node (Affine, Linear or Conv2d), an optional Scale after it, and the neuron it feeds.
     *
     * @param synapseName   NIR name of the synaptic node
     * @param synapse       the Affine, Linear or Conv2d node
     * @param scale         the Scale node between synapse and neuron, or null
     * @param neuronName    NIR name of the neuron; equal to {@code synapseName} when {@code neuron} is null
     * @param neuron        the neuron population, or null for a synapse feeding the graph's Output
     * @param recurrentName NIR name of the recurrent synapse, or null
     * @param recurrent     Affine or Linear from the neuron back to itself, or null
     */
    record Synaptic(String synapseName, NirNode synapse, NirNode.Scale scale, String neuronName,
                    NirNode.Neuron neuron, String recurrentName, NirNode recurrent, Shape inputShape,
                    Shape outputShape) implements Stage {
        @Override
        public String name() {
            return neuronName;
        }
    }

    /**
     * SumPool2d or AvgPool2d with a square window.
     *
     * @param average whether the real value is the mean (the integers are the sum either way)
     */
    record Pool(String name, boolean average, int kernel, int stride, int padding, Shape inputShape,
                Shape outputShape) implements Stage {
    }

    /** Flatten to a vector. */
    record Flatten(String name, Shape inputShape, Shape outputShape) implements Stage {
    }
}
