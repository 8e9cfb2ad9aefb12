package io.neuroedge.runtime.engine;

import io.neuroedge.proto.program.NeuronPopulation;
import io.neuroedge.proto.program.ReadoutSpec;
import io.neuroedge.runtime.bench.StandardNetworks;
import io.neuroedge.runtime.program.ConvLayer;
import io.neuroedge.runtime.program.ExecutionPlan;
import io.neuroedge.runtime.program.ProgramBuilder;
import io.neuroedge.runtime.program.RandomPrograms;
import io.neuroedge.runtime.program.Shape;
import io.neuroedge.runtime.program.TestPrograms;
import io.neuroedge.runtime.reference.FloatReference;
import io.neuroedge.runtime.program.NeuronParams;
import io.neuroedge.runtime.simd.ScalarKernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static io.neuroedge.proto.program.NeuronPopulation.Reset.SUBTRACT;
import static io.neuroedge.proto.program.NeuronPopulation.Reset.ZERO;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine end to end, with the scalar kernels: hand-computed programs, the sparse and dense
 * paths against each other, the float reference on programs where fixed point is exact, memory and
 * allocation, reset, readouts, input clamping and operation counting.
 */
class EngineTest {

    private static final ScalarKernels KERNELS = ScalarKernels.INSTANCE;

    // ================================================================ (a) computed by hand

    /**
     * 2 inputs (max count 2) -> 2 IF neurons, threshold 10, reset by subtraction,
     * W = [[3, 4], [5, -2]] (row = output).
     */
    @Test
    void shouldRunATinyDenseProgramExactlyAsComputedByHand() {
        ExecutionPlan plan = TestPrograms.plan(new ProgramBuilder("tiny", Shape.vector(2), 2)
                .dense("d", 2, new byte[] {3, 4, 5, -2}, TestPrograms.scales(2), TestPrograms.ifNeurons(SUBTRACT, 0, 10)));
        Engine engine = new Engine(plan, KERNELS, EngineOptions.forced(EngineOptions.Path.SPARSE));
        Engine dense = new Engine(plan, KERNELS, EngineOptions.forced(EngineOptions.Path.DENSE));
        byte[][] inputs = {{1, 0}, {1, 1}, {1, 1}, {0, 1}, {2, 0}};
        // step 0: W x = [3, 5]             v = [3, 5]
        // step 1: W x = [7, 3]             v = [10, 8]   (10 == threshold: no spike)
        // step 2: W x = [7, 3]             v = [17, 11]  both spike -> [7, 1]
        // step 3: W x = [4, -2]            v = [11, -1]  neuron 0 spikes -> [1, -1]
        // step 4: W x = [6, 10] (count 2)  v = [7, 9]
        int[][] membranes = {{3, 5}, {10, 8}, {7, 1}, {1, -1}, {7, 9}};
        byte[][] spikes = {{0, 0}, {0, 0}, {1, 1}, {1, 0}, {0, 0}};
        int[] fired = {0, 0, 2, 1, 0};
        for (int t = 0; t < inputs.length; t++) {
            for (Engine e : List.of(engine, dense)) {
                assertEquals(fired[t], e.step(inputs[t]), "spikes returned at step " + t);
                assertArrayEquals(spikes[t], e.outputSpikes(), "spikes at step " + t);
                assertArrayEquals(membranes[t], e.outputMembrane(), "membrane at step " + t);
            }
        }
        assertArrayEquals(new int[] {2, 1}, engine.spikeCounts());
        assertArrayEquals(new int[] {2, 2}, engine.firstSpikeSteps());
        assertEquals(5, engine.steps());
        assertEquals(0, engine.predicted());
    }

    /**
     * Conv 1x3x3 -> 1 channel, kernel 2 ([[1, 2], [3, 4]]), IF with a threshold too high to fire:
     * the membrane after one step is the convolution.
     */
    @Test
    void shouldConvolveAsComputedByHand() {
        byte[] kernel = {1, 2, 3, 4};
        byte[] input = {
            1, 0, 2,
            0, 3, 0,
            1, 0, 1};
        // stride 1, no padding: 2x2 windows
        // (0,0) 1*1 + 2*0 + 3*0 + 4*3 = 13   (0,1) 1*0 + 2*2 + 3*3 + 4*0 = 13
        // (1,0) 1*0 + 2*3 + 3*1 + 4*0 = 9    (1,1) 1*3 + 2*0 + 3*0 + 4*1 = 7
        assertConvMembrane(kernel, 1, 0, input, new int[] {13, 13, 9, 7});
        // stride 2, padding 1: output (oy, ox) reads rows 2oy-1..2oy and columns 2ox-1..2ox
        // (0,0) only x(0,0) under w(1,1)=4: 4     (0,1) x(0,1)*3 + x(0,2)*4 = 0 + 8 = 8
        // (1,0) x(1,0)*2 + x(2,0)*4 = 0 + 4 = 4   (1,1) x(1,1)*1 + x(1,2)*2 + x(2,1)*3 + x(2,2)*4 = 3 + 4 = 7
        assertConvMembrane(kernel, 2, 1, input, new int[] {4, 8, 4, 7});
    }

    private static void assertConvMembrane(byte[] kernel, int stride, int padding, byte[] input, int[] expected) {
        ExecutionPlan plan = TestPrograms.plan(new ProgramBuilder("conv", new Shape(1, 3, 3), 3)
                .conv2d("c", 1, 2, stride, padding, 1, kernel, TestPrograms.scales(1),
                        TestPrograms.ifNeurons(ZERO, 0, 1000)));
        for (EngineOptions.Path path : EngineOptions.Path.values()) {
            Engine engine = new Engine(plan, KERNELS, EngineOptions.forced(path));
            engine.step(input);
            assertArrayEquals(expected, engine.outputMembrane(), path + " stride " + stride + " padding " + padding);
        }
    }

    /** Sum pool 2x2 stride 2 on a 1x4x4 input, then a dense readout with weights [1, 10, 100, -1]. */
    @Test
    void shouldPoolAsComputedByHand() {
        byte[] input = {
            1, 1, 0, 0,
            1, 1, 0, 2,
            0, 0, 3, 3,
            0, 1, 3, 3};
        for (boolean average : new boolean[] {false, true}) {
            ExecutionPlan plan = TestPrograms.plan(new ProgramBuilder("pool", new Shape(1, 4, 4), 3)
                    .pool("p", average, 2, 2, 0)
                    .dense("d", 1, new byte[] {1, 10, 100, -1}, TestPrograms.scales(1),
                            TestPrograms.ifNeurons(ZERO, 0, 1000)));
            Engine engine = new Engine(plan, KERNELS);
            engine.step(input);
            // windows: 1+1+1+1 = 4, 0+0+0+2 = 2, 0+0+0+1 = 1, 3+3+3+3 = 12 (average pooling keeps the sum)
            assertArrayEquals(new byte[] {4, 2, 1, 12}, engine.layerOutput(0));
            assertNull(engine.membrane(0), "pool layers have no membrane");
            // 4*1 + 2*10 + 1*100 + 12*(-1) = 112
            assertArrayEquals(new int[] {112}, engine.outputMembrane());
        }
    }

    @Test
    void shouldSaturatePoolOutputsAt127() {
        ExecutionPlan plan = TestPrograms.plan(new ProgramBuilder("pool", new Shape(1, 4, 4), 127)
                .pool("p", false, 4, 1, 0)
                .dense("d", 1, new byte[] {1}, TestPrograms.scales(1), TestPrograms.ifNeurons(ZERO, 0, 1000)));
        Engine engine = new Engine(plan, KERNELS);
        byte[] input = new byte[16];
        Arrays.fill(input, (byte) 100);
        engine.step(input);   // 16 * 100 = 1600 saturates to 127
        assertArrayEquals(new byte[] {127}, engine.layerOutput(0));
        assertArrayEquals(new int[] {127}, engine.outputMembrane());
    }

    /** Recurrent dense: the previous step's own spikes enter through R. */
    @Test
    void shouldFeedBackThePreviousStepsSpikesThroughTheRecurrentWeights() {
        // 1 input -> 2 IF neurons, W = [[20], [0]], R = [[0, 0], [7, 0]]: neuron 0 spikes whenever the
        // input is on, neuron 1 only integrates 7 one step after each spike of neuron 0.
        ExecutionPlan plan = TestPrograms.plan(new ProgramBuilder("rec", Shape.vector(1), 1)
                .dense("d", 2, new byte[] {20, 0}, TestPrograms.scales(2), new byte[] {0, 0, 7, 0},
                        TestPrograms.ifNeurons(ZERO, 0, 10)));
        for (EngineOptions.Path path : EngineOptions.Path.values()) {
            Engine engine = new Engine(plan, KERNELS, EngineOptions.forced(path));
            engine.step(new byte[] {1});   // v = [20 -> spike -> 0, 0]
            assertArrayEquals(new byte[] {1, 0}, engine.outputSpikes());
            assertArrayEquals(new int[] {0, 0}, engine.outputMembrane());
            engine.step(new byte[] {0});   // v = [0, 0 + 7]
            assertArrayEquals(new int[] {0, 7}, engine.outputMembrane(), path.name());
            engine.step(new byte[] {0});   // no spike last step: nothing recurs
            assertArrayEquals(new int[] {0, 7}, engine.outputMembrane(), path.name());
        }
    }

    // ================================================================ (b) sparse path == dense path == auto

    static Stream<Arguments> programs() {
        List<Arguments> programs = new ArrayList<>();
        programs.add(Arguments.of("dense", TestPrograms.denseNet(1, false)));
        programs.add(Arguments.of("recurrent dense", TestPrograms.denseNet(2, true)));
        for (int stride = 1; stride <= 2; stride++) {
            for (int padding = 0; padding <= 1; padding++) {
                for (int groups = 1; groups <= 2; groups++) {
                    programs.add(Arguments.of("conv stride " + stride + " padding " + padding + " groups " + groups,
                            TestPrograms.convNet(10L * stride + padding + 100L * groups, stride, padding, groups)));
                }
            }
        }
        programs.add(Arguments.of("sum pool", TestPrograms.poolNet(3, false)));
        programs.add(Arguments.of("average pool", TestPrograms.poolNet(4, true)));
        programs.add(Arguments.of("flatten", TestPrograms.flattenNet(5)));
        programs.add(Arguments.of("nmnist conv", StandardNetworks.nmnistConv(6)));
        for (long seed = 0; seed < 60; seed++) {
            programs.add(Arguments.of("random " + seed, RandomPrograms.random(seed)));
        }
        return programs.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void sparseDenseAndAutoPathsShouldAgreeBitForBit(String name, ExecutionPlan plan) {
        Engine sparse = new Engine(plan, KERNELS, EngineOptions.forced(EngineOptions.Path.SPARSE));
        Engine dense = new Engine(plan, KERNELS, EngineOptions.forced(EngineOptions.Path.DENSE));
        Engine auto = new Engine(plan, KERNELS);
        int step = 0;
        for (byte[] input : mixedDensityInputs(plan, name.hashCode())) {
            int s = sparse.step(input);
            assertEquals(s, dense.step(input), name + " step " + step);
            assertEquals(s, auto.step(input), name + " step " + step);
            assertSameState(sparse, dense, name + " sparse vs dense, step " + step);
            assertSameState(sparse, auto, name + " sparse vs auto, step " + step);
            step++;
        }
        assertEquals(sparse.synapticOps(), dense.synapticOps(), "operations do not depend on the path");
        assertEquals(sparse.synapticOps(), auto.synapticOps());
        assertEquals(sparse.predicted(), dense.predicted());
        assertEquals(sparse.predicted(), auto.predicted());
    }

    /** Densities 0, 0.02, 0.1, 0.3, 0.7 and 1, eight steps each, then 16 steps of random densities. */
    private static List<byte[]> mixedDensityInputs(ExecutionPlan plan, long seed) {
        List<byte[]> inputs = new ArrayList<>();
        long s = seed;
        for (double density : new double[] {0, 0.02, 0.1, 0.3, 0.7, 1}) {
            inputs.addAll(List.of(RandomPrograms.inputs(plan, density, 8, s++)));
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < 16; i++) {
            inputs.addAll(List.of(RandomPrograms.inputs(plan, rnd.nextDouble() * rnd.nextDouble(), 1, s++)));
        }
        return inputs;
    }

    private static void assertSameState(Engine expected, Engine actual, String where) {
        int layers = expected.plan().layers().size();
        for (int i = 0; i < layers; i++) {
            assertArrayEquals(expected.layerOutput(i), actual.layerOutput(i), where + ", output of layer " + i);
            assertArrayEquals(expected.membrane(i), actual.membrane(i), where + ", membrane of layer " + i);
        }
        assertArrayEquals(expected.spikeCounts(), actual.spikeCounts(), where);
        assertArrayEquals(expected.firstSpikeSteps(), actual.firstSpikeSteps(), where);
    }

    @Test
    void pathTestsShouldExerciseSpikesInHiddenAndOutputLayers() {
        // guards the test above against programs that never do anything
        long hidden = 0;
        long output = 0;
        for (Arguments args : programs().toList()) {
            ExecutionPlan plan = (ExecutionPlan) args.get()[1];
            Engine engine = new Engine(plan, KERNELS);
            for (byte[] input : mixedDensityInputs(plan, 1)) {
                output += engine.step(input);
                for (int i = 0; i + 1 < plan.layers().size(); i++) {
                    for (byte b : engine.layerOutput(i)) {
                        hidden += b != 0 ? 1 : 0;
                    }
                }
            }
        }
        assertTrue(hidden > 1000, "hidden activity " + hidden);
        assertTrue(output > 1000, "output spikes " + output);
    }

    // ================================================================ (c) engine == float reference where fixed point is exact

    static LongStream exactSeeds() {
        return LongStream.range(0, 80);
    }

    /**
     * On {@link RandomPrograms#exact} programs every leak is exact and no state can saturate in
     * {@link RandomPrograms#EXACT_STEPS} steps, so fixed point has nothing to round: spikes, pool
     * outputs and membranes must be identical to the float reference's every step. The reference
     * computes conv, pool and dense with its own loops, so this cross-checks the layer logic.
     */
    @ParameterizedTest
    @MethodSource("exactSeeds")
    void shouldMatchTheFloatReferenceExactlyWhenNothingRounds(long seed) {
        ExecutionPlan plan = RandomPrograms.exact(seed);
        Engine engine = new Engine(plan, KERNELS);
        FloatReference reference = new FloatReference(plan);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int t = 0; t < RandomPrograms.EXACT_STEPS; t++) {
            byte[] input = RandomPrograms.inputs(plan, rnd.nextDouble() * 0.6, 1, rnd.nextLong())[0];
            assertEquals(reference.step(input), engine.step(input), "output spikes at step " + t);
            for (int i = 0; i < plan.layers().size(); i++) {
                byte[] fixed = engine.layerOutput(i);
                double[] real = reference.layerOutput(i);
                for (int k = 0; k < fixed.length; k++) {
                    assertEquals(real[k], fixed[k], plan.name() + " step " + t + " layer " + i + " output " + k);
                }
                int[] v = engine.membrane(i);
                if (v != null) {
                    double[] u = reference.membrane(i);
                    for (int k = 0; k < v.length; k++) {
                        assertTrue(Math.abs(v[k]) < NeuronParams.STATE_MAX, "precondition: no saturation");
                        assertEquals(u[k], v[k], plan.name() + " step " + t + " layer " + i + " membrane " + k);
                    }
                }
            }
        }
        assertArrayEquals(reference.spikeCounts(), engine.spikeCounts());
        assertArrayEquals(reference.firstSpikeSteps(), engine.firstSpikeSteps());
        assertEquals(reference.predicted(), engine.predicted());
    }

    @Test
    void exactProgramsShouldSpike() {
        // guards the test above: identical silence would prove little
        long spikes = 0;
        int programsWithOutputSpikes = 0;
        for (long seed : exactSeeds().toArray()) {
            ExecutionPlan plan = RandomPrograms.exact(seed);
            Engine engine = new Engine(plan, KERNELS);
            SplittableRandom rnd = new SplittableRandom(seed);
            long before = spikes;
            for (int t = 0; t < RandomPrograms.EXACT_STEPS; t++) {
                spikes += engine.step(RandomPrograms.inputs(plan, rnd.nextDouble() * 0.6, 1, rnd.nextLong())[0]);
            }
            programsWithOutputSpikes += spikes > before ? 1 : 0;
        }
        assertTrue(programsWithOutputSpikes >= 30, programsWithOutputSpikes + " of 80 programs spiked");
    }

    @Test
    void shouldMatchTheFloatReferenceOnTheNmnistNetwork() {
        // IF neurons throughout, input shift 0: exact as long as nothing saturates
        ExecutionPlan plan = StandardNetworks.nmnistConv(11);
        Engine engine = new Engine(plan, KERNELS);
        FloatReference reference = new FloatReference(plan);
        byte[][] inputs = StandardNetworks.inputs(plan.input().shape().size(), 0.1, 60, 12);
        for (int t = 0; t < inputs.length; t++) {
            engine.step(inputs[t]);
            reference.step(inputs[t]);
            for (int i = 0; i < plan.layers().size(); i++) {
                byte[] fixed = engine.layerOutput(i);
                double[] real = reference.layerOutput(i);
                for (int k = 0; k < fixed.length; k++) {
                    assertEquals(real[k], fixed[k], "step " + t + " layer " + i + " output " + k);
                }
            }
        }
        assertArrayEquals(reference.spikeCounts(), engine.spikeCounts());
        assertTrue(Arrays.stream(engine.spikeCounts()).sum() > 0);
    }

    // ================================================================ (d) memory

    @Test
    void shouldAllocateExactlyTheStateAndScratchThePlanDeclares() {
        List<ExecutionPlan> plans = new ArrayList<>(List.of(StandardNetworks.dense784(1), StandardNetworks.nmnistConv(1),
                TestPrograms.denseNet(1, true), TestPrograms.poolNet(1, true)));
        for (long seed = 0; seed < 30; seed++) {
            plans.add(RandomPrograms.random(seed));
        }
        for (ExecutionPlan plan : plans) {
            Engine engine = new Engine(plan, KERNELS);
            assertEquals(plan.memory().stateBytes() + plan.memory().scratchBytes(), engine.allocatedBytes(), plan.name());
        }
    }

    // ================================================================ (e) no allocation per step

    @Test
    void stepShouldNotAllocate() {
        ExecutionPlan plan = StandardNetworks.nmnistConv(3);
        Engine engine = new Engine(plan, KERNELS);
        byte[][] inputs = StandardNetworks.inputs(plan.input().shape().size(), 0.05, 64, 4);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < 2000; i++) {   // warm up: JIT-compile the step loop
            sink += engine.step(inputs[i & 63]);
        }

        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 2000; i++) {
            sink += engine.step(inputs[i & 63]);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertTrue(allocated < 2000, allocated + " bytes allocated in 2000 steps");
        assertTrue(sink >= 0);
    }

    // ================================================================ (f) reset

    @Test
    void resetShouldMakeARerunIdentical() {
        for (ExecutionPlan plan : List.of(TestPrograms.denseNet(7, true), TestPrograms.poolNet(7, false),
                StandardNetworks.nmnistConv(7), RandomPrograms.random(7), RandomPrograms.random(8))) {
            Engine engine = new Engine(plan, KERNELS);
            byte[][] inputs = RandomPrograms.inputs(plan, 0.3, 40, 9);
            List<int[]> first = run(engine, inputs);
            long ops = engine.synapticOps();

            engine.reset();
            assertEquals(0, engine.steps());
            assertTrue(Arrays.stream(engine.spikeCounts()).allMatch(c -> c == 0));
            assertTrue(Arrays.stream(engine.firstSpikeSteps()).allMatch(s -> s == -1));
            assertTrue(Arrays.stream(engine.outputMembrane()).allMatch(v -> v == 0));
            List<int[]> second = run(engine, inputs);

            for (int t = 0; t < first.size(); t++) {
                assertArrayEquals(first.get(t), second.get(t), plan.name() + " step " + t);
            }
            assertEquals(2 * ops, engine.synapticOps(), "the rerun does the same work");
        }
    }

    /** Per step: every layer's output and membrane, the counters, concatenated. */
    private static List<int[]> run(Engine engine, byte[][] inputs) {
        List<int[]> trace = new ArrayList<>();
        for (byte[] input : inputs) {
            engine.step(input);
            List<Integer> state = new ArrayList<>();
            for (int i = 0; i < engine.plan().layers().size(); i++) {
                for (byte b : engine.layerOutput(i)) {
                    state.add((int) b);
                }
                if (engine.membrane(i) != null) {
                    for (int v : engine.membrane(i)) {
                        state.add(v);
                    }
                }
            }
            for (int c : engine.spikeCounts()) {
                state.add(c);
            }
            for (int s : engine.firstSpikeSteps()) {
                state.add(s);
            }
            trace.add(state.stream().mapToInt(Integer::intValue).toArray());
        }
        return trace;
    }

    // ================================================================ (g) readouts

    /** 1 input -> 3 IF neurons (ZERO reset), per-neuron thresholds, weights w. */
    private static Engine readoutEngine(ReadoutSpec.Kind kind, byte[] w, int... thresholds) {
        NeuronPopulation.Builder p = NeuronPopulation.newBuilder().setModel(NeuronPopulation.Model.IF).setReset(ZERO);
        for (int t : thresholds) {
            p.addThreshold(t);
        }
        ExecutionPlan plan = TestPrograms.plan(new ProgramBuilder("readout", Shape.vector(1), 1)
                .dense("d", w.length, w, TestPrograms.scales(w.length), p.build())
                .readout(kind));
        return new Engine(plan, KERNELS);
    }

    @Test
    void spikeCountReadoutShouldPickTheMostSpikesWithTiesToTheLowestIndex() {
        Engine engine = readoutEngine(ReadoutSpec.Kind.SPIKE_COUNT, new byte[] {4, 6, 6}, 10, 10, 10);
        assertEquals(-1, engine.predicted(), "no step yet");
        for (int t = 0; t < 4; t++) {
            engine.step(new byte[] {1});
        }
        // neuron 0: 4, 8, 12* -> 0, 4: one spike; neurons 1 and 2: 6, 12* -> 0, 6, 12*: two spikes each
        assertArrayEquals(new int[] {1, 2, 2}, engine.spikeCounts());
        assertEquals(1, engine.predicted(), "tie between 1 and 2 goes to the lower index");
    }

    @Test
    void spikeCountReadoutShouldPredictNothingWithoutSpikes() {
        Engine engine = readoutEngine(ReadoutSpec.Kind.SPIKE_COUNT, new byte[] {4, 6, 6}, 10, 10, 10);
        for (int t = 0; t < 10; t++) {
            engine.step(new byte[] {0});
        }
        assertEquals(-1, engine.predicted());
    }

    @Test
    void firstSpikeReadoutShouldPickTheEarliestSpike() {
        Engine engine = readoutEngine(ReadoutSpec.Kind.FIRST_SPIKE, new byte[] {6, 4, 11}, 10, 10, 30);
        for (int t = 0; t < 8; t++) {
            engine.step(new byte[] {1});
        }
        // neuron 0 fires at steps 1, 3, 5, 7 (6, 12*); neuron 1 at 2, 5 (4, 8, 12*); neuron 2 at 2, 5 (11, 22, 33*)
        assertArrayEquals(new int[] {1, 2, 2}, engine.firstSpikeSteps());
        assertArrayEquals(new int[] {4, 2, 2}, engine.spikeCounts());
        assertEquals(0, engine.predicted());
        engine.reset();
        assertEquals(-1, engine.predicted(), "no spike after reset");
    }

    @Test
    void membraneReadoutShouldPickTheHighestMembraneEvenWithoutSpikes() {
        NeuronPopulation li = NeuronPopulation.newBuilder().setModel(NeuronPopulation.Model.LI)
                .setMembraneLeak(TestPrograms.leak(1, 1)).build();
        ExecutionPlan plan = TestPrograms.plan(new ProgramBuilder("li", Shape.vector(1), 1)
                .dense("d", 4, new byte[] {2, 7, -3, 7}, TestPrograms.scales(4), li)
                .readout(ReadoutSpec.Kind.MEMBRANE));
        Engine engine = new Engine(plan, KERNELS);
        engine.step(new byte[] {1});
        engine.step(new byte[] {1});
        // v = leak 1/2 then + w: 2 -> 1 + 2 = 3; 7 -> round(3.5) = 4, + 7 = 11; -3 -> -2 - 3 = -5; 11
        assertArrayEquals(new int[] {3, 11, -5, 11}, engine.outputMembrane());
        assertEquals(0, Arrays.stream(engine.spikeCounts()).sum(), "LI never spikes");
        assertEquals(1, engine.predicted(), "highest membrane, ties to the lowest index");
    }

    @Test
    void membraneSumReadoutShouldDecideOnTheMembraneSummedOverSteps() throws Exception {
        NeuronPopulation li = NeuronPopulation.newBuilder().setModel(NeuronPopulation.Model.LI)
                .setMembraneLeak(TestPrograms.leak(1, 1)).build();
        ExecutionPlan plan = TestPrograms.plan(new ProgramBuilder("li-sum", Shape.vector(2), 1)
                .dense("d", 2, new byte[] {8, 0, 0, 6}, TestPrograms.scales(2), li)
                .readout(ReadoutSpec.Kind.MEMBRANE_SUM));
        Engine engine = new Engine(plan, KERNELS);
        engine.step(new byte[] {1, 0});
        engine.step(new byte[] {0, 0});
        engine.step(new byte[] {0, 1});
        // neuron 0: 8, 4, 2 (sum 14); neuron 1: 0, 0, 6 (sum 6) -- the final membrane would pick 1
        assertArrayEquals(new int[] {2, 6}, engine.outputMembrane());
        assertArrayEquals(new long[] {14, 6}, engine.outputMembraneSums());
        assertEquals(0, engine.predicted());
        assertEquals(plan.memory().stateBytes() + plan.memory().scratchBytes(), engine.allocatedBytes());
        engine.reset();
        assertArrayEquals(new long[] {0, 0}, engine.outputMembraneSums());
    }

    @Test
    void readoutsShouldBreakTiesAsDocumented() {
        int[] counts = {3, 5, 5, 0};
        int[] first = {2, 1, 1, -1};
        int[] membrane = {-4, 9, 9, 9};
        assertEquals(1, Readouts.predict(ExecutionPlan.ReadoutKind.SPIKE_COUNT, counts, first, membrane));
        assertEquals(1, Readouts.predict(ExecutionPlan.ReadoutKind.MEMBRANE, counts, first, membrane));
        assertEquals(1, Readouts.predict(ExecutionPlan.ReadoutKind.FIRST_SPIKE, counts, first, membrane));
        // first spike ties are broken by the spike count, then by the index
        assertEquals(2, Readouts.predict(ExecutionPlan.ReadoutKind.FIRST_SPIKE,
                new int[] {3, 4, 6, 0}, new int[] {1, 1, 1, -1}, membrane));
        assertEquals(-1, Readouts.predict(ExecutionPlan.ReadoutKind.FIRST_SPIKE,
                new int[4], new int[] {-1, -1, -1, -1}, membrane));
        assertEquals(0, Readouts.predict(ExecutionPlan.ReadoutKind.MEMBRANE, new int[2], new int[] {-1, -1},
                new int[] {-7, -7}), "membrane readout always decides");
    }

    // ================================================================ (h) input handling

    @Test
    void shouldClampInputsToZeroAndMaxCount() {
        // 3 inputs (max count 3), one IF neuron with weights [1, 10, 100] and an unreachable threshold
        ExecutionPlan plan = TestPrograms.plan(new ProgramBuilder("clamp", Shape.vector(3), 3)
                .dense("d", 1, new byte[] {1, 10, 100}, TestPrograms.scales(1),
                        TestPrograms.ifNeurons(ZERO, 0, 1_000_000)));
        for (EngineOptions.Path path : EngineOptions.Path.values()) {
            Engine engine = new Engine(plan, KERNELS, EngineOptions.forced(path));
            engine.step(new byte[] {100, -5, 2});            // clamped to [3, 0, 2]: 3 + 0 + 200
            assertArrayEquals(new int[] {203}, engine.outputMembrane(), path.name());
            engine.step(new byte[] {(byte) 200, 127, -128}); // (byte) 200 = -56 -> 0; 127 -> 3; -128 -> 0
            assertArrayEquals(new int[] {233}, engine.outputMembrane(), path.name());
        }
    }

    @Test
    void shouldNotModifyTheCallersInput() {
        ExecutionPlan plan = TestPrograms.denseNet(1, false);
        Engine engine = new Engine(plan, KERNELS);
        byte[] input = new byte[40];
        Arrays.fill(input, (byte) 100);
        engine.step(input);
        for (byte b : input) {
            assertEquals(100, b);
        }
    }

    @Test
    void shouldRejectAnInputOfTheWrongLength() {
        Engine engine = new Engine(TestPrograms.denseNet(1, false), KERNELS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> engine.step(new byte[39]));
        assertTrue(e.getMessage().contains("39") && e.getMessage().contains("40"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> engine.step(new byte[41]));
        assertEquals(0, engine.steps(), "a rejected input is not a step");
    }

    // ================================================================ (i) synaptic operations

    @Test
    void synapticOpsShouldCountActiveInputsTimesFanOutOfADenseLayer() {
        // 10 inputs -> 7 outputs
        ExecutionPlan plan = TestPrograms.plan(new ProgramBuilder("ops", Shape.vector(10), 3)
                .dense("d", 7, TestPrograms.weights(new SplittableRandom(1), 70), TestPrograms.scales(7),
                        TestPrograms.ifNeurons(ZERO, 0, 1_000_000)));
        for (EngineOptions.Path path : EngineOptions.Path.values()) {
            Engine engine = new Engine(plan, KERNELS, EngineOptions.forced(path));
            engine.step(new byte[] {1, 0, 3, 0, 0, 0, 0, 2, 0, 0});   // 3 active inputs x 7 = 21
            assertEquals(21, engine.synapticOps(), path.name());
            engine.step(new byte[10]);                                 // nothing active
            assertEquals(21, engine.synapticOps(), path.name());
            byte[] all = new byte[10];
            Arrays.fill(all, (byte) 1);
            engine.step(all);                                          // 10 x 7
            assertEquals(91, engine.synapticOps(), path.name());
        }
    }

    @Test
    void synapticOpsShouldCountRecurrentSpikesTimesFanOut() {
        ExecutionPlan plan = TestPrograms.plan(new ProgramBuilder("rec", Shape.vector(1), 1)
                .dense("d", 3, new byte[] {20, 20, 0}, TestPrograms.scales(3), new byte[9],
                        TestPrograms.ifNeurons(ZERO, 0, 10)));
        Engine engine = new Engine(plan, KERNELS);
        engine.step(new byte[] {1});   // 1 input x 3; no spikes yet to recur; neurons 0 and 1 spike
        assertEquals(3, engine.synapticOps());
        engine.step(new byte[] {0});   // 0 inputs; 2 recurrent spikes x 3
        assertEquals(9, engine.synapticOps());
    }

    @Test
    void synapticOpsOfAConvLayerShouldCountEverySynapseAnActiveInputReaches() {
        for (ExecutionPlan plan : List.of(TestPrograms.convNet(1, 1, 1, 1), TestPrograms.convNet(1, 2, 1, 2),
                TestPrograms.convNet(1, 2, 0, 1))) {
            ConvLayer conv = (ConvLayer) plan.layers().get(0);
            Engine engine = new Engine(plan, KERNELS);
            byte[] input = RandomPrograms.inputs(plan, 0.3, 1, 5)[0];
            engine.step(input);
            long expected = convSynapses(conv, input);
            // the second layer's operations depend on the first layer's spikes
            byte[] spikes = engine.layerOutput(0);
            expected += convSynapses((ConvLayer) plan.layers().get(1), spikes);
            assertEquals(expected, engine.synapticOps(), plan.name());
        }
    }

    /** Counted from the output side: every (output element, kernel tap) whose input is active. */
    private static long convSynapses(ConvLayer c, byte[] x) {
        Shape in = c.inputShape();
        Shape out = c.outputShape();
        int cinG = in.channels() / c.groups();
        int coutG = out.channels() / c.groups();
        long n = 0;
        for (int co = 0; co < out.channels(); co++) {
            int g = co / coutG;
            for (int oy = 0; oy < out.height(); oy++) {
                for (int ox = 0; ox < out.width(); ox++) {
                    for (int ci = g * cinG; ci < (g + 1) * cinG; ci++) {
                        for (int ky = 0; ky < c.kernelH(); ky++) {
                            for (int kx = 0; kx < c.kernelW(); kx++) {
                                int iy = oy * c.strideH() - c.padH() + ky;
                                int ix = ox * c.strideW() - c.padW() + kx;
                                if (iy >= 0 && iy < in.height() && ix >= 0 && ix < in.width()
                                        && x[(ci * in.height() + iy) * in.width() + ix] != 0) {
                                    n++;
                                }
                            }
                        }
                    }
                }
            }
        }
        return n;
    }

    @Test
    void synapticOpsShouldNeverExceedTheDenseCost() {
        ExecutionPlan plan = StandardNetworks.nmnistConv(2);
        Engine engine = new Engine(plan, KERNELS);
        byte[] all = new byte[plan.input().shape().size()];
        Arrays.fill(all, (byte) 1);
        engine.step(all);
        assertTrue(engine.synapticOps() <= plan.denseSynapticOpsPerStep());
        assertTrue(engine.synapticOps() > 0);
    }

    // ================================================================ misc

    @Test
    void shouldExposeThePlanKernelsAndLiveOutputs() {
        ExecutionPlan plan = TestPrograms.flattenNet(3);
        Engine engine = new Engine(plan, KERNELS);
        assertEquals(plan, engine.plan());
        assertEquals(KERNELS, engine.kernels());
        assertNull(engine.membrane(1), "flatten has no membrane");
        assertSame(engine.layerOutput(0), engine.layerOutput(1), "flatten shares its input's array, even before a step");
        byte[] input = RandomPrograms.inputs(plan, 0.5, 1, 1)[0];
        engine.step(input);
        assertArrayEquals(engine.layerOutput(0), engine.layerOutput(1), "flatten moves no data");
        assertEquals(engine.outputSpikes(), engine.layerOutput(plan.layers().size() - 1));
    }

    @Test
    void engineOptionsShouldRejectDensitiesOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> new EngineOptions(EngineOptions.Path.AUTO, 16, -0.1, 0.2, 0.5, 0.3));
        assertThrows(IllegalArgumentException.class, () -> new EngineOptions(EngineOptions.Path.AUTO, 16, 0.1, 0.2, 0.5, 1.1));
        assertThrows(IllegalArgumentException.class, () -> new EngineOptions(EngineOptions.Path.AUTO, 16, 0.1, Double.NaN, 0.5, 0.3));
        assertThrows(IllegalArgumentException.class, () -> new EngineOptions(EngineOptions.Path.AUTO, 0, 0.1, 0.2, 0.5, 0.3));
        assertEquals(40, EngineOptions.forced(EngineOptions.Path.SPARSE).convSparseLimit(40));
        assertEquals(-1, EngineOptions.forced(EngineOptions.Path.DENSE).denseSparseLimit(40, 100));
    }

    @Test
    void autoThresholdsShouldDependOnLayerWidthInVectors() {
        EngineOptions auto = new EngineOptions(EngineOptions.Path.AUTO, 16, 0.05, 0.25, 0.5, 0.3);
        assertEquals(5, auto.denseSparseLimit(100, 10), "narrower than one vector");
        assertEquals(25, auto.denseSparseLimit(100, 16), "one to four vectors");
        assertEquals(25, auto.denseSparseLimit(100, 63));
        assertEquals(50, auto.denseSparseLimit(100, 64), "four vectors or more");
        assertEquals(30, auto.convSparseLimit(100));
    }

    @Test
    void defaultsShouldFavourTheSparsePathMoreWithScalarKernels() {
        EngineOptions scalar = EngineOptions.defaultsFor(KERNELS);
        assertEquals(EngineOptions.Path.AUTO, scalar.path());
        assertEquals(100, scalar.denseSparseLimit(100, 512), "scalar dot products never beat a wide sparse path");
        assertTrue(scalar.convSparseLimit(100) < 100, "a dense conv is cheaper than scattering every input");
    }
}
