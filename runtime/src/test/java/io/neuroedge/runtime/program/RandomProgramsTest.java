package io.neuroedge.runtime.program;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generator other tests rely on: valid, deterministic, and covering what it promises. */
class RandomProgramsTest {

    private static final int SEEDS = 400;

    @Test
    void shouldProduceTheSameProgramForTheSameSeed() {
        for (long seed = 0; seed < 20; seed++) {
            assertEquals(RandomPrograms.randomBody(seed), RandomPrograms.randomBody(seed));
            assertEquals(RandomPrograms.exactBody(seed), RandomPrograms.exactBody(seed));
            assertEquals(RandomPrograms.random(seed).digest(), RandomPrograms.random(seed).digest());
        }
    }

    @Test
    void shouldProduceDifferentProgramsForDifferentSeeds() {
        Set<String> digests = new TreeSet<>();
        for (long seed = 0; seed < 50; seed++) {
            digests.add(RandomPrograms.random(seed).digest());
        }
        assertEquals(50, digests.size());
    }

    @Test
    void shouldCoverEveryLayerKindNeuronModelAndOption() {
        Set<String> seen = new TreeSet<>();
        EnumSet<NeuronParams.Model> models = EnumSet.noneOf(NeuronParams.Model.class);
        for (long seed = 0; seed < SEEDS; seed++) {
            ExecutionPlan plan = RandomPrograms.random(seed);   // loads, so it is valid
            assertTrue(plan.layers().size() >= 1 && plan.layers().size() <= 4, "1-4 layers");
            seen.add("layers=" + plan.layers().size());
            seen.add("readout=" + plan.readout());
            if (plan.input().events().isPresent()) {
                seen.add("events");
            }
            if (!plan.labels().isEmpty()) {
                seen.add("labels");
            }
            int bound = plan.input().maxCount();
            for (LayerPlan layer : plan.layers()) {
                switch (layer) {
                    case DenseLayer d -> {
                        seen.add(d.isRecurrent() ? "recurrent" : "dense");
                        describe(d.neurons(), d.outputShape(),
                                worst(d.weights(), d.outFeatures(), d.inFeatures(), bound, d.recurrentWeights()),
                                seen, models);
                    }
                    case ConvLayer c -> {
                        seen.add("conv");
                        if (c.groups() > 1) {
                            seen.add("conv groups>1");
                        }
                        if (c.strideH() > 1 || c.strideW() > 1) {
                            seen.add("conv stride>1");
                        }
                        if (c.padH() > 0 || c.padW() > 0) {
                            seen.add("conv padding");
                        }
                        if (c.kernelH() != c.kernelW()) {
                            seen.add("conv non-square kernel");
                        }
                        describe(c.neurons(), c.outputShape(),
                                worst(c.weights(), c.outputShape().channels(), c.kernelVolume(), bound, null),
                                seen, models);
                    }
                    case PoolLayer p -> {
                        seen.add(p.average() ? "average pool" : "sum pool");
                        if (p.padH() > 0 || p.padW() > 0) {
                            seen.add("pool padding");
                        }
                    }
                    case FlattenLayer f -> seen.add("flatten");
                }
                bound = layer.outputBound();
            }
        }
        assertEquals(EnumSet.allOf(NeuronParams.Model.class), models);
        for (String expected : new String[] {"layers=1", "layers=2", "layers=3", "layers=4",
                "readout=SPIKE_COUNT", "readout=MEMBRANE", "readout=FIRST_SPIKE", "events", "labels",
                "dense", "recurrent", "conv", "conv groups>1", "conv stride>1", "conv padding",
                "conv non-square kernel", "sum pool", "average pool", "pool padding", "flatten",
                "reset ZERO", "reset SUBTRACT", "floor", "bias", "bias at the bound",
                "per-neuron threshold", "per-channel threshold", "leak 0", "leak < 1", "leak 1",
                "input shift at the verifier's limit"}) {
            assertTrue(seen.contains(expected), "no program with " + expected + " in " + SEEDS + " seeds: " + seen);
        }
    }

    private static void describe(NeuronParams p, Shape out, long worst, Set<String> seen,
                                 Set<NeuronParams.Model> models) {
        models.add(p.model);
        if (p.spiking()) {
            seen.add(p.resetBySubtraction ? "reset SUBTRACT" : "reset ZERO");
        }
        if (p.hasFloor) {
            seen.add("floor");
        }
        int pixels = out.pixels();
        boolean withinChannel = false;
        boolean acrossChannels = false;
        for (int k = 0; k < p.size(); k++) {
            if (p.bias(k) != 0) {
                seen.add("bias");
            }
            if (Math.abs(p.bias(k)) == NeuronParams.DRIVE_MAX) {
                seen.add("bias at the bound");
            }
            if (k % pixels != 0 && p.threshold(k) != p.threshold(k - 1)) {
                withinChannel = true;
            }
            if (k >= pixels && p.threshold(k) != p.threshold(k - pixels)) {
                acrossChannels = true;
            }
        }
        if (withinChannel) {
            seen.add("per-neuron threshold");
        } else if (acrossChannels && pixels > 1) {
            seen.add("per-channel threshold");
        }
        if (p.model != NeuronParams.Model.IF) {
            int one = 1 << p.membraneLeakShift;
            seen.add(p.membraneLeakMultiplier == 0 ? "leak 0"
                    : p.membraneLeakMultiplier == one ? "leak 1" : "leak < 1");
        }
        // the verifier admits worst << shift <= 2^30-1: at its limit one more bit of shift would not fit
        if (worst > 0 && (worst << p.inputShift) <= NeuronParams.STATE_MAX
                && (worst << (p.inputShift + 1)) > NeuronParams.STATE_MAX) {
            seen.add("input shift at the verifier's limit");
        }
    }

    /** Largest worst-case synaptic sum of a layer's outputs, computed as the verifier does. */
    private static long worst(byte[] w, int rows, int cols, int inputBound, byte[] recurrent) {
        long max = 0;
        for (int r = 0; r < rows; r++) {
            long sum = 0;
            for (int c = 0; c < cols; c++) {
                sum += Math.abs(w[r * cols + c]);
            }
            sum *= inputBound;
            if (recurrent != null) {
                for (int c = 0; c < rows; c++) {
                    sum += Math.abs(recurrent[r * rows + c]);
                }
            }
            max = Math.max(max, sum);
        }
        return max;
    }

    @Test
    void shouldKeepExactProgramsInsideTheirDocumentedDriveBound() {
        for (long seed = 0; seed < SEEDS; seed++) {
            ExecutionPlan plan = RandomPrograms.exact(seed);
            int bound = plan.input().maxCount();
            for (LayerPlan layer : plan.layers()) {
                NeuronParams p = null;
                long worst = 0;
                if (layer instanceof DenseLayer d) {
                    p = d.neurons();
                    worst = worst(d.weights(), d.outFeatures(), d.inFeatures(), bound, d.recurrentWeights());
                } else if (layer instanceof ConvLayer c) {
                    p = c.neurons();
                    worst = worst(c.weights(), c.outputShape().channels(), c.kernelVolume(), bound, null);
                }
                bound = layer.outputBound();
                if (p == null) {
                    continue;
                }
                assertTrue((worst << p.inputShift) <= RandomPrograms.EXACT_DRIVE, "drive bound in " + plan.name());
                assertTrue(p.model == NeuronParams.Model.IF
                                || p.membraneLeakMultiplier == 1 << p.membraneLeakShift,
                        "membrane leak must be exact in " + plan.name());
                assertTrue(p.model != NeuronParams.Model.CUBA_LIF
                                || p.currentLeakMultiplier == 1 << p.currentLeakShift,
                        "current leak must be exact in " + plan.name());
                for (int k = 0; k < p.size(); k++) {
                    assertTrue(Math.abs(p.bias(k)) <= RandomPrograms.EXACT_DRIVE, "bias bound in " + plan.name());
                }
            }
        }
    }
}
