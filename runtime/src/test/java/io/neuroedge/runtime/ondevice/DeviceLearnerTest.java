package io.neuroedge.runtime.ondevice;

import io.neuroedge.proto.program.NeuronPopulation;
import io.neuroedge.proto.program.ReadoutSpec;
import io.neuroedge.runtime.engine.Engine;
import io.neuroedge.runtime.program.ExecutionPlan;
import io.neuroedge.runtime.program.ProgramBuilder;
import io.neuroedge.runtime.program.Shape;
import io.neuroedge.runtime.program.TestPrograms;
import io.neuroedge.runtime.simd.KernelProviders;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The on-device learner on programs built with the runtime's own {@link ProgramBuilder}: what it
 * refuses and that a learning step allocates nothing. Learning a compiled model to an accuracy
 * stays in the compiler's DeviceLearningTest (it needs the model compiler).
 */
class DeviceLearnerTest {

    private static final int HIDDEN = 128;
    private static final int T = 12;

    @Test
    void learningStepsShouldNotAllocate() throws Exception {
        Engine engine = new Engine(denseLifWithLiReadout(new SplittableRandom(2)), KernelProviders.get());
        DeviceLearner learner = new DeviceLearner(engine, T, DeviceLearner.Options.defaults());
        assertEquals(2, learner.learnedLayers().length, "hidden layer and readout learn");
        byte[] input = new byte[784];
        SplittableRandom rnd = new SplittableRandom(1);
        byte[] image = new byte[784];
        for (int i = 0; i < image.length; i++) {
            image[i] = (byte) rnd.nextInt(256);
        }
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocated = -1;
        // the Vector API allocates until C2 has compiled the kernels: warm up, then expect zero
        for (int round = 0; round < 12 && allocated != 0; round++) {
            long start = bean.getCurrentThreadAllocatedBytes();
            for (int k = 0; k < 50; k++) {
                engine.reset();
                learner.beginSample();
                for (int t = 0; t < T; t++) {
                    encode(image, rnd, input);
                    engine.step(input);
                    learner.afterStep(k % 10);
                }
                learner.endSample();
            }
            allocated = bean.getCurrentThreadAllocatedBytes() - start;
        }
        assertEquals(0, allocated, "bytes allocated by 50 learned samples after warm-up");
    }

    @Test
    void programsWithoutADenseReadoutShouldBeRefused() throws Exception {
        ExecutionPlan spiking = io.neuroedge.runtime.bench.StandardNetworks.dense784(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DeviceLearner(new Engine(spiking, KernelProviders.scalar()), 8, DeviceLearner.Options.defaults()));
        assertTrue(e.getMessage().contains("LI readout"), e.getMessage());
    }

    /** 784 → 128 LIF (subtractive reset) → 10 LI readout, random int8 weights: the shape STOP learns. */
    private static ExecutionPlan denseLifWithLiReadout(SplittableRandom rnd) throws Exception {
        NeuronPopulation hidden = TestPrograms.lifNeurons(NeuronPopulation.Reset.SUBTRACT, 4, 127 * 16 * 8,
                29491, 15);
        NeuronPopulation readout = ProgramBuilder.neurons(NeuronPopulation.Model.LI, NeuronPopulation.Reset.ZERO, 4, 1)
                .setMembraneLeak(TestPrograms.leak(29491, 15)).build();
        return new ProgramBuilder("learn", Shape.vector(784), 1)
                .dense("hidden", HIDDEN, TestPrograms.weights(rnd, 784 * HIDDEN), TestPrograms.scales(HIDDEN), hidden)
                .dense("readout", 10, TestPrograms.weights(rnd, HIDDEN * 10), TestPrograms.scales(10), readout)
                .readout(ReadoutSpec.Kind.MEMBRANE_SUM)
                .buildPlan();
    }

    /** Bernoulli rate code: each pixel spikes with probability intensity / 255. */
    private static void encode(byte[] image, SplittableRandom rnd, byte[] out) {
        for (int i = 0; i < image.length; i++) {
            out[i] = (byte) (rnd.nextInt(255) < (image[i] & 0xFF) ? 1 : 0);
        }
    }
}
