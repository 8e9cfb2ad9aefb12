package io.neuroedge.host.cli;

import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A very short {@code bench runtime} run: the shape of its report, not its figures. */
class BenchCommandTest {

    private static final Pattern ROW = Pattern.compile("\\{\"network\": \"([^\"]+)\", \"density\": ([0-9.]+), "
            + "\"kernel\": \"(scalar|vector)\", \"path\": \"(auto|sparse|dense)\", \"synops_per_s\": ([0-9]+), "
            + "\"steps_per_s\": ([0-9]+), \"alloc_bytes_per_step\": ([0-9.E-]+)}");

    @Test
    void jsonReportHasOneRowPerNetworkDensityAndKernel() {
        RunCommandTest.Run run = RunCommandTest.cli("bench", "runtime", "--json", "--network", "dense-784-512-10,conv-nmnist",
                "--density", "0.01,0.2", "--warmup", "0", "--round", "0.02", "--rounds", "1");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("{\"vector_bits\": "), run.out());
        Matcher m = ROW.matcher(run.out());
        int rows = 0;
        while (m.find()) {
            rows++;
            assertTrue(Long.parseLong(m.group(6)) > 0, "steps per second of " + m.group());
        }
        assertEquals(2 * 2 * 2, rows, run.out());
    }

    @Test
    void densityOutsideZeroToOneIsRejected() {
        RunCommandTest.Run run = RunCommandTest.cli("bench", "runtime", "--density", "1.5");
        assertEquals(ExitCodes.USAGE, run.exit());
        assertTrue(run.err().contains("--density 1.5 is outside [0, 1]"), run.err());
        assertTrue(run.err().contains("try: neuroedge bench runtime --help"), run.err());
        assertEquals(2, run.err().lines().count(), "the error and the hint, not the whole usage: " + run.err());
    }

    @Test
    void unknownNetworkIsRejected() {
        RunCommandTest.Run run = RunCommandTest.cli("bench", "runtime", "--network", "resnet");
        assertEquals(NeuroEdgeCli.EXIT_BAD_INPUT, run.exit());
        assertTrue(run.err().contains("unknown network 'resnet'"), run.err());
    }
}
