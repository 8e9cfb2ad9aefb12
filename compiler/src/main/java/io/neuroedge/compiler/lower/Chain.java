package io.neuroedge.compiler.lower;

import io.neuroedge.compiler.nir.Shape;
import java.util.List;

/**
 * A NIR graph reduced to the program's structure: the input shape and the layers in order.
 *
 * @param inputName  NIR name of the graph's Input node
 * @param inputShape the shape it declares
 * @param stages     program layers to be, in execution order
 */
public record Chain(String inputName, Shape inputShape, List<Stage> stages) {

    /** Copies the stage list. */
    public Chain {
        stages = List.copyOf(stages);
    }
}
