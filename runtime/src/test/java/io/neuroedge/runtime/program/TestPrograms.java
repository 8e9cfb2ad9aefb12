package io.neuroedge.runtime.program;

import io.neuroedge.proto.program.FixedPoint;
import io.neuroedge.proto.program.NeuronPopulation;
import io.neuroedge.proto.program.ProgramBody;
import io.neuroedge.proto.program.ReadoutSpec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Small, named programs and building blocks shared by the runtime tests. Everything is seeded and
 * deterministic. For random programs of every layer kind see {@link RandomPrograms}.
 */
public final class TestPrograms {

    private TestPrograms() {
    }

    /** Random int8 weights in -127..127 (never -128). */
    public static byte[] weights(SplittableRandom rnd, int n) {
        byte[] w = new byte[n];
        for (int i = 0; i < n; i++) {
            w[i] = (byte) (rnd.nextInt(255) - 127);
        }
        return w;
    }

    /** {@code n} weight scales of 1/127. */
    public static float[] scales(int n) {
        float[] s = new float[n];
        Arrays.fill(s, 1f / 127);
        return s;
    }

    public static FixedPoint leak(int multiplier, int shift) {
        return FixedPoint.newBuilder().setMultiplier(multiplier).setShift(shift).build();
    }

    /** IF neurons with one threshold for the layer. */
    public static NeuronPopulation ifNeurons(NeuronPopulation.Reset reset, int inputShift, int threshold) {
        return ProgramBuilder.neurons(NeuronPopulation.Model.IF, reset, inputShift, threshold).build();
    }

    /** LIF neurons with one threshold and membrane leak {@code multiplier / 2^shift}. */
    public static NeuronPopulation lifNeurons(NeuronPopulation.Reset reset, int inputShift, int threshold,
                                              int multiplier, int shift) {
        return ProgramBuilder.neurons(NeuronPopulation.Model.LIF, reset, inputShift, threshold)
                .setMembraneLeak(leak(multiplier, shift)).build();
    }

    /** Builds, seals and loads, turning a (test-authoring) verifier error into an assertion error. */
    public static ExecutionPlan plan(ProgramBuilder builder) {
        try {
            return builder.buildPlan();
        } catch (InvalidProgramException e) {
            throw new AssertionError("test program is invalid: " + e.getMessage(), e);
        }
    }

    /** Seals and loads a body with the default limits. */
    public static ExecutionPlan load(ProgramBody body) {
        try {
            return new ProgramLoader().load(SpikePrograms.seal(body).toByteArray());
        } catch (InvalidProgramException e) {
            throw new AssertionError("test program is invalid: " + e.getMessage(), e);
        }
    }

    /**
     * A valid program touching most of the format, used as the starting point of the loader's
     * rejection tests. Layers:
     * <ol start="0">
     *   <li>conv "conv": 2x6x6 -> 4x6x6, kernel 3, stride 1, padding 1, groups 2, LIF (leak 15/16, shift 4)</li>
     *   <li>pool "pool": sum 2x2 stride 2 -> 4x3x3</li>
     *   <li>flatten "flat" -> 36x1x1</li>
     *   <li>dense "fc": 36 -> 5, recurrent, CUBA_LIF (leaks 7/8 and 3/4), per-neuron thresholds, bias, floor</li>
     * </ol>
     * Input: max_count 3, DVS events of a 20x16 sensor cropped at (2,3), downsampled by 2.
     * Readout: spike count with five labels.
     */
    public static ProgramBody validBody() {
        SplittableRandom rnd = new SplittableRandom(42);
        NeuronPopulation cuba = NeuronPopulation.newBuilder()
                .setModel(NeuronPopulation.Model.CUBA_LIF).setReset(NeuronPopulation.Reset.SUBTRACT)
                .setInputShift(3)
                .addThreshold(900).addThreshold(1000).addThreshold(1100).addThreshold(1200).addThreshold(1300)
                .setMembraneLeak(leak(7, 3)).setCurrentLeak(leak(3, 2))
                .addBias(-5)
                .addFloor(-4000)
                .build();
        ProgramBuilder b = new ProgramBuilder("valid", new Shape(2, 6, 6), 3)
                .events(20, 16, 0, 1, 2, 3, 1, 1000)
                .header("neuroedge compile --tests", SpikePrograms.sha256("model".getBytes(StandardCharsets.UTF_8)))
                .conv2d("conv", 4, 3, 1, 1, 2, weights(rnd, 4 * 9), scales(4),
                        lifNeurons(NeuronPopulation.Reset.ZERO, 4, 200, 15, 4))
                .pool("pool", false, 2, 2, 0)
                .flatten("flat")
                .dense("fc", 5, weights(rnd, 5 * 36), scales(5), weights(rnd, 25), cuba)
                .readout(ReadoutSpec.Kind.SPIKE_COUNT, "a", "b", "c", "d", "e");
        try {
            return b.build();
        } catch (InvalidProgramException e) {
            throw new AssertionError(e);
        }
    }

    /** Index of the conv, pool, flatten and dense layers of {@link #validBody()}. */
    public static final int VALID_CONV = 0;
    public static final int VALID_POOL = 1;
    public static final int VALID_FLATTEN = 2;
    public static final int VALID_DENSE = 3;

    /**
     * Dense network: 40 inputs (max count 2) -> dense 16 LIF (optionally recurrent) -> dense 5 IF.
     */
    public static ExecutionPlan denseNet(long seed, boolean recurrent) {
        SplittableRandom rnd = new SplittableRandom(seed);
        return plan(new ProgramBuilder(recurrent ? "recurrent-dense" : "dense", Shape.vector(40), 2)
                .dense("hidden", 16, weights(rnd, 16 * 40), scales(16), recurrent ? weights(rnd, 16 * 16) : null,
                        lifNeurons(NeuronPopulation.Reset.SUBTRACT, 2, 600, 29, 5))
                .dense("out", 5, weights(rnd, 5 * 16), scales(5),
                        ifNeurons(NeuronPopulation.Reset.ZERO, 0, 150)));
    }

    /**
     * Convolution: 2x9x9 input (max count 3) -> conv 4 channels, kernel 3 with the given stride,
     * padding and groups, IF -> conv 2 channels kernel 2 stride 1, LIF.
     */
    public static ExecutionPlan convNet(long seed, int stride, int padding, int groups) {
        SplittableRandom rnd = new SplittableRandom(seed);
        return plan(new ProgramBuilder("conv-s" + stride + "-p" + padding + "-g" + groups, new Shape(2, 9, 9), 3)
                .conv2d("conv1", 4, 3, stride, padding, groups, weights(rnd, 4 * (2 / groups) * 9), scales(4),
                        ifNeurons(NeuronPopulation.Reset.SUBTRACT, 1, 500))
                .conv2d("conv2", 2, 2, 1, 0, 1, weights(rnd, 2 * 4 * 4), scales(2),
                        lifNeurons(NeuronPopulation.Reset.ZERO, 3, 700, 7, 3)));
    }

    /**
     * Pooling: 3x8x8 input (max count 2) -> pool 2x2 stride 2 (sum or average) -> conv 4 kernel 3
     * padding 1, IF -> pool 3x3 stride 1 padding 1 -> flatten -> dense 6 IF.
     */
    public static ExecutionPlan poolNet(long seed, boolean average) {
        SplittableRandom rnd = new SplittableRandom(seed);
        return plan(new ProgramBuilder(average ? "avg-pool" : "sum-pool", new Shape(3, 8, 8), 2)
                .pool("pool1", average, 2, 2, 0)
                .conv2d("conv", 4, 3, 1, 1, 1, weights(rnd, 4 * 3 * 9), scales(4),
                        ifNeurons(NeuronPopulation.Reset.SUBTRACT, 0, 400))
                .pool("pool2", average, 3, 1, 1)
                .flatten("flat")
                .dense("out", 6, weights(rnd, 6 * 64), scales(6), ifNeurons(NeuronPopulation.Reset.ZERO, 0, 200)));
    }

    /** Flatten between a conv and a dense layer: 1x6x6 -> conv 3 k3 s1 p0 IF -> flatten -> dense 4 LIF. */
    public static ExecutionPlan flattenNet(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        return plan(new ProgramBuilder("flatten", new Shape(1, 6, 6), 1)
                .conv2d("conv", 3, 3, 1, 0, 1, weights(rnd, 3 * 9), scales(3),
                        ifNeurons(NeuronPopulation.Reset.SUBTRACT, 0, 100))
                .flatten("flat")
                .dense("out", 4, weights(rnd, 4 * 48), scales(4),
                        lifNeurons(NeuronPopulation.Reset.SUBTRACT, 4, 1500, 14, 4)));
    }
}
