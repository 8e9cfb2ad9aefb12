package io.neuroedge.host.cli;

import io.neuroedge.runtime.testing.SharedTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompileCommandTest {

    @TempDir
    Path dir;

    @Test
    void compiledLifNorseRunsToTheFourReferenceSpikes() {
        Path nsp = dir.resolve("lif.nsp");
        RunCommandTest.Run c = RunCommandTest.cli("compile", SharedTestData.resolve("nir/lif/lif_norse.nir").toString(),
                "--dt", "1e-4", "-o", nsp.toString());
        assertEquals(0, c.exit(), c.err());
        assertTrue(c.out().contains("LIF"), c.out());
        assertTrue(c.out().contains("0.960000 (0.959991"), c.out());
        assertTrue(c.out().contains("give --calibrate DIR"), c.out());

        RunCommandTest.Run run = RunCommandTest.cli("run", nsp.toString(), "--input-spikes",
                SharedTestData.resolve("nir/lif/lif_norse.csv").toString(), "--columns", "0", "--json");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("\"spikes\": {\"0\": [460, 510, 710, 760]}"), run.out());

        RunCommandTest.Run inspect = RunCommandTest.cli("inspect", nsp.toString());
        assertEquals(0, inspect.exit(), inspect.err());
        String sha = c.out().substring(c.out().indexOf("sha256 ") + 7, c.out().indexOf(')'));
        assertTrue(inspect.out().contains("source:   " + sha), inspect.out());
    }

    @Test
    void jsonReportDescribesEveryLayerOfTheSinabsCnn() {
        Path nsp = dir.resolve("cnn.nsp");
        RunCommandTest.Run c = RunCommandTest.cli("compile", SharedTestData.resolve("nir/cnn/cnn_sinabs.nir").toString(),
                "--dt", "1e-3", "--profile", "sinabs", "-o", nsp.toString(), "--json");
        assertEquals(0, c.exit(), c.err());
        String json = c.out().strip();
        assertTrue(json.startsWith("{\"model\": \"cnn_sinabs\""), json);
        assertTrue(json.contains("\"synaptic_ops_per_step\": 903680"), json);
        assertTrue(json.contains("\"kind\": \"conv2d 2->16 k5 s2 p1\""), json);
        assertTrue(json.contains("\"events\": \"sensor 34x34, OFF->channel 0, ON->channel 1, bin 1000 us\""), json);
        assertTrue(Files.isRegularFile(nsp));
    }

    @Test
    void unstableStepIsOneLineErrorWithExitCode2() {
        RunCommandTest.Run c = RunCommandTest.cli("compile", SharedTestData.resolve("nir/lif/lif_norse.nir").toString(),
                "--dt", "1e-2", "-o", dir.resolve("x.nsp").toString());
        assertEquals(NeuroEdgeCli.EXIT_BAD_INPUT, c.exit());
        assertEquals(1, c.err().strip().lines().count(), c.err());
        assertTrue(c.err().contains("forward Euler is unstable"), c.err());
        assertFalse(Files.exists(dir.resolve("x.nsp")));
    }

    @Test
    void badDtProfileAndFileAreOneLineErrors() throws Exception {
        String nir = SharedTestData.resolve("nir/lif/lif_norse.nir").toString();
        for (String[] args : new String[][] {
                {"compile", nir, "--dt", "-1", "-o", dir.resolve("a.nsp").toString()},
                {"compile", nir, "--dt", "1e-4", "--profile", "loihi", "-o", dir.resolve("a.nsp").toString()},
                {"compile", dir.resolve("missing.nir").toString(), "--dt", "1e-4", "-o", dir.resolve("a.nsp").toString()}}) {
            RunCommandTest.Run c = RunCommandTest.cli(args);
            int expected = args[1].endsWith("missing.nir") ? ExitCodes.NO_INPUT : NeuroEdgeCli.EXIT_BAD_INPUT;
            assertEquals(expected, c.exit(), c.err());
            assertEquals(1, c.err().strip().lines().count(), c.err());
            assertTrue(c.err().startsWith("error: "), c.err());
        }
        Path notNir = dir.resolve("bad.nir");
        Files.writeString(notNir, "not hdf5");
        RunCommandTest.Run c = RunCommandTest.cli("compile", notNir.toString(), "--dt", "1e-4", "-o",
                dir.resolve("b.nsp").toString());
        assertEquals(NeuroEdgeCli.EXIT_BAD_INPUT, c.exit(), c.err());
        assertEquals(1, c.err().strip().lines().count(), c.err());
    }

    @Test
    void truncatedUnknownTypeAndMissingDatasetAreOneLineErrors() throws Exception {
        byte[] original = Files.readAllBytes(SharedTestData.resolve("nir/lif/lif_norse.nir"));
        Path truncated = dir.resolve("truncated.nir");
        Files.write(truncated, java.util.Arrays.copyOf(original, original.length / 3));
        // same-length patches of the type string of node '0' and of its 'weight' dataset name
        Path unknownType = dir.resolve("unknown.nir");
        Files.write(unknownType, patch(original, "Affine", "Affinx"));
        Path missingWeight = dir.resolve("noweight.nir");
        Files.write(missingWeight, patch(original, "weight", "weighx"));
        String[][] cases = {
                {truncated.toString(), "truncated.nir"},
                {unknownType.toString(), "unknown node type 'Affinx'"},
                {missingWeight.toString(), "'weight'"}};
        for (String[] c : cases) {
            RunCommandTest.Run run = RunCommandTest.cli("compile", c[0], "--dt", "1e-4", "-o",
                    dir.resolve("out.nsp").toString());
            assertEquals(NeuroEdgeCli.EXIT_BAD_INPUT, run.exit(), run.err());
            assertEquals(1, run.err().strip().lines().count(), run.err());
            assertTrue(run.err().startsWith("error: ") && run.err().contains(c[1]), run.err());
            assertFalse(Files.exists(dir.resolve("out.nsp")), "no program is written for a bad model");
        }
    }

    @Test
    void negativeTimeConstantIsAOneLineErrorNamingNodeAndField() throws Exception {
        byte[] data = Files.readAllBytes(SharedTestData.resolve("nir/lif/lif_norse.nir"));
        // tau = 0.0025 is stored once, as a little-endian float32: flip its sign bit
        int bits = Float.floatToIntBits(0.0025f);
        byte[] tau = {(byte) bits, (byte) (bits >>> 8), (byte) (bits >>> 16), (byte) (bits >>> 24)};
        int at = -1;
        for (int i = 0; i + 4 <= data.length && at < 0; i++) {
            if (java.util.Arrays.equals(data, i, i + 4, tau, 0, 4)) {
                at = i;
            }
        }
        assertTrue(at >= 0, "tau not found in lif_norse.nir");
        data[at + 3] |= (byte) 0x80;
        Path negative = dir.resolve("negative_tau.nir");
        Files.write(negative, data);
        RunCommandTest.Run run = RunCommandTest.cli("compile", negative.toString(), "--dt", "1e-4", "-o",
                dir.resolve("n.nsp").toString());
        assertEquals(NeuroEdgeCli.EXIT_BAD_INPUT, run.exit(), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains("node '1' (LIF): field 'tau' must be a positive time constant, found -0.00249"), run.err());
    }

    private static byte[] patch(byte[] data, String from, String to) {
        byte[] f = from.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] t = to.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] out = data.clone();
        int patched = 0;
        for (int i = 0; i + f.length <= out.length; i++) {
            if (java.util.Arrays.equals(out, i, i + f.length, f, 0, f.length)) {
                System.arraycopy(t, 0, out, i, t.length);
                patched++;
            }
        }
        assertTrue(patched > 0, "pattern " + from + " not found");
        return out;
    }

    @Test
    void largerSensorIsDownsampledByAPowerOfTwoAndCentred() {
        String nir = SharedTestData.resolve("nir/cnn/cnn_sinabs.nir").toString();
        Path nsp = dir.resolve("dvs128.nsp");
        RunCommandTest.Run c = RunCommandTest.cli("compile", nir, "--dt", "1e-3", "--profile", "sinabs",
                "--sensor", "128x128", "-o", nsp.toString());
        assertEquals(0, c.exit(), c.err());
        RunCommandTest.Run inspect = RunCommandTest.cli("inspect", nsp.toString(), "--json");
        // 34x34 doubled is 68x68, the largest that fits 128x128; centred at (30, 30)
        assertTrue(inspect.out().contains("\"sensor_width\": 128, \"sensor_height\": 128, \"off_channel\": 0, "
                + "\"on_channel\": 1, \"crop_x\": 30, \"crop_y\": 30, \"downsample_shift\": 1"), inspect.out());

        RunCommandTest.Run small = RunCommandTest.cli("compile", nir, "--dt", "1e-3", "--sensor", "20x20", "-o",
                dir.resolve("small.nsp").toString());
        assertEquals(NeuroEdgeCli.EXIT_BAD_INPUT, small.exit());
        assertTrue(small.err().contains("--sensor 20x20 is smaller than the model's input 34x34"), small.err());
        RunCommandTest.Run garbled = RunCommandTest.cli("compile", nir, "--dt", "1e-3", "--sensor", "big", "-o",
                dir.resolve("g.nsp").toString());
        assertEquals(NeuroEdgeCli.EXIT_BAD_INPUT, garbled.exit());
        assertTrue(garbled.err().contains("--sensor 'big' is not WIDTHxHEIGHT"), garbled.err());
    }

    @Test
    void calibrationPicksTheInputBoundAndMeasuresFloatAgreement() throws Exception {
        Path samples = Files.createDirectory(dir.resolve("samples"));
        for (int i = 1; i <= 6; i++) {
            Files.copy(SharedTestData.resolve("dvs/nmnist/train/" + i + ".bs2"), samples.resolve(i + ".bs2"));
        }
        Files.writeString(samples.resolve("README.txt"), "not a recording");
        String nir = SharedTestData.resolve("nir/cnn/cnn_sinabs.nir").toString();

        RunCommandTest.Run c = RunCommandTest.cli("compile", nir, "--dt", "1e-3", "--profile", "sinabs", "--calibrate",
                samples.toString(), "-o", dir.resolve("cal.nsp").toString(), "--json");
        assertEquals(0, c.exit(), c.err());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"max_count\": (\\d+).*\"calibration\": "
                + "\\{\"measured\": true, \"recordings\": 6, \"max_count_rule\": \"99.9% of the sample counts are <= "
                + "(\\d+)\", \"prediction_agreement\": ([0-9.]+), \"spike_count_agreement\": ([0-9.]+)}").matcher(c.out());
        assertTrue(m.find(), c.out());
        assertEquals(m.group(1), m.group(2), "the program saturates where the samples' 99.9th percentile lies");
        assertTrue(Integer.parseInt(m.group(1)) >= 1 && Integer.parseInt(m.group(1)) < 15, c.out());
        // IF neurons without leak: fixed point and float agree on what each recording is
        assertEquals(1.0, Double.parseDouble(m.group(3)), c.out());
        assertTrue(Double.parseDouble(m.group(4)) > 0.8, c.out());

        RunCommandTest.Run given = RunCommandTest.cli("compile", nir, "--dt", "1e-3", "--profile", "sinabs",
                "--calibrate", samples.toString(), "--max-count", "9", "-o", dir.resolve("given.nsp").toString());
        assertEquals(0, given.exit(), given.err());
        assertTrue(given.out().contains("calibrated: 6 recordings; max count 9 (given)"), given.out());

        RunCommandTest.Run missing = RunCommandTest.cli("compile", nir, "--dt", "1e-3", "--calibrate",
                dir.resolve("nowhere").toString(), "-o", dir.resolve("x.nsp").toString());
        assertEquals(NeuroEdgeCli.EXIT_BAD_INPUT, missing.exit());
        assertTrue(missing.err().contains("is not a folder"), missing.err());
    }
}
