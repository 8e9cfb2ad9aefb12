package io.neuroedge.agent.server;

import io.neuroedge.agent.protocol.ProtocolGuard;
import io.neuroedge.proto.agent.Envelope;
import io.neuroedge.proto.agent.Error;

/** Builders for the envelopes the agent sends. */
public final class Envelopes {

    private Envelopes() {
    }

    public static Envelope.Builder reply(long requestId) {
        return Envelope.newBuilder().setProtocolVersion(ProtocolGuard.PROTOCOL_VERSION).setRequestId(requestId);
    }

    public static Envelope error(long requestId, Error.Code code, String message) {
        return reply(requestId).setError(Error.newBuilder().setCode(code).setMessage(message == null ? "" : message))
                .build();
    }
}
