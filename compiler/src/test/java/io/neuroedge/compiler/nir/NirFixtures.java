package io.neuroedge.compiler.nir;

import static org.junit.jupiter.api.Assertions.fail;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the real NIR models in the shared data folder and the gzip copies in test resources. */
final class NirFixtures {

    private NirFixtures() {
    }

    /** A file under {@code <shared>/nir}; fails the test (never skips) when the data is missing. */
    static Path shared(String relative) {
        String prop = System.getProperty("neuroedge.shared");
        Path root = prop != null ? Path.of(prop) : Path.of("..", "shared");
        Path file = root.resolve("nir").resolve(relative);
        if (!Files.isRegularFile(file)) {
            fail("shared NIR fixture missing: " + file.toAbsolutePath()
                    + " (set -Dneuroedge.shared to the shared data folder)");
        }
        return file;
    }

    /** A file in {@code src/test/resources/nir}. */
    static Path resource(String name) {
        try {
            var url = NirFixtures.class.getResource("/nir/" + name);
            if (url == null) {
                fail("test resource missing: /nir/" + name);
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static NirGraph read(Path file) throws NirFormatException {
        return new NirReader().read(file);
    }
}
