package io.neuroedge.host.agent;

import com.google.protobuf.ByteString;
import io.neuroedge.proto.agent.Deploy;
import io.neuroedge.proto.agent.Envelope;
import io.neuroedge.proto.agent.ProgramRef;
import io.neuroedge.proto.agent.ProgramVersion;
import io.neuroedge.runtime.program.SpikePrograms;

import java.io.IOException;
import java.util.List;

/**
 * Uploads a spike program: {@code Begin} (name, size, SHA-256), contiguous {@code Chunk}s, each
 * acknowledged before the next (the agent stores them on its store thread and pauses reading
 * meanwhile, so nothing is gained by pipelining), then {@code Commit}, answered once the agent has
 * verified the program and swapped it in.
 */
public final class Flasher {

    /** Chunk payload; with envelope overhead well under the agent's default 1 MiB frame limit. */
    public static final int CHUNK = 256 * 1024;
    private static final long TIMEOUT_MS = 60_000;

    private Flasher() {
    }

    /** @return the program now active on the agent */
    public static ProgramRef flash(AgentClient client, String name, byte[] program) throws IOException, InterruptedException {
        return flash(client, name, program, program.length);
    }

    /**
     * Sends only the first {@code stopAfter} bytes and no commit when {@code stopAfter <
     * program.length} (tests of interrupted uploads); returns null then.
     */
    static ProgramRef flash(AgentClient client, String name, byte[] program, int stopAfter)
            throws IOException, InterruptedException {
        client.request(deploy(Deploy.newBuilder().setBegin(Deploy.Begin.newBuilder().setName(name)
                .setTotalSize(program.length).setSha256(ByteString.copyFrom(SpikePrograms.sha256(program))))), TIMEOUT_MS);
        for (int off = 0; off < Math.min(stopAfter, program.length); off += CHUNK) {
            int len = Math.min(CHUNK, Math.min(stopAfter, program.length) - off);
            client.request(deploy(Deploy.newBuilder().setChunk(Deploy.Chunk.newBuilder().setOffset(off)
                    .setData(ByteString.copyFrom(program, off, len)))), TIMEOUT_MS);
        }
        if (stopAfter < program.length) {
            return null;
        }
        Envelope ack = client.request(deploy(Deploy.newBuilder().setCommit(Deploy.Commit.getDefaultInstance())), TIMEOUT_MS);
        return ack.getDeploy().getAck().getActive();
    }

    /** Re-activates the previous version; returns the program now active. */
    public static ProgramRef rollback(AgentClient client) throws IOException, InterruptedException {
        return client.request(deploy(Deploy.newBuilder().setRollback(Deploy.Rollback.getDefaultInstance())), TIMEOUT_MS)
                .getDeploy().getAck().getActive();
    }

    public static List<ProgramVersion> versions(AgentClient client) throws IOException, InterruptedException {
        return client.request(deploy(Deploy.newBuilder().setListVersions(Deploy.ListVersions.getDefaultInstance())), TIMEOUT_MS)
                .getDeploy().getVersions().getVersionsList();
    }

    /** A store name from a file name: the part before ".nsp", with characters the store rejects replaced. */
    public static String nameOf(String fileName) {
        String base = fileName.endsWith(".nsp") ? fileName.substring(0, fileName.length() - 4) : fileName;
        String clean = base.replaceAll("[^A-Za-z0-9._-]", "_");
        if (clean.isEmpty() || !Character.isLetterOrDigit(clean.charAt(0))) {
            clean = "p" + clean;
        }
        return clean.length() > 64 ? clean.substring(0, 64) : clean;
    }

    private static Envelope.Builder deploy(Deploy.Builder d) {
        return Envelope.newBuilder().setDeploy(d);
    }
}
