package io.neuroedge.compiler.nir;

import static org.junit.jupiter.api.Assertions.fail;

import io.neuroedge.runtime.testing.SharedTestData;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Locates the real NIR models in the shared data folder and the gzip copies in test resources. */
final class NirFixtures {

    private NirFixtures() {
    }

    /** A file under {@code <shared>/nir}; fails the test (never skips) when the data is missing. */
    static Path shared(String relative) {
        return SharedTestData.resolve("nir/" + relative);
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
