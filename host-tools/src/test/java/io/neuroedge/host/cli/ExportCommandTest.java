package io.neuroedge.host.cli;

import io.neuroedge.runtime.testing.SharedTestData;
import io.neuroedge.proto.model.InputEncoding;
import io.neuroedge.proto.program.ProgramBody;
import io.neuroedge.proto.program.SpikeProgram;
import io.neuroedge.runtime.learn.FloatNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** export (or train -o .nir) -> compile without flags -> the same program as compiling the .nem. */
class ExportCommandTest {

    @TempDir
    Path dir;

    @Test
    void exportedModelShouldCompileWithoutFlagsToTheSameProgramAsTheModel() throws Exception {
        FloatNetwork net = FloatNetwork.initialize("784-24-10", 2);
        net.setAlpha(0, 0.8731f);
        Path nem = dir.resolve("m.nem");
        Files.write(nem, net.toModel(InputEncoding.RATE, 8, null, List.of()).toByteArray());

        Path nir = dir.resolve("m.nir");
        RunCommandTest.Run export = RunCommandTest.cli("export", nem.toString(), "-o", nir.toString());
        assertEquals(0, export.exit(), export.err());
        assertTrue(export.out().contains("written: " + nir + " (NIR; snntorch profile, euler, dt 1.0E-4 s"), export.out());
        assertTrue(export.out().contains("compile: neuroedge compile " + nir + " -o PROGRAM.nsp"), export.out());

        Path fromNir = dir.resolve("nir.nsp");
        RunCommandTest.Run compile = RunCommandTest.cli("compile", nir.toString(), "-o", fromNir.toString());
        assertEquals(0, compile.exit(), compile.err());
        assertTrue(compile.out().contains("profile:    snntorch, euler integrator, dt 1.0E-4 s, input counts saturate at 1"),
                compile.out());
        assertTrue(compile.out().contains("readout:    membrane_sum"), compile.out());
        assertTrue(compile.out().contains("note:       compile options recorded by neuroedge export: --profile snntorch"),
                compile.out());
        Path fromNem = dir.resolve("nem.nsp");
        assertEquals(0, RunCommandTest.cli("compile", nem.toString(), "-o", fromNem.toString()).exit());
        assertEquals(body(fromNem), body(fromNir), "same program apart from the header's provenance");

        String images = SharedTestData.resolve("data/mnist-10k").toString();
        RunCommandTest.Run a = RunCommandTest.cli("eval", fromNir.toString(), "--images", images, "--steps", "8",
                "--limit", "60", "--no-float", "--json");
        RunCommandTest.Run b = RunCommandTest.cli("eval", fromNem.toString(), "--images", images, "--steps", "8",
                "--limit", "60", "--no-float", "--json");
        assertEquals(0, a.exit(), a.err());
        assertEquals(b.out(), a.out(), "same accuracy and confusion matrix");

        // a given option that departs from the recorded ones is compiled, with a warning
        RunCommandTest.Run norse = RunCommandTest.cli("compile", nir.toString(), "--profile", "norse", "-o",
                dir.resolve("norse.nsp").toString());
        assertEquals(0, norse.exit(), norse.err());
        assertTrue(norse.out().contains("--profile given: the program no longer reproduces the exported model"),
                norse.out());
    }

    @Test
    void trainWithANirOutputShouldWriteAnExportedModel() {
        Path nir = dir.resolve("t.nir");
        RunCommandTest.Run train = RunCommandTest.cli("train", "--dataset",
                "mnist:" + SharedTestData.resolve("data/mnist-10k"), "--arch", "784-16-10", "--algo", "stop-wtl",
                "--steps", "4", "--epochs", "1", "--limit", "300", "--test-limit", "50", "--threads", "1",
                "-o", nir.toString());
        assertEquals(0, train.exit(), train.err());
        assertTrue(train.out().contains("written: " + nir + " (NIR; snntorch profile"), train.out());
        assertTrue(Files.isRegularFile(dir.resolve("t.nir.ckpt")), "checkpoint written");
        assertFalse(Files.exists(dir.resolve("t.nem")));

        RunCommandTest.Run compile = RunCommandTest.cli("compile", nir.toString(), "-o", dir.resolve("t.nsp").toString(),
                "--json");
        assertEquals(0, compile.exit(), compile.err());
        assertTrue(compile.out().contains("\"profile\": \"snntorch\""), compile.out());
        assertTrue(compile.out().contains("\"readout\": \"membrane_sum\""), compile.out());
    }

    @Test
    void whatCannotBeExportedShouldBeAOneLineError() throws Exception {
        RunCommandTest.Run notModel = RunCommandTest.cli("export",
                SharedTestData.resolve("nir/lif/lif_norse.nir").toString(), "-o", dir.resolve("x.nir").toString());
        assertEquals(NeuroEdgeCli.EXIT_BAD_INPUT, notModel.exit());
        assertTrue(notModel.err().contains("not a trained model (.nem from `neuroedge train`)"), notModel.err());

        FloatNetwork net = FloatNetwork.initialize("784-16-10", 1);
        net.setAlpha(0, 1e-35f);
        Path nem = dir.resolve("tiny.nem");
        Files.write(nem, net.toModel(InputEncoding.RATE, 8, null, List.of()).toByteArray());
        RunCommandTest.Run tiny = RunCommandTest.cli("export", nem.toString(), "-o", dir.resolve("tiny.nir").toString());
        assertEquals(NeuroEdgeCli.EXIT_BAD_INPUT, tiny.exit());
        assertEquals(1, tiny.err().strip().lines().count(), tiny.err());
        assertTrue(tiny.err().contains("layer0: leak alpha 1.0E-35"), tiny.err());
        assertFalse(Files.exists(dir.resolve("tiny.nir")));
    }

    private static ProgramBody body(Path program) throws Exception {
        ProgramBody body = ProgramBody.parseFrom(SpikeProgram.parseFrom(Files.readAllBytes(program)).getBody());
        return body.toBuilder().clearHeader().build();
    }
}
