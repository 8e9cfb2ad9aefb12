package io.neuroedge.runtime.program;

/**
 * A spike program was rejected: unreadable, corrupted, of another format version, inconsistent or
 * beyond the device's limits. The message names the layer and field and what was expected.
 */
public final class InvalidProgramException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidProgramException(String message) {
        super(message);
    }

    public InvalidProgramException(String message, Throwable cause) {
        super(message, cause);
    }
}
