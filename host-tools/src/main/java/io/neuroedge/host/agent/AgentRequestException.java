package io.neuroedge.host.agent;

import io.neuroedge.proto.agent.Error;

import java.io.IOException;

/** The agent answered a request with an {@code Error}, or the connection failed before it answered. */
public final class AgentRequestException extends IOException {

    private static final long serialVersionUID = 1L;

    private final Error.Code code;

    public AgentRequestException(Error.Code code, String message) {
        super("agent: " + code + ": " + message);
        this.code = code;
    }

    /** The protocol error code; {@code UNKNOWN} for connection failures. */
    public Error.Code code() {
        return code;
    }
}
