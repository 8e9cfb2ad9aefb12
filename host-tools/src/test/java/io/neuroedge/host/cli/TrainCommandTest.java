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

/** train -> compile -> eval on the real MNIST subset, small enough for CI. */
class TrainCommandTest {

    @TempDir
    Path dir;

    private static String mnist() {
        return "mnist:" + SharedTestData.resolve("data/mnist-10k");
    }

    @Test
    void shortStopRunShouldLearnAndCompileToAProgramThatKeepsItsAccuracy() {
        Path model = dir.resolve("m.nem");
        RunCommandTest.Run train = RunCommandTest.cli("train", "--dataset", mnist(), "--arch", "784-64-10",
                "--algo", "stop-wtl", "--steps", "8", "--epochs", "1", "--limit", "2000", "--test-limit", "400",
                "--threads", "2", "-o", model.toString(), "--json");
        assertEquals(0, train.exit(), train.err());
        double trained = number(train.out(), "test_accuracy");
        assertTrue(trained > 0.6, "one epoch on 2,000 samples reaches " + trained + " (chance is 0.1)");
        assertTrue(number(train.out(), "learner_bytes") > 0, train.out());
        assertTrue(train.err().contains("epoch 1/1 done"), train.err());
        assertTrue(Files.isRegularFile(dir.resolve("m.nem.ckpt")), "checkpoint written");

        Path program = dir.resolve("m.nsp");
        RunCommandTest.Run compile = RunCommandTest.cli("compile", model.toString(), "-o", program.toString());
        assertEquals(0, compile.exit(), compile.err());
        assertTrue(compile.out().contains("readout:    membrane_sum"), compile.out());

        RunCommandTest.Run eval = RunCommandTest.cli("eval", program.toString(), "--images",
                SharedTestData.resolve("data/mnist-10k").toString(), "--steps", "8", "--limit", "400", "--json");
        assertEquals(0, eval.exit(), eval.err());
        double fixed = number(eval.out(), "accuracy");
        // the same rate-code draws (eval --seed 1 draws what train --seed 1 tested on), int8 weights: close, not identical
        assertTrue(Math.abs(fixed - trained) < 0.06, "fixed point " + fixed + " vs float " + trained);
        assertTrue(number(eval.out(), "agreement_with_float") > 0.97, eval.out());
    }

    @Test
    void resumeShouldContinueFromTheCheckpoint() throws Exception {
        Path model = dir.resolve("r.nem");
        String[] common = {"train", "--dataset", mnist(), "--arch", "784-32-10", "--algo", "stop-w", "--steps", "4",
                "--limit", "500", "--test-limit", "100", "--threads", "1", "-o", model.toString()};
        RunCommandTest.Run first = RunCommandTest.cli(concat(common, "--epochs", "1"));
        assertEquals(0, first.exit(), first.err());
        RunCommandTest.Run second = RunCommandTest.cli(concat(common, "--epochs", "2", "--resume",
                dir.resolve("r.nem.ckpt").toString()));
        assertEquals(0, second.exit(), second.err());
        assertTrue(second.err().contains("epoch 2/2 done") && !second.err().contains("epoch 1/2 done"), second.err());
        // the model and the curves keep both runs' epochs
        var history = io.neuroedge.proto.model.TrainedModel.parseFrom(Files.readAllBytes(model)).getTraining()
                .getHistoryList();
        assertEquals(java.util.List.of(1, 2), history.stream().map(e -> e.getEpoch()).toList());
        assertTrue(history.get(1).getLoss() > 0 && history.get(1).getTestAccuracy() > 0.1, history.toString());
        java.awt.image.BufferedImage curves = javax.imageio.ImageIO.read(dir.resolve("r.curves.png").toFile());
        assertEquals(1200, curves.getWidth(), "learning curves beside the model");

        RunCommandTest.Run mismatch = RunCommandTest.cli(concat(common, "--epochs", "3", "--lr", "0.01", "--resume",
                dir.resolve("r.nem.ckpt").toString()));
        assertEquals(NeuroEdgeCli.EXIT_BAD_INPUT, mismatch.exit());
        assertTrue(mismatch.err().contains("checkpoint was trained with options"), mismatch.err());
    }

    @Test
    void badArgumentsShouldBeOneLineErrors() {
        RunCommandTest.Run kind = RunCommandTest.cli("train", "--dataset", "cifar:/tmp", "--arch", "784-10-10",
                "-o", dir.resolve("x.nem").toString());
        assertEquals(NeuroEdgeCli.EXIT_BAD_INPUT, kind.exit());
        assertTrue(kind.err().contains("is not mnist, fashion or nmnist"), kind.err());

        RunCommandTest.Run shape = RunCommandTest.cli("train", "--dataset", mnist(), "--arch", "100-10-10",
                "--limit", "10", "-o", dir.resolve("x.nem").toString());
        assertEquals(NeuroEdgeCli.EXIT_BAD_INPUT, shape.exit());
        assertTrue(shape.err().contains("--arch takes 100 inputs but"), shape.err());
        assertEquals(1, shape.err().strip().lines().count(), shape.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": ([-0-9.eE]+)").matcher(json);
        assertTrue(m.find(), key + " missing in " + json);
        return Double.parseDouble(m.group(1));
    }
}
