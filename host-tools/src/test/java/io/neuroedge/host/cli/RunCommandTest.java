package io.neuroedge.host.cli;

import io.neuroedge.runtime.testing.SharedTestData;
import io.neuroedge.events.EventArray;
import io.neuroedge.events.nmnist.NMnistReader;
import io.neuroedge.proto.program.FixedPoint;
import io.neuroedge.proto.program.NeuronPopulation;
import io.neuroedge.proto.program.ProgramBody;
import io.neuroedge.runtime.bench.StandardNetworks;
import io.neuroedge.runtime.engine.Engine;
import io.neuroedge.runtime.input.EventBinner;
import io.neuroedge.runtime.program.ExecutionPlan;
import io.neuroedge.runtime.program.ProgramBuilder;
import io.neuroedge.runtime.program.ProgramLoader;
import io.neuroedge.runtime.program.Shape;
import io.neuroedge.runtime.program.SpikePrograms;
import io.neuroedge.runtime.simd.ScalarKernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunCommandTest {

    @TempDir
    Path dir;

    /** Result of one CLI invocation. */
    record Run(int exit, String out, String err) {
    }

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = NeuroEdgeCli.newCommandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /**
     * The NIR paper's LIF test neuron (tau 2.5 ms, dt 0.1 ms, threshold 0.1, weight 1) in fixed point:
     * beta = 0.96 = 31457/2^15, one input spike adds 0.04 = 127 * 8 fractional units (shift 8) ...
     * so one state unit is 0.04/(127*256) and the threshold 0.1 is 0.1 / that = 81280 units.
     */
    private Path lifNorseProgram() throws Exception {
        ProgramBody body = new ProgramBuilder("lif-norse", Shape.vector(1), 1)
                .dense("lif", 1, new byte[] {127}, new float[] {0.04f / 127},
                        ProgramBuilder.neurons(NeuronPopulation.Model.LIF, NeuronPopulation.Reset.ZERO, 8, 81280)
                                .setMembraneLeak(FixedPoint.newBuilder().setMultiplier(31457).setShift(15)).build())
                .build();
        Path file = dir.resolve("lif.nsp");
        SpikePrograms.write(body, file);
        return file;
    }

    @Test
    void inputSpikesDriveTheLifNeuronOfTheNirPaperToItsFourReferenceSpikes() throws Exception {
        Path csv = SharedTestData.resolve("nir/lif/lif_norse.csv");
        Run run = cli("run", lifNorseProgram().toString(), "--input-spikes", csv.toString(), "--columns", "0", "--json");
        assertEquals(0, run.exit(), run.err());
        // forward Euler at dt = 1e-4 fires at exactly these steps (../shared/nir/README.md)
        assertEquals("{\"steps\": 1000, \"spike_counts\": [4], \"predicted\": 0, \"spikes\": {\"0\": [460, 510, 710, 760]}}",
                run.out().strip());
    }

    @Test
    void textOutputNamesProgramKernelsAndPrediction() throws Exception {
        Path csv = SharedTestData.resolve("nir/lif/lif_norse.csv");
        Run run = cli("run", lifNorseProgram().toString(), "--input-spikes", csv.toString(), "--columns", "0",
                "--kernels", "scalar");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("kernels:      scalar"), run.out());
        assertTrue(run.out().contains("spike counts: [4]"), run.out());
        assertTrue(run.out().contains("spikes[0]:    [460, 510, 710, 760]"), run.out());
    }

    @Test
    void eventRecordingRunsBinnedByTheProgramsStepLength() throws Exception {
        ExecutionPlan plan = StandardNetworks.nmnistConv(7);
        Path program = dir.resolve("conv.nsp");
        SpikePrograms.write(StandardNetworks.nmnistConvBody(7), program);
        Path recording = SharedTestData.resolve("dvs/nmnist/train/1.bs2");

        Run run = cli("run", program.toString(), "--input", recording.toString(), "--json");
        assertEquals(0, run.exit(), run.err());

        // the same recording through the runtime directly: t 893..305,924 us in 1 ms bins = 306 steps
        Engine engine = new Engine(new ProgramLoader().load(program), ScalarKernels.INSTANCE);
        EventArray events = new NMnistReader().readAll(recording);
        EventBinner binner = new EventBinner(plan.input(), engine::step);
        events.replay(binner);
        binner.flush();
        assertEquals(306, engine.steps());
        String expected = "{\"steps\": 306, \"spike_counts\": " + Arrays.toString(engine.spikeCounts())
                + ", \"predicted\": " + engine.predicted() + ", \"spikes\": {";
        assertTrue(run.out().startsWith(expected), "expected prefix " + expected + "\nbut got " + run.out());
    }

    @Test
    void prophesee3RecordingIsDetectedCroppedAndDownsampled() throws Exception {
        // Gen4.1 sensor 1280x720 downsampled by 16 onto a 2x45x80 input, 1 ms steps
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        int inputs = 2 * 45 * 80;
        byte[] w = new byte[10 * inputs];
        for (int i = 0; i < w.length; i++) {
            w[i] = (byte) (rnd.nextInt(255) - 127);
        }
        float[] scales = new float[10];
        java.util.Arrays.fill(scales, 1f);
        ProgramBody body = new ProgramBuilder("evt3", new Shape(2, 45, 80), 4)
                .events(1280, 720, 0, 1, 0, 0, 4, 1000)
                .dense("out", 10, w, scales, ProgramBuilder.neurons(NeuronPopulation.Model.IF,
                        NeuronPopulation.Reset.SUBTRACT, 0, 200).build())
                .build();
        Path program = dir.resolve("evt3.nsp");
        SpikePrograms.write(body, program);
        Path recording = SharedTestData.resolve("dvs/prophesee/evt3_gen41_pedestrians_cut.raw");

        Run run = cli("run", program.toString(), "--input", recording.toString(), "--json");
        assertEquals(0, run.exit(), run.err());
        // events span 5,840,504 .. 5,885,714 us: 45.21 ms, so 46 one-millisecond steps
        assertTrue(run.out().startsWith("{\"steps\": 46, "), run.out());
    }

    @Test
    void corruptedProgramIsOneLineErrorWithExitCode2() throws Exception {
        Path program = lifNorseProgram();
        byte[] bytes = Files.readAllBytes(program);
        bytes[bytes.length - 40] ^= 0x55;
        Files.write(program, bytes);
        Run run = cli("run", program.toString(), "--input-spikes",
                SharedTestData.resolve("nir/lif/lif_norse.csv").toString(), "--columns", "0");
        assertEquals(NeuroEdgeCli.EXIT_BAD_INPUT, run.exit());
        assertTrue(run.err().startsWith("error: "), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains("lif.nsp"), run.err());
    }

    @Test
    void missingFileAndWrongColumnCountAreClearErrors() throws Exception {
        Run missing = cli("run", dir.resolve("nope.nsp").toString(), "--input-spikes", "x.csv");
        assertEquals(ExitCodes.NO_INPUT, missing.exit());
        assertTrue(missing.err().contains("no such file") && missing.err().contains("nope.nsp"), missing.err());

        Run columns = cli("run", lifNorseProgram().toString(), "--input-spikes",
                SharedTestData.resolve("nir/lif/lif_norse.csv").toString(), "--columns", "0,2");
        assertEquals(NeuroEdgeCli.EXIT_BAD_INPUT, columns.exit());
        assertTrue(columns.err().contains("2 selected columns") && columns.err().contains("1 input neurons"),
                columns.err());
    }

    @Test
    void eventInputToAProgramWithoutEventEncodingIsRefused() throws Exception {
        Run run = cli("run", lifNorseProgram().toString(), "--input",
                SharedTestData.resolve("dvs/nmnist/train/1.bs2").toString());
        assertEquals(NeuroEdgeCli.EXIT_BAD_INPUT, run.exit());
        assertTrue(run.err().contains("no event encoding"), run.err());
    }
}
