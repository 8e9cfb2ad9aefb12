package io.neuroedge.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the team's shared test data. Surefire passes {@code -Dneuroedge.shared=...}; without
 * it the folder is {@code ../shared} next to the project root (the parent of this module's
 * folder). Missing data fails the test: these tests must never pass by skipping.
 */
public final class SharedTestData {

    private SharedTestData() {
    }

    /** The shared data folder; fails the calling test if it does not exist. */
    public static Path root() {
        String property = System.getProperty("neuroedge.shared");
        Path root = property != null && !property.isBlank()
                ? Path.of(property)
                : Path.of("").toAbsolutePath().getParent().resolve("../shared");
        root = root.toAbsolutePath().normalize();
        assertTrue(Files.isDirectory(root), "shared test data folder not found at " + root
                + "; set -Dneuroedge.shared=<path to shared>");
        return root;
    }

    /** A file or folder inside the shared data folder; fails the calling test if it is missing. */
    public static Path resolve(String relative) {
        Path path = root().resolve(relative);
        assertTrue(Files.exists(path), "shared test data missing: " + path);
        return path;
    }
}
