package io.neuroedge.compiler.nir;

/**
 * A NIR file or graph that cannot be imported. The message is one line naming the file or node, the
 * field and what was expected, so that it can be shown to the user as is.
 */
public final class NirFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates an exception with a user-facing message. */
    public NirFormatException(String message) {
        super(message);
    }

    /** Creates an exception with a user-facing message that wraps a lower-level failure. */
    public NirFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
