package io.neuroedge.agent;

import io.neuroedge.proto.agent.Error;

/**
 * A request the agent refuses, with the protocol error code the peer receives. Thrown by the store,
 * the engine commands and the session handlers; the session turns it into an {@code Error} answer
 * and keeps the connection open (the framing is intact, only the request was bad).
 */
public final class AgentException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Error.Code code;

    public AgentException(Error.Code code, String message) {
        super(message);
        this.code = code;
    }

    public AgentException(Error.Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public Error.Code code() {
        return code;
    }
}
