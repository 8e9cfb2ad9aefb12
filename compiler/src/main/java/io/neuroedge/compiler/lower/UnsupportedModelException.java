package io.neuroedge.compiler.lower;

/**
 * A valid NIR graph that the runtime cannot execute (a node type without a program equivalent, a
 * branching graph, parameters the fixed-point format cannot express). The message is one line
 * naming the node.
 */
public final class UnsupportedModelException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public UnsupportedModelException(String message) {
        super(message);
    }
}
