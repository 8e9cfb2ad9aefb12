package io.neuroedge.host.agent;

import java.io.IOException;

/** No connection to the agent could be made (refused, timed out, TLS handshake failed). */
public final class AgentUnreachableException extends IOException {

    private static final long serialVersionUID = 1L;

    public AgentUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
