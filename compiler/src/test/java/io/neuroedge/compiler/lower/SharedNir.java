package io.neuroedge.compiler.lower;

import io.neuroedge.runtime.testing.SharedTestData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The real NIR models and their inputs in the shared data folder; missing data fails the test. */
final class SharedNir {

    private SharedNir() {
    }

    /** A file under {@code <neuroedge.shared>/nir}. */
    static Path file(String relative) {
        return SharedTestData.resolve("nir/" + relative);
    }

    /** Column {@code column} of a headerless CSV of numbers, as per-step input counts. */
    static byte[] column(Path csv, int column) throws IOException {
        List<String> lines = Files.readAllLines(csv).stream().filter(l -> !l.isBlank()).toList();
        byte[] out = new byte[lines.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Math.round(Double.parseDouble(lines.get(i).split(",")[column].strip()));
        }
        return out;
    }
}
