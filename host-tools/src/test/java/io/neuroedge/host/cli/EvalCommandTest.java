package io.neuroedge.host.cli;

import io.neuroedge.runtime.testing.SharedTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code eval} of the compiled N-MNIST CNN of the NIR paper on real recordings. */
class EvalCommandTest {

    @TempDir
    Path dir;

    private Path compiledCnn() {
        Path program = dir.resolve("cnn.nsp");
        RunCommandTest.Run compile = RunCommandTest.cli("compile",
                SharedTestData.resolve("nir/cnn/cnn_sinabs.nir").toString(), "--dt", "1e-3", "--profile", "sinabs",
                "-o", program.toString());
        assertEquals(0, compile.exit(), compile.err());
        return program;
    }

    @Test
    void accuracyAgreementAndConfusionOverLabelledRecordings() {
        Path nmnist = SharedTestData.resolve("dvs/nmnist");
        RunCommandTest.Run run = RunCommandTest.cli("eval", compiledCnn().toString(), "--nmnist", nmnist.toString(),
                "--labels", nmnist.resolve("labels.csv").toString(), "--limit", "16", "--json");
        assertEquals(0, run.exit(), run.err());
        Matcher m = Pattern.compile("\\{\"samples\": 16, \"accuracy\": ([0-9.]+), \"agreement_with_float\": ([0-9.]+), "
                + "\"confusion\": \\[(.*)\\], \"no_decision\": (\\d+)}").matcher(run.out().strip());
        assertTrue(m.matches(), run.out());
        double accuracy = Double.parseDouble(m.group(1));
        // the platforms of the NIR paper reach 0.954-0.985 on N-MNIST; a 16-recording sample is coarse
        assertTrue(accuracy >= 0.8, "accuracy " + accuracy);
        assertEquals(1.0, Double.parseDouble(m.group(2)), "fixed point predicts what the float reference predicts");
        // the confusion matrix holds every sample, and its diagonal is the accuracy
        String[] rows = m.group(3).split("\\], \\[");
        assertEquals(10, rows.length);
        int total = Integer.parseInt(m.group(4));
        int diagonal = 0;
        for (int r = 0; r < rows.length; r++) {
            String[] cells = rows[r].replace("[", "").replace("]", "").split(", ");
            for (int c = 0; c < cells.length; c++) {
                int v = Integer.parseInt(cells[c]);
                total += v;
                if (r == c) {
                    diagonal += v;
                }
            }
        }
        assertEquals(16, total);
        assertEquals(accuracy, diagonal / 16.0, 1e-9);
    }

    @Test
    void missingRecordingAndUnknownLabelAreOneLineErrors() throws Exception {
        Path program = compiledCnn();
        Path labels = dir.resolve("labels.csv");
        Files.writeString(labels, "file,label\nnope.bs2,3\n");
        RunCommandTest.Run missing = RunCommandTest.cli("eval", program.toString(), "--nmnist", dir.toString(),
                "--labels", labels.toString(), "--no-float");
        assertEquals(NeuroEdgeCli.EXIT_BAD_INPUT, missing.exit());
        assertTrue(missing.err().contains("no such recording") && missing.err().contains("nope.bs2"), missing.err());

        Files.copy(SharedTestData.resolve("dvs/nmnist/train/1.bs2"), dir.resolve("a.bs2"));
        Files.writeString(labels, "file,label\na.bs2,12\n");
        RunCommandTest.Run label = RunCommandTest.cli("eval", program.toString(), "--nmnist", dir.toString(),
                "--labels", labels.toString());
        assertEquals(NeuroEdgeCli.EXIT_BAD_INPUT, label.exit());
        assertTrue(label.err().contains("label 12 of a.bs2 is not an output of the program (10 outputs)"), label.err());
    }
}
