package io.neuroedge.runtime.engine;

import io.neuroedge.runtime.bench.StandardNetworks;
import io.neuroedge.runtime.program.ExecutionPlan;
import io.neuroedge.runtime.program.RandomPrograms;
import io.neuroedge.runtime.simd.KernelProvider;
import io.neuroedge.runtime.simd.KernelProviders;
import io.neuroedge.runtime.simd.ScalarKernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Whole engines on the vector kernels against whole engines on the scalar reference: every layer's
 * output and membrane must be identical after every step, on random programs covering all layer
 * kinds, neuron models, reset modes, floors and saturation, at input densities from 0 to 1 and on
 * every synaptic path. The neon-width surefire execution runs this again with 128-bit vectors.
 */
class VectorEngineBitExactTest {

    private static final double[] DENSITIES = {0.0, 0.01, 0.05, 0.2, 0.6, 1.0};

    private static KernelProvider vector() {
        return KernelProviders.panama().orElseGet(() -> fail("vector kernels unavailable: "
                + KernelProviders.fallbackReason() + " (the test JVM must run with --add-modules jdk.incubator.vector)"));
    }

    @ParameterizedTest
    @EnumSource(EngineOptions.Path.class)
    void randomProgramsRunIdenticallyOnVectorAndScalarKernels(EngineOptions.Path path) {
        KernelProvider vector = vector();
        for (long seed = 1; seed <= 120; seed++) {
            ExecutionPlan plan = RandomPrograms.random(seed);
            double density = DENSITIES[(int) (seed % DENSITIES.length)];
            byte[][] inputs = RandomPrograms.inputs(plan, density, 40, seed * 31);
            compare(plan, inputs, vector, EngineOptions.forced(path), "seed " + seed + ", density " + density);
        }
    }

    @Test
    void standardNetworksRunIdenticallyOnVectorAndScalarKernels() {
        KernelProvider vector = vector();
        for (ExecutionPlan plan : new ExecutionPlan[] {StandardNetworks.dense784(3), StandardNetworks.nmnistConv(3)}) {
            for (double density : new double[] {0.01, 0.05, 0.2}) {
                byte[][] inputs = StandardNetworks.inputs(plan.input().shape().size(), density, 30, 5);
                compare(plan, inputs, vector, EngineOptions.defaultsFor(vector), plan.name() + " at " + density);
            }
        }
    }

    private static void compare(ExecutionPlan plan, byte[][] inputs, KernelProvider vector, EngineOptions options,
                                String what) {
        Engine reference = new Engine(plan, ScalarKernels.INSTANCE, options);
        Engine candidate = new Engine(plan, vector, options);
        for (int t = 0; t < inputs.length; t++) {
            assertEquals(reference.step(inputs[t]), candidate.step(inputs[t]), what + ", step " + t);
            for (int layer = 0; layer < plan.layers().size(); layer++) {
                String where = what + ", step " + t + ", layer " + layer + " (" + plan.layers().get(layer).name() + ")";
                assertArrayEquals(reference.layerOutput(layer), candidate.layerOutput(layer), where + " output");
                assertArrayEquals(reference.membrane(layer), candidate.membrane(layer), where + " membrane");
            }
        }
        assertArrayEquals(reference.spikeCounts(), candidate.spikeCounts(), what);
        assertEquals(reference.synapticOps(), candidate.synapticOps(), what);
    }
}
