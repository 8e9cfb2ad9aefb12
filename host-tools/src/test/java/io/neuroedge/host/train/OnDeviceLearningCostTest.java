package io.neuroedge.host.train;

import io.neuroedge.compiler.lower.ModelCompiler;
import io.neuroedge.runtime.testing.SharedTestData;
import io.neuroedge.runtime.data.IdxDataset;
import io.neuroedge.runtime.data.IdxReader;
import io.neuroedge.host.eval.ImageRunner;
import io.neuroedge.proto.model.InputEncoding;
import io.neuroedge.proto.model.TrainedModel;
import io.neuroedge.proto.model.TrainingInfo;
import io.neuroedge.runtime.engine.Engine;
import io.neuroedge.runtime.input.ImageSpikeEncoder;
import io.neuroedge.runtime.learn.Algorithm;
import io.neuroedge.runtime.learn.FloatNetwork;
import io.neuroedge.runtime.learn.Gradients;
import io.neuroedge.runtime.learn.Learner;
import io.neuroedge.runtime.learn.SampleSource;
import io.neuroedge.runtime.learn.Surrogate;
import io.neuroedge.runtime.learn.Trainer;
import io.neuroedge.runtime.ondevice.DeviceLearner;
import io.neuroedge.runtime.program.ExecutionPlan;
import io.neuroedge.runtime.program.ProgramLoader;
import io.neuroedge.runtime.program.SpikePrograms;
import io.neuroedge.runtime.simd.KernelProviders;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The accuracy cost of learning in fixed point on the device: the same STOP-W rule, learning rate,
 * samples and order, applied once in float on the host (then compiled) and once inside the engine on
 * the compiled program's integers (DeviceLearner, per-sample updates, thresholds fixed). Both start
 * from the same briefly trained model; both are evaluated as compiled programs on held-out images.
 */
class OnDeviceLearningCostTest {

    private static final int T = 8;
    private static final double LR = 0.002;

    @Test
    void learningOnTheDeviceShouldCostLittleAgainstTheSameRuleInFloat() throws Exception {
        Path dir = SharedTestData.resolve("data/mnist-10k");
        IdxDataset train = IdxReader.readDataset(dir.resolve("train-images-idx3-ubyte.gz"),
                dir.resolve("train-labels-idx1-ubyte.gz"));
        IdxDataset test = IdxReader.readDataset(dir.resolve("test-images-idx3-ubyte.gz"),
                dir.resolve("test-labels-idx1-ubyte.gz"));
        byte[][] images = new byte[2500][];
        int[] labels = new int[2500];
        for (int k = 0; k < images.length; k++) {
            images[k] = train.images().image(k);
            labels[k] = train.label(k);
        }
        byte[][] held = new byte[600][];
        int[] heldLabels = new int[600];
        for (int k = 0; k < held.length; k++) {
            held[k] = test.images().image(k);
            heldLabels[k] = test.label(k);
        }
        // a briefly trained starting point: 500 samples, one epoch
        FloatNetwork base = FloatNetwork.initialize("784-64-10", 3);
        try (Trainer trainer = new Trainer(base, Trainer.Options.defaults(Algorithm.STOP_W, T).withThreads(2)
                .withSeed(3))) {
            trainer.trainEpoch(SampleSource.rate(java.util.Arrays.copyOf(images, 500),
                    java.util.Arrays.copyOf(labels, 500), 3), p -> { });
        }
        byte[] baseProgram = compile(base);
        double start = accuracy(load(baseProgram), held, heldLabels);

        // float: plain SGD with the per-sample STOP-W gradient on samples 500..2499
        FloatNetwork net = base.copy();
        SampleSource tune = SampleSource.rate(images, labels, 5);
        Learner learner = Learner.create(net, Algorithm.STOP_W, T, Surrogate.EXP);
        Gradients g = new Gradients(net);
        List<FloatNetwork.Tensor> tensors = net.tensors();
        for (int k = 500; k < images.length; k++) {
            g.zero();
            learner.learn(tune, k, 0, g, 1f / T);
            for (int i = 0; i < tensors.size(); i++) {
                if (tensors.get(i).kind() == FloatNetwork.Kind.WEIGHTS) {
                    float[] w = tensors.get(i).data();
                    float[] d = g.tensor(i);
                    for (int j = 0; j < w.length; j++) {
                        w[j] -= (float) (LR * d[j]);
                    }
                }
            }
        }
        double floatLearned = accuracy(load(compile(net)), held, heldLabels);

        // fixed point: the same rule inside the engine on the compiled starting program
        ExecutionPlan plan = load(baseProgram);
        Engine engine = new Engine(plan, KernelProviders.get());
        DeviceLearner device = new DeviceLearner(engine, T, new DeviceLearner.Options(LR, 0, 1, 1)
                .with(DeviceLearner.Schedule.PER_SAMPLE, DeviceLearner.Loss.PER_STEP));
        byte[] input = new byte[784];
        SplittableRandom rnd = new SplittableRandom(5);
        for (int k = 500; k < images.length; k++) {
            engine.reset();
            device.beginSample();
            for (int t = 0; t < T; t++) {
                for (int p = 0; p < 784; p++) {
                    input[p] = (byte) (rnd.nextInt(255) < (images[k][p] & 0xFF) ? 1 : 0);
                }
                engine.step(input);
                device.afterStep(labels[k]);
            }
            device.endSample();
        }
        double deviceLearned = accuracy(plan, held, heldLabels);
        System.out.printf("start %.3f; after 2000 samples: float STOP-W then compiled %.3f, on-device fixed point %.3f%n",
                start, floatLearned, deviceLearned);
        assertTrue(floatLearned > start + 0.03, "the float rule learns: " + start + " -> " + floatLearned);
        assertTrue(deviceLearned > start + 0.03, "the device learns: " + start + " -> " + deviceLearned);
        assertTrue(Math.abs(deviceLearned - floatLearned) < 0.04,
                "fixed point " + deviceLearned + " vs float " + floatLearned);
    }

    private static byte[] compile(FloatNetwork net) {
        TrainedModel m = net.toModel(InputEncoding.RATE, T, TrainingInfo.getDefaultInstance(), List.of());
        return SpikePrograms.seal(new ModelCompiler().compile(m, "cost", m.toByteArray(), null, "test").body())
                .toByteArray();
    }

    private static ExecutionPlan load(byte[] program) throws Exception {
        return new ProgramLoader().load(program);
    }

    private static double accuracy(ExecutionPlan plan, byte[][] images, int[] labels) throws Exception {
        ImageRunner.Outcome[] out = new ImageRunner(plan, KernelProviders.get(), ImageSpikeEncoder.rate(9), T,
                false, 2).run(images);
        int correct = 0;
        for (int k = 0; k < out.length; k++) {
            correct += out[k].predicted() == labels[k] ? 1 : 0;
        }
        return correct / (double) out.length;
    }
}
