package io.neuroedge.agent.store;

import io.neuroedge.agent.AgentException;
import io.neuroedge.proto.agent.Error;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One program upload in progress: contiguous chunks appended to a staging file while their SHA-256
 * is computed. Nothing here touches the stored or active programs; {@link ProgramStore#commit}
 * decides. Confined to the store thread.
 */
public final class Upload implements AutoCloseable {

    private final String name;
    private final long totalSize;
    private final byte[] expectedSha256;
    private final Path file;
    private final FileChannel channel;
    private final MessageDigest digest;
    private long received;
    private boolean closed;

    Upload(String name, long totalSize, byte[] expectedSha256, Path file) throws IOException {
        this.name = name;
        this.totalSize = totalSize;
        this.expectedSha256 = expectedSha256.clone();
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Appends {@code data} at {@code offset}, which must equal the bytes received so far.
     *
     * @throws AgentException BAD_REQUEST for a gap, an overlap or more bytes than announced
     */
    public void append(long offset, ByteBuffer data) throws AgentException, IOException {
        if (closed) {
            throw new AgentException(Error.Code.BAD_REQUEST, "upload of '" + name + "' is no longer open");
        }
        if (offset != received) {
            throw new AgentException(Error.Code.BAD_REQUEST, "chunk offset " + offset + " but " + received
                    + " bytes were received: chunks must be contiguous");
        }
        int n = data.remaining();
        if (received + n > totalSize) {
            throw new AgentException(Error.Code.BAD_REQUEST, "chunk ends at " + (received + n)
                    + ", past the announced total_size " + totalSize);
        }
        digest.update(data.duplicate());
        while (data.hasRemaining()) {
            channel.write(data);
        }
        received += n;
    }

    public String name() {
        return name;
    }

    public long totalSize() {
        return totalSize;
    }

    public long received() {
        return received;
    }

    Path file() {
        return file;
    }

    /** Flushes the staged bytes to disk and returns whether their digest is the announced one. */
    boolean finish() throws IOException {
        channel.force(true);
        closeChannel();
        return MessageDigest.isEqual(digest.digest(), expectedSha256);
    }

    private void closeChannel() throws IOException {
        if (!closed) {
            closed = true;
            channel.close();
        }
    }

    /** Abandons the upload: the staging file is deleted, nothing else changes. */
    @Override
    public void close() {
        try {
            closeChannel();
        } catch (IOException ignored) {
            // the file is deleted next; a failed close cannot leave anything behind that matters
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // leftovers in staging/ are removed at the next start
        }
    }
}
