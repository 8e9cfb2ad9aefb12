package io.neuroedge.runtime.bench;

import io.neuroedge.proto.program.FixedPoint;
import io.neuroedge.proto.program.NeuronPopulation;
import io.neuroedge.proto.program.ProgramBody;
import io.neuroedge.runtime.program.ExecutionPlan;
import io.neuroedge.runtime.program.InvalidProgramException;
import io.neuroedge.runtime.program.ProgramBuilder;
import io.neuroedge.runtime.program.ProgramLoader;
import io.neuroedge.runtime.program.SpikePrograms;
import io.neuroedge.runtime.program.Shape;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The networks {@code neuroedge bench runtime} and the JMH benchmarks measure, with seeded random
 * int8 weights: the cost of a step depends on shapes and input density, not on trained values.
 * Thresholds are set so hidden layers fire at a realistic rate.
 */
public final class StandardNetworks {

    private StandardNetworks() {
    }

    /** Dense 784-512-10 of LIF neurons, MNIST-shaped. */
    public static ExecutionPlan dense784(long seed) {
        return load(dense784Body(seed));
    }

    /** The program body of {@link #dense784}, e.g. to write it to a file. */
    public static ProgramBody dense784Body(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        try {
            return new ProgramBuilder("dense-784-512-10", Shape.vector(784), 1)
                    .dense("fc1", 512, weights(rnd, 512 * 784), scales(512), lif(8, 40 << 8).build())
                    .dense("fc2", 10, weights(rnd, 10 * 512), scales(10), lif(8, 40 << 8).build())
                    .build();
        } catch (InvalidProgramException e) {
            throw new IllegalStateException("standard network is invalid: " + e.getMessage(), e);
        }
    }

    private static ExecutionPlan load(ProgramBody body) {
        try {
            return new ProgramLoader().load(SpikePrograms.seal(body).toByteArray());
        } catch (InvalidProgramException e) {
            throw new IllegalStateException("standard network is invalid: " + e.getMessage(), e);
        }
    }

    /**
     * A conv net shaped like the N-MNIST CNN of the NIR paper: 2x34x34 input, conv 16 k5 s2 p1, conv 16 k3
     * p1, sum-pool 2, conv 8 k3 p1, sum-pool 2, flatten, dense 256, dense 10; IF neurons.
     */
    public static ExecutionPlan nmnistConv(long seed) {
        return load(nmnistConvBody(seed));
    }

    /** The program body of {@link #nmnistConv}, e.g. to write it to a file. */
    public static ProgramBody nmnistConvBody(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        try {
            ProgramBuilder b = new ProgramBuilder("conv-nmnist", new Shape(2, 34, 34), 4)
                    .events(34, 34, 0, 1, 0, 0, 0, 1000);
            b.conv2d("conv1", 16, 5, 2, 1, 1, weights(rnd, 16 * 2 * 25), scales(16), ifNeurons(60).build());
            b.conv2d("conv2", 16, 3, 1, 1, 1, weights(rnd, 16 * 16 * 9), scales(16), ifNeurons(60).build());
            b.pool("pool1", false, 2, 2, 0);
            b.conv2d("conv3", 8, 3, 1, 1, 1, weights(rnd, 8 * 16 * 9), scales(8), ifNeurons(60).build());
            b.pool("pool2", false, 2, 2, 0);
            b.flatten("flatten");
            b.dense("fc1", 256, weights(rnd, 256 * 128), scales(256), ifNeurons(60).build());
            b.dense("fc2", 10, weights(rnd, 10 * 256), scales(10), ifNeurons(60).build());
            return b.build();
        } catch (InvalidProgramException e) {
            throw new IllegalStateException("standard network is invalid: " + e.getMessage(), e);
        }
    }

    /** Random input counts in {0, 1} with the given density (fraction of active elements). */
    public static byte[][] inputs(int size, double density, int steps, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[][] frames = new byte[steps][size];
        for (byte[] f : frames) {
            for (int i = 0; i < size; i++) {
                f[i] = (byte) (rnd.nextDouble() < density ? 1 : 0);
            }
        }
        return frames;
    }

    private static byte[] weights(SplittableRandom rnd, int n) {
        byte[] w = new byte[n];
        for (int i = 0; i < n; i++) {
            w[i] = (byte) (rnd.nextInt(255) - 127);
        }
        return w;
    }

    private static float[] scales(int n) {
        float[] s = new float[n];
        Arrays.fill(s, 1f / 127);
        return s;
    }

    private static NeuronPopulation.Builder lif(int shift, int threshold) {
        return ProgramBuilder.neurons(NeuronPopulation.Model.LIF, NeuronPopulation.Reset.SUBTRACT, shift, threshold)
                .setMembraneLeak(FixedPoint.newBuilder().setMultiplier(31130).setShift(15));
    }

    private static NeuronPopulation.Builder ifNeurons(int threshold) {
        return ProgramBuilder.neurons(NeuronPopulation.Model.IF, NeuronPopulation.Reset.SUBTRACT, 0, threshold);
    }
}
