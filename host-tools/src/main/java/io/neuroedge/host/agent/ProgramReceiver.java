package io.neuroedge.host.agent;

import io.neuroedge.proto.agent.Deploy;
import io.neuroedge.proto.agent.Envelope;
import io.neuroedge.runtime.program.SpikePrograms;

import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;

/**
 * Collects a program the agent sends back (a learned program on {@code LearnControl.export}): a
 * Deploy Begin with size and SHA-256, Chunks at offsets, then an Ack. The bytes are accepted only
 * if they fill the declared size exactly and match the digest; anything else fails the future.
 */
final class ProgramReceiver {

    /** Largest program accepted from an agent. */
    static final int MAX_BYTES = 256 << 20;

    final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private byte[] data;
    private byte[] sha256;
    private long received;

    /** @return true when this transfer is over (completed or failed) */
    boolean accept(Envelope e) {
        if (e.hasError()) {
            return fail(new AgentRequestException(e.getError().getCode(), e.getError().getMessage()));
        }
        if (!e.hasDeploy()) {
            return fail(new AgentRequestException(io.neuroedge.proto.agent.Error.Code.BAD_REQUEST,
                    "expected a program transfer, got " + e.getBodyCase()));
        }
        Deploy d = e.getDeploy();
        switch (d.getStepCase()) {
            case BEGIN -> {
                long size = d.getBegin().getTotalSize();
                if (size < 1 || size > MAX_BYTES || d.getBegin().getSha256().size() != 32) {
                    return fail(bad("exported program declares " + size + " bytes and a "
                            + d.getBegin().getSha256().size() + "-byte digest"));
                }
                data = new byte[(int) size];
                sha256 = d.getBegin().getSha256().toByteArray();
                return false;
            }
            case CHUNK -> {
                long off = d.getChunk().getOffset();
                int len = d.getChunk().getData().size();
                if (data == null || off < 0 || off + len > data.length) {
                    return fail(bad("export chunk at offset " + off + " (" + len + " bytes) outside the program"));
                }
                d.getChunk().getData().copyTo(data, (int) off);
                received += len;
                return false;
            }
            case ACK -> {
                if (data == null || received != data.length) {
                    return fail(bad("export ended after " + received + " of " + (data == null ? 0 : data.length) + " bytes"));
                }
                if (!MessageDigest.isEqual(sha256, SpikePrograms.sha256(data))) {
                    return fail(bad("exported program does not match its SHA-256"));
                }
                result.complete(data);
                return true;
            }
            default -> {
                return fail(bad("unexpected deploy step " + d.getStepCase() + " in an export"));
            }
        }
    }

    private boolean fail(Exception e) {
        result.completeExceptionally(e);
        return true;
    }

    private static AgentRequestException bad(String message) {
        return new AgentRequestException(io.neuroedge.proto.agent.Error.Code.BAD_REQUEST, message);
    }
}
