package io.neuroedge.compiler.nir;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Damaged or foreign files must fail with a one-line {@link NirFormatException} naming the file. */
class NirReaderMalformedTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(doubles = {0.0005, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99})
    void truncatedRealFile(double keep) throws Exception {
        byte[] full = Files.readAllBytes(NirFixtures.shared("braille/braille_noDelay_bias_zero.nir"));
        Path cut = dir.resolve("cut_" + (int) (keep * 10000) + ".nir");
        Files.write(cut, Arrays.copyOf(full, (int) (full.length * keep)));
        assertFormatError(cut);
    }

    @Test
    void truncatedGzipFile() throws Exception {
        byte[] full = Files.readAllBytes(NirFixtures.resource("lif_norse_gzip.nir"));
        Path cut = dir.resolve("gzip_cut.nir");
        Files.write(cut, Arrays.copyOf(full, full.length * 2 / 3));
        assertFormatError(cut);
    }

    @Test
    void randomBytes() throws Exception {
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);
        Path file = dir.resolve("noise.nir");
        Files.write(file, noise);
        assertFormatError(file);
    }

    @Test
    void emptyFile() throws Exception {
        Path file = Files.createFile(dir.resolve("empty.nir"));
        assertFormatError(file);
    }

    @Test
    void textFile() throws Exception {
        Path file = dir.resolve("notes.nir");
        Files.writeString(file, "This is not HDF5.\nJust some text.\n");
        assertFormatError(file);
    }

    @Test
    void missingFile() {
        assertFormatError(dir.resolve("absent.nir"));
    }

    @Test
    void unknownNodeTypeNamesNodeAndType() throws Exception {
        // "Affine" occurs once in the file, as the vlen type string of node "0"; same-length patch.
        Path file = patched("lif/lif_norse.nir", "Affine", "Affinx", "unknown_type.nir");
        String msg = assertFormatError(file);
        assertTrue(msg.contains("node '0'") && msg.contains("unknown node type 'Affinx'"), msg);
    }

    @Test
    void missingRequiredDatasetNamesNodeAndField() throws Exception {
        // Renames the link "weight" of node "0" in the group's local heap.
        Path file = patched("lif/lif_norse.nir", "weight", "weighx", "no_weight.nir");
        String msg = assertFormatError(file);
        assertTrue(msg.contains("node '0' (Affine)") && msg.contains("missing required dataset 'weight'"), msg);
    }

    private Path patched(String fixture, String from, String to, String name) throws Exception {
        byte[] bytes = Files.readAllBytes(NirFixtures.shared(fixture));
        byte[] needle = from.getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(bytes, needle);
        assertTrue(at >= 0 && indexOf(Arrays.copyOfRange(bytes, at + 1, bytes.length), needle) < 0,
                "expected exactly one '" + from + "' in " + fixture);
        System.arraycopy(to.getBytes(StandardCharsets.US_ASCII), 0, bytes, at, needle.length);
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String assertFormatError(Path file) {
        NirFormatException e = assertThrows(NirFormatException.class, () -> new NirReader().read(file));
        String msg = e.getMessage();
        assertTrue(msg.startsWith(file.getFileName().toString() + ":"), msg);
        assertFalse(msg.contains("\n"), msg);
        return msg;
    }
}
