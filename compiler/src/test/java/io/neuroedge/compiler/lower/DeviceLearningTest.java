package io.neuroedge.compiler.lower;

import io.neuroedge.proto.model.DenseWeights;
import io.neuroedge.proto.model.InputEncoding;
import io.neuroedge.proto.model.ModelLayer;
import io.neuroedge.proto.model.ModelShape;
import io.neuroedge.proto.model.Neurons;
import io.neuroedge.proto.model.TrainedModel;
import io.neuroedge.proto.program.ProgramBody;
import io.neuroedge.runtime.engine.Engine;
import io.neuroedge.runtime.ondevice.DeviceLearner;
import io.neuroedge.runtime.program.ExecutionPlan;
import io.neuroedge.runtime.program.ProgramLoader;
import io.neuroedge.runtime.program.SpikePrograms;
import io.neuroedge.runtime.simd.KernelProviders;
import io.neuroedge.runtime.testing.ImageSubset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On-device STOP on a compiled program: start from a program whose readout was never trained,
 * learn online from a few hundred labelled MNIST samples inside the engine, and compare accuracy
 * on held-out samples before and after. The learner's checks that need no compiled model
 * (allocation, refused programs) are in runtime's DeviceLearnerTest.
 */
class DeviceLearningTest {

    private static final int HIDDEN = 128;
    private static final int T = 12;

    @ParameterizedTest(name = "{0} updates, {1} loss")
    @CsvSource({"ONLINE, PER_STEP", "PER_SAMPLE, PER_STEP", "PER_SAMPLE, ACCUMULATED"})
    void learningInsideTheEngineShouldImproveAPoorlyTrainedProgram(DeviceLearner.Schedule schedule,
                                                                  DeviceLearner.Loss loss) throws Exception {
        ImageSubset train = ImageSubset.load("mnist-10k", "train", 800);
        ImageSubset test = ImageSubset.load("mnist-10k", "test", 300);
        TrainedModel model = untrainedModel(new SplittableRandom(11));
        CompiledProgram compiled = new ModelCompiler().compile(model, "untrained", model.toByteArray(), null, "test");
        ProgramBody body = compiled.body();
        // the learner writes into its plan: give it one of its own
        ExecutionPlan plan = new ProgramLoader().load(SpikePrograms.seal(body).toByteArray());
        Engine engine = new Engine(plan, KernelProviders.get());
        // an untrained readout: the larger from-scratch rates
        DeviceLearner learner = new DeviceLearner(engine, T,
                new DeviceLearner.Options(0.005, 0.002, 1, 1).with(schedule, loss));
        assertEquals(2, learner.learnedLayers().length, "hidden layer and readout learn");

        double before = accuracy(engine, test, 99);
        byte[] input = new byte[784];
        SplittableRandom rnd = new SplittableRandom(5);
        for (int k = 0; k < train.labels().length; k++) {
            engine.reset();
            learner.beginSample();
            for (int t = 0; t < T; t++) {
                encode(train.images()[k], rnd, input);
                engine.step(input);
                learner.afterStep(train.labels()[k]);
            }
            learner.endSample();
        }
        double after = accuracy(engine, test, 99);
        assertEquals(800, learner.samples());
        assertTrue(before < 0.3, "the starting program is poor: " + before);
        System.out.printf("on-device STOP (%s, %s): accuracy %.3f -> %.3f after %d samples, %d learner bytes%n",
                schedule, loss, before, after, learner.samples(), learner.learnerBytes());
        assertTrue(after > 0.65 && after > before + 0.4, "accuracy before " + before + ", after " + after);

        // the exported program verifies and decides exactly like the learned engine
        byte[] exported = SpikePrograms.seal(learner.export(body)).toByteArray();
        Engine reloaded = new Engine(new ProgramLoader().load(exported), KernelProviders.get());
        assertEquals(after, accuracy(reloaded, test, 99));
        assertTrue(learner.learnerBytes() >= 4L * (784 + 10) * HIDDEN, "masters are accounted: " + learner.learnerBytes());
    }

    private static double accuracy(Engine engine, ImageSubset data, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[] input = new byte[784];
        int correct = 0;
        for (int k = 0; k < data.labels().length; k++) {
            engine.reset();
            for (int t = 0; t < T; t++) {
                encode(data.images()[k], rnd, input);
                engine.step(input);
            }
            correct += engine.predicted() == data.labels()[k] ? 1 : 0;
        }
        return correct / (double) data.labels().length;
    }

    /** Bernoulli rate code: each pixel spikes with probability intensity / 255. */
    private static void encode(byte[] image, SplittableRandom rnd, byte[] out) {
        for (int i = 0; i < image.length; i++) {
            out[i] = (byte) (rnd.nextInt(255) < (image[i] & 0xFF) ? 1 : 0);
        }
    }

    /** Random hidden projection (it spikes) and a readout that was never trained. */
    private static TrainedModel untrainedModel(SplittableRandom rnd) {
        DenseWeights.Builder w1 = DenseWeights.newBuilder().setInputs(784).setOutputs(HIDDEN);
        for (int i = 0; i < 784 * HIDDEN; i++) {
            w1.addWeights((float) (gauss(rnd) * 0.12));
        }
        DenseWeights.Builder w2 = DenseWeights.newBuilder().setInputs(HIDDEN).setOutputs(10);
        for (int i = 0; i < HIDDEN * 10; i++) {
            w2.addWeights((float) (gauss(rnd) * 0.01));
        }
        Neurons.Builder hidden = Neurons.newBuilder().setKind(Neurons.Kind.LIF_SOFT_RESET).setAlpha(0.9f);
        for (int j = 0; j < HIDDEN; j++) {
            hidden.addThreshold(1f);
        }
        return TrainedModel.newBuilder().setMagic(ModelCompiler.MAGIC).setFormatVersion(ModelCompiler.FORMAT_VERSION)
                .setArchitecture("784-" + HIDDEN + "-10")
                .setInput(ModelShape.newBuilder().setChannels(784).setHeight(1).setWidth(1))
                .setEncoding(InputEncoding.RATE).setTimeSteps(T)
                .addLayers(ModelLayer.newBuilder().setDense(w1).setNeurons(hidden))
                .addLayers(ModelLayer.newBuilder().setDense(w2)
                        .setNeurons(Neurons.newBuilder().setKind(Neurons.Kind.LEAKY_READOUT).setAlpha(0.9f)))
                .build();
    }

    private static double gauss(SplittableRandom rnd) {
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }
}
