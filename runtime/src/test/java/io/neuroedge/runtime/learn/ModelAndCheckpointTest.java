package io.neuroedge.runtime.learn;

import com.google.protobuf.ByteString;
import io.neuroedge.proto.model.InputEncoding;
import io.neuroedge.proto.model.Neurons;
import io.neuroedge.proto.model.TrainedModel;
import io.neuroedge.proto.model.TrainingCheckpoint;
import io.neuroedge.proto.model.TrainingInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelAndCheckpointTest {

    private static final TrainingInfo INFO = TrainingInfo.newBuilder().setAlgorithm("stop-wtl").setDataset("synthetic")
            .setEpochs(1).setSeed(7).setTestAccuracy(Double.NaN).setCreatedBy("test").build();

    @Test
    void modelRoundTripKeepsEveryParameterAndLayout() throws Exception {
        for (String spec : new String[] {"784-400-10", "2x12x12-c4k3s1p1-p2-c6k3s2-20-5"}) {
            FloatNetwork net = FloatNetwork.initialize(spec, 5);
            net.thresholds(0)[1] = 0.75f;
            net.setAlpha(net.layerCount() - 1, 0.5f);
            TrainedModel m = net.toModel(InputEncoding.RATE, 16, INFO, List.of());
            TrainedModel back = TrainedModel.parseFrom(m.toByteArray());
            FloatNetwork copy = FloatNetwork.fromModel(back);
            assertTrue(net.sameParameters(copy), spec);
            assertEquals(0x4E454D31, back.getMagic());
            assertEquals(spec, back.getArchitecture());
            assertEquals(16, back.getTimeSteps());
            assertEquals(Neurons.Kind.LEAKY_READOUT, back.getLayers(back.getLayersCount() - 1).getNeurons().getKind());
            assertEquals(0, back.getLayers(back.getLayersCount() - 1).getNeurons().getThresholdCount());
        }
        // dense weights are row-major [out][in] in the file
        FloatNetwork n = FloatNetwork.initialize("3-2", 1);
        n.setWeights(0, new float[] {1, 2, 3, 4, 5, 6});
        TrainedModel m = n.toModel(InputEncoding.DIRECT, 4, null, null);
        assertEquals(List.of(1f, 2f, 3f, 4f, 5f, 6f), m.getLayers(0).getDense().getWeightsList());
        Gradients g = new Gradients(n);
        assertEquals(6, g.tensor(0).length);
        // prediction identical after the round trip
        FloatNetwork a = FloatNetwork.initialize("16-8-3", 2);
        FloatNetwork b = FloatNetwork.fromModel(a.toModel(InputEncoding.DIRECT, 5, null, null));
        byte[][] images = new byte[20][16];
        new Random(1).nextBytes(images[0]);
        for (int i = 1; i < images.length; i++) {
            new Random(i).nextBytes(images[i]);
        }
        SampleSource src = SampleSource.direct(images, new int[20]);
        Learner la = Learner.create(a, Algorithm.STOP_W, 5, Surrogate.EXP);
        Learner lb = Learner.create(b, Algorithm.STOP_W, 5, Surrogate.EXP);
        for (int i = 0; i < images.length; i++) {
            assertEquals(la.predict(src, i, -1), lb.predict(src, i, -1));
        }
    }

    @Test
    void fromModelRejectsInconsistentModels() {
        TrainedModel good = FloatNetwork.initialize("4-3-2", 1).toModel(InputEncoding.RATE, 8, null, null);
        assertRejects(good.toBuilder().setMagic(1).build(), "magic");
        assertRejects(good.toBuilder().setFormatVersion(2).build(), "version");
        assertRejects(good.toBuilder().setArchitecture("4-5-2").build(), "dense 4->5");
        assertRejects(good.toBuilder().setArchitecture("4-2").build(), "layers");
        assertRejects(good.toBuilder().setLayers(0, good.getLayers(0).toBuilder()
                .setDense(good.getLayers(0).getDense().toBuilder().addWeights(0f))).build(), "weights");
        assertRejects(good.toBuilder().setLayers(0, good.getLayers(0).toBuilder()
                .setNeurons(good.getLayers(0).getNeurons().toBuilder().setThreshold(0, -1f))).build(), "threshold");
        assertRejects(good.toBuilder().setLayers(1, good.getLayers(1).toBuilder()
                .setNeurons(good.getLayers(1).getNeurons().toBuilder().setAlpha(1.5f))).build(), "alpha");
        assertRejects(good.toBuilder().setLayers(1, good.getLayers(1).toBuilder()
                .setNeurons(good.getLayers(1).getNeurons().toBuilder().setKind(Neurons.Kind.LIF_SOFT_RESET))).build(), "kind");
    }

    private static void assertRejects(TrainedModel m, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FloatNetwork.fromModel(m));
        assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }

    private static SampleSource synthetic(int n, long seed) {
        Random r = new Random(seed);
        byte[][] im = new byte[n][36];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(3);
            for (int p = 0; p < 36; p++) {
                // class-dependent bright band plus noise
                int base = p / 12 == labels[i] ? 200 : 20;
                im[i][p] = (byte) Math.min(255, base + r.nextInt(50));
            }
        }
        return SampleSource.rate(im, labels, seed);
    }

    @Test
    void checkpointResumeIsBitIdenticalToUninterruptedTraining() throws Exception {
        SampleSource train = synthetic(150, 3);
        for (Algorithm algo : Algorithm.values()) {
            Trainer.Options o = Trainer.Options.defaults(algo, 4).withThreads(1).withBatchSize(32).withSeed(9).withLearningRate(5e-3f);
            FloatNetwork straight;
            try (Trainer t = new Trainer(FloatNetwork.initialize("36-12-3", 4), o)) {
                t.trainEpoch(train, null);
                t.trainEpoch(train, null);
                straight = t.network();
            }
            byte[] saved;
            try (Trainer t = new Trainer(FloatNetwork.initialize("36-12-3", 4), o)) {
                t.trainEpoch(train, null);
                saved = t.checkpoint(InputEncoding.RATE, INFO, List.of("a", "b", "c")).toByteArray();
            }
            TrainingCheckpoint cp = TrainingCheckpoint.parseFrom(saved);
            assertEquals(1, cp.getEpochsDone());
            assertEquals(5, cp.getOptimizerSteps());
            try (Trainer t = Trainer.resume(cp, o)) {
                assertEquals(1, t.epochsDone());
                t.trainEpoch(train, null);
                assertTrue(straight.sameParameters(t.network()), algo + ": resumed training diverged");
                assertFalse(FloatNetwork.initialize("36-12-3", 4).sameParameters(t.network()));
            }
            assertThrows(IllegalArgumentException.class, () -> Trainer.resume(cp, o.withLearningRate(1e-2f)));
            assertThrows(IllegalArgumentException.class,
                    () -> Trainer.resume(cp.toBuilder().setOptions(ByteString.copyFromUtf8("x")).build(), o));
        }
    }

    @Test
    void onlineBatchesReduceTheLossOfWhatTheyLearn() {
        SampleSource train = synthetic(8, 8);
        int[] batch = {0, 1, 2, 3};
        try (Trainer t = new Trainer(FloatNetwork.initialize("36-12-3", 4),
                Trainer.Options.defaults(Algorithm.STOP_WTL, 4).withThreads(2).withLearningRate(1e-2f))) {
            double first = t.trainBatch(train, batch, 0);
            double last = first;
            for (int i = 0; i < 20; i++) {
                last = t.trainBatch(train, batch, 0);
            }
            assertTrue(last < 0.5 * first, "loss " + first + " -> " + last);
            assertEquals(21, t.optimizerSteps());
            assertEquals(0, t.epochsDone());
        }
    }

    @Test
    void stopWLeavesThresholdsAndLeaksAlone() {
        SampleSource train = synthetic(64, 5);
        try (Trainer t = new Trainer(FloatNetwork.initialize("36-12-3", 4),
                Trainer.Options.defaults(Algorithm.STOP_W, 4).withThreads(2).withBatchSize(16))) {
            t.trainEpoch(train, null);
            float[] ones = new float[12];
            java.util.Arrays.fill(ones, 1f);
            assertArrayEquals(ones, t.network().thresholds(0));
            assertEquals(0.9f, t.network().alpha(0));
        }
    }

    @Test
    void multiThreadedTrainingIsDeterministicAndMatchesSingleThreadClosely() {
        SampleSource train = synthetic(128, 6);
        FloatNetwork[] nets = new FloatNetwork[3];
        int[] threads = {2, 2, 1};
        for (int i = 0; i < 3; i++) {
            try (Trainer t = new Trainer(FloatNetwork.initialize("36-12-3", 4),
                    Trainer.Options.defaults(Algorithm.STOP_WTL, 4).withThreads(threads[i]).withBatchSize(32))) {
                t.trainEpoch(train, null);
                nets[i] = t.network();
            }
        }
        assertTrue(nets[0].sameParameters(nets[1]), "two 2-thread runs differ");
        // summation order differs between 1 and 2 workers: equal up to float rounding
        float[] a = nets[0].weights(0);
        float[] b = nets[2].weights(0);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-4f);
        }
    }
}
