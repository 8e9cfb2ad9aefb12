package io.neuroedge.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void replacesTheTargetWholeAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("out.bin");
        Files.write(target, "old content that is longer".getBytes(StandardCharsets.UTF_8));

        long size = AtomicFiles.write(target, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));

        assertEquals(3, size);
        assertEquals("new", Files.readString(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void writesBytesToANewFile() throws IOException {
        Path target = dir.resolve("fresh.nsp");
        AtomicFiles.write(target, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void aFailedWriteKeepsTheOldContentAndRemovesTheTemporaryFile() throws IOException {
        Path target = dir.resolve("out.bin");
        Files.writeString(target, "old");
        IOException failure = new IOException("disk full");

        IOException thrown = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("partial".getBytes(StandardCharsets.UTF_8));
            throw failure;
        }));

        assertSame(failure, thrown);
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void aRuntimeFailureAlsoKeepsTheOldContent() throws IOException {
        Path target = dir.resolve("out.bin");
        Files.writeString(target, "old");
        assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw new UncheckedIOException(new IOException("boom"));
        }));
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void writeFileReplacesTheTargetWithWhatTheWriterCreated() throws IOException {
        Path target = dir.resolve("graph.nir");
        Files.writeString(target, "old");
        AtomicFiles.writeFile(target, temp -> Files.writeString(temp, "from a library"));
        assertEquals("from a library", Files.readString(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void aFailedWriteFileKeepsTheOldContentAndRemovesTheTemporaryFile() throws IOException {
        Path target = dir.resolve("graph.nir");
        Files.writeString(target, "old");
        assertThrows(IOException.class, () -> AtomicFiles.writeFile(target, temp -> {
            Files.writeString(temp, "half");
            throw new IOException("library failed");
        }));
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void replaceMovesAStagedFileIntoPlace() throws IOException {
        Path staging = Files.createDirectory(dir.resolve("staging"));
        Path staged = Files.writeString(staging.resolve("history.tmp"), "new");
        Path target = Files.writeString(dir.resolve("history"), "old");

        AtomicFiles.replace(staged, target);

        assertEquals("new", Files.readString(target));
        assertEquals(List.of(), Files.list(staging).toList());
    }

    @Test
    void aMissingDirectoryFailsNamingThePath() {
        Path target = dir.resolve("missing").resolve("out.bin");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, new byte[1]));
        assertTrue(e.getMessage().contains(dir.resolve("missing").toString()), e.getMessage());
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
