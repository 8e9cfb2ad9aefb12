package io.neuroedge.runtime.io;

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
 * The one way NeuroEdge replaces a file: write a temporary sibling, fsync it, rename it over the
 * target atomically, fsync the directory. A reader (or a crash) sees either the old file or the
 * complete new one, never a torn or empty one.
 */
public final class AtomicFiles {

    private static final int BUFFER_BYTES = 64 * 1024;

    /** Produces a file's content as a stream. */
    @FunctionalInterface
    public interface StreamContent {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Produces a file's content at a path, for libraries that only write files by name. */
    @FunctionalInterface
    public interface FileContent {
        void writeTo(Path file) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Replaces {@code target} with {@code bytes}. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /**
     * Replaces {@code target} with what {@code content} writes; on any failure the temporary file
     * is removed and {@code target} is left as it was.
     *
     * @return the size of the written file
     */
    public static long write(Path target, StreamContent content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path temp = tempSibling(absolute);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel),
                        BUFFER_BYTES);
                content.writeTo(out);
                out.flush();
                // on disk before the rename, so a crash cannot leave a renamed but empty file
                channel.force(true);
            }
            long size = Files.size(temp);
            replace(temp, absolute);
            return size;
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp, e);
            throw e;
        }
    }

    /**
     * Replaces {@code target} with the file {@code content} writes at a temporary path (which does
     * not exist yet); on any failure the temporary file is removed and {@code target} is left as
     * it was.
     */
    public static void writeFile(Path target, FileContent content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path temp = tempSibling(absolute);
        try {
            content.writeTo(temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            replace(temp, absolute);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp, e);
            throw e;
        }
    }

    /**
     * Renames the complete, already synced file {@code source} over {@code target} atomically and
     * syncs {@code target}'s directory, so the rename survives a crash. Both must be on one file
     * system (e.g. a staging folder beside the target's).
     *
     * @throws IOException naming {@code target} if the file system cannot rename atomically
     */
    public static void replace(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot replace " + target + " atomically: the file system does"
                    + " not support atomic rename (" + e.getMessage() + ")", e);
        }
        syncDirectory(target.toAbsolutePath().getParent());
    }

    /** Flushes a directory's entries (a rename, a new file) to disk, where the platform can. */
    public static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // some platforms (Windows) cannot open folders; the rename itself is still atomic there
        }
    }

    /**
     * A fresh name beside {@code target}: same directory, so the rename stays on one file system;
     * not {@code createTempFile}, whose owner-only permissions would end up on the target.
     */
    private static Path tempSibling(Path target) {
        return target.resolveSibling("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
    }

    private static void deleteQuietly(Path temp, Exception failure) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException cleanup) {
            failure.addSuppressed(cleanup);
        }
    }
}
