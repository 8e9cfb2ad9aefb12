package io.neuroedge.host.events;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file through a temporary sibling and an atomic rename, so the target is either the
 * old file or the complete new one.
 */
public final class AtomicFileWrite {

    private static final int BUFFER_BYTES = 64 * 1024;

    /** Produces the file's content. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFileWrite() {
    }

    /**
     * Writes {@code body} to {@code target}; on any failure the temporary file is removed and
     * {@code target} is left as it was.
     *
     * @return the size of the written file
     */
    public static long write(Path target, Body body) throws IOException {
        Path absolute = target.toAbsolutePath();
        // same directory, so the rename stays on one file system and can be atomic; not
        // createTempFile, whose owner-only permissions would end up on the target
        Path temp = absolute.resolveSibling("." + absolute.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel),
                        BUFFER_BYTES);
                body.writeTo(out);
                out.flush();
                // on disk before the rename, so a crash cannot leave a renamed but empty file
                channel.force(true);
            }
            long size = Files.size(temp);
            move(temp, absolute);
            return size;
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // some file systems cannot rename atomically; a plain replace is the best left
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
