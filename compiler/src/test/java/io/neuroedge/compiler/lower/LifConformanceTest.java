package io.neuroedge.compiler.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroedge.compiler.profile.CompileOptions;
import io.neuroedge.compiler.profile.Integrator;
import io.neuroedge.compiler.profile.Profile;
import io.neuroedge.proto.program.NeuronPopulation;
import io.neuroedge.runtime.engine.Engine;
import io.neuroedge.runtime.program.SpikePrograms;
import io.neuroedge.runtime.reference.FloatReference;
import io.neuroedge.runtime.simd.ScalarKernels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The NIR paper's single LIF neuron, compiled from the .nir file, against its golden spike steps. */
class LifConformanceTest {

    private static final List<Integer> GOLDEN = List.of(460, 510, 710, 760);

    private static CompiledProgram compile(CompileOptions options) throws Exception {
        return new NirCompiler().compile(SharedNir.file("lif/lif_norse.nir"), options, "test");
    }

    @Test
    void compiledLifNorseFiresAtTheFourReferenceStepsInFixedAndFloatArithmetic() throws Exception {
        CompiledProgram p = compile(CompileOptions.of(1e-4));
        byte[] input = SharedNir.column(SharedNir.file("lif/lif_norse.csv"), 0);
        assertEquals(1000, input.length);

        Engine engine = new Engine(p.plan(), ScalarKernels.INSTANCE);
        FloatReference ref = new FloatReference(p.plan());
        List<Integer> fixed = new ArrayList<>();
        List<Integer> real = new ArrayList<>();
        for (int t = 0; t < input.length; t++) {
            byte[] x = {input[t]};
            engine.step(x);
            ref.step(x);
            if (engine.outputSpikes()[0] != 0) {
                fixed.add(t);
            }
            if (ref.layerOutput(0)[0] != 0) {
                real.add(t);
            }
        }
        assertEquals(GOLDEN, fixed);
        assertEquals(GOLDEN, real);
    }

    @Test
    void lifNorseLowersToOneDenseLifWithEulerLeakAndZeroReset() throws Exception {
        CompiledProgram p = compile(CompileOptions.of(1e-4));
        var layer = p.body().getLayers(0);
        NeuronPopulation n = layer.getNeurons();
        assertEquals(NeuronPopulation.Model.LIF, n.getModel());
        assertEquals(NeuronPopulation.Reset.ZERO, n.getReset());
        assertEquals(31457, n.getMembraneLeak().getMultiplier()); // beta = 1 - 1e-4/2.5e-3 = 0.96
        assertEquals(15, n.getMembraneLeak().getShift());
        assertEquals(127, layer.getDense().getWeights().byteAt(0));
        // weight 1 x gain dt/tau = 0.04 per step; max_count 15 x 127 << shift must stay below 2^30
        assertEquals(19, n.getInputShift());
        double unit = 0.04 / 127 / (1 << 19);
        assertEquals(Math.round(0.1 / unit), n.getThreshold(0), 2);
        byte[] digest = SpikePrograms.sha256(Files.readAllBytes(SharedNir.file("lif/lif_norse.nir")));
        assertEquals(SpikePrograms.hex(digest), p.plan().sourceModelDigest());
        assertEquals("test", p.body().getHeader().getCreatedBy());
    }

    @Test
    void exactIntegratorUsesExponentialLeak() throws Exception {
        CompiledProgram p = compile(new CompileOptions(1e-4, Profile.NORSE, Integrator.EXACT, 15));
        NeuronPopulation n = p.body().getLayers(0).getNeurons();
        assertEquals(Math.round(Math.exp(-0.04) * 32768), n.getMembraneLeak().getMultiplier());
        assertTrue(p.report().text().contains("exact integrator"), p.report().text());
    }

    @Test
    void twoLifNeuronsFirstFiresOnItsOwnSecondNever() throws Exception {
        Path file = SharedNir.file("lif/two_lif_neurons.nir");
        CompiledProgram p = new NirCompiler().compile(file, CompileOptions.of(1e-4), "test");
        assertEquals(2, p.plan().layers().size());
        Engine engine = new Engine(p.plan(), ScalarKernels.INSTANCE);
        int first = 0;
        for (int t = 0; t < 1000; t++) {
            engine.step(new byte[] {0});
            first += engine.layerOutput(0)[0];
        }
        assertTrue(first >= 5, "LIF1 (v_leak 1.2 > v_th 1) must fire repeatedly, fired " + first);
        assertEquals(0, engine.spikeCounts()[0], "LIF2 (v_th 20) must never fire");
    }

    /** Output spike steps of the compiled lif_norse program on column 0 of lif_norse.csv (scalar kernels). */
    private static List<Integer> spikes(CompiledProgram p) throws Exception {
        byte[] input = SharedNir.column(SharedNir.file("lif/lif_norse.csv"), 0);
        Engine engine = new Engine(p.plan(), ScalarKernels.INSTANCE);
        List<Integer> steps = new ArrayList<>();
        for (int t = 0; t < input.length; t++) {
            engine.step(new byte[] {input[t]});
            if (engine.outputSpikes()[0] != 0) {
                steps.add(t);
            }
        }
        return steps;
    }

    @Test
    void rockpoolProfileReproducesRockpoolsSpikeSteps() throws Exception {
        // lif_rockpool.csv (and lif_sinabs.csv): exact decay e^(-dt/tau) with a dt/tau input jump fires earlier
        CompiledProgram p = compile(new CompileOptions(1e-4, Profile.ROCKPOOL, Integrator.EULER, 15));
        assertEquals(List.of(450, 500, 710, 760), spikes(p));
        assertEquals(NeuronPopulation.Reset.SUBTRACT, p.body().getLayers(0).getNeurons().getReset());
        assertEquals(Math.round(Math.exp(-0.04) * 32768), p.body().getLayers(0).getNeurons().getMembraneLeak().getMultiplier());
    }

    @Test
    void lavaProfileMatchesLavaFloatWithoutLoihisPipelineStep() throws Exception {
        // lif_lava_cpu_float.csv fires at 461, 511, 711, 761: the same dynamics one step later
        CompiledProgram p = compile(new CompileOptions(1e-4, Profile.LAVA, Integrator.EULER, 15));
        assertEquals(GOLDEN, spikes(p));
        assertEquals(NeuronPopulation.Reset.ZERO, p.body().getLayers(0).getNeurons().getReset());
    }
}
