package io.neuroedge.host.cli;

import io.neuroedge.runtime.bench.StandardNetworks;
import io.neuroedge.runtime.program.ExecutionPlan;
import io.neuroedge.runtime.program.SpikePrograms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InspectCommandTest {

    @TempDir
    Path dir;

    @Test
    void showsLayersMemoryAndTheDenseCostOfTheNmnistShapedNetwork() throws Exception {
        Path program = dir.resolve("conv.nsp");
        SpikePrograms.write(StandardNetworks.nmnistConvBody(1), program);
        ExecutionPlan plan = StandardNetworks.nmnistConv(1);

        RunCommandTest.Run text = RunCommandTest.cli("inspect", program.toString());
        assertEquals(0, text.exit(), text.err());
        // the NIR paper's N-MNIST CNN costs 903,680 synapse evaluations per bin (../shared/research/nir.md)
        assertTrue(text.out().contains("903,680 synaptic operations per step"), text.out());
        assertTrue(text.out().contains("conv2d 2->16 k5x5 s2x2 p1x1"), text.out());
        assertTrue(text.out().contains("sensor 34x34, OFF->channel 0, ON->channel 1"), text.out());

        RunCommandTest.Run json = RunCommandTest.cli("inspect", program.toString(), "--json");
        assertEquals(0, json.exit(), json.err());
        assertTrue(json.out().contains("\"digest\": \"" + plan.digest() + "\""), json.out());
        assertTrue(json.out().contains("\"dense_synaptic_ops_per_step\": 903680"), json.out());
        assertTrue(json.out().contains("\"total_bytes\": " + plan.memory().total()), json.out());
        assertTrue(json.out().contains("{\"model\": \"if\", \"reset\": \"subtract\", \"input_shift\": 0, "
                + "\"threshold_min\": 60, \"threshold_max\": 60"), json.out());
        assertEquals(8, json.out().split("\"index\": ").length - 1, "one entry per layer");
    }

    @Test
    void truncatedProgramIsRejectedWithOneLine() throws Exception {
        Path program = dir.resolve("conv.nsp");
        SpikePrograms.write(StandardNetworks.nmnistConvBody(1), program);
        byte[] bytes = Files.readAllBytes(program);
        Files.write(program, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        RunCommandTest.Run run = RunCommandTest.cli("inspect", program.toString());
        assertEquals(NeuroEdgeCli.EXIT_BAD_INPUT, run.exit());
        assertTrue(run.err().startsWith("error: ") && run.err().contains("conv.nsp"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }
}
