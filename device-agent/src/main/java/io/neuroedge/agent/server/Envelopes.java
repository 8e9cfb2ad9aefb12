package io.neuroedge.agent.server;

import io.neuroedge.agent.protocol.ProtocolGuard;
import io.neuroedge.proto.agent.Deploy;
import io.neuroedge.proto.agent.Envelope;
import io.neuroedge.proto.agent.Error;
import io.neuroedge.proto.agent.ProgramRef;

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

    /** A {@code Deploy.Ack}: bytes received so far, and the program now active when one was activated. */
    public static Envelope deployAck(long requestId, long received, ProgramRef active) {
        Deploy.Ack.Builder a = Deploy.Ack.newBuilder().setReceivedBytes(received);
        if (active != null) {
            a.setActive(active);
        }
        return reply(requestId).setDeploy(Deploy.newBuilder().setAck(a)).build();
    }
}
