package io.neuroedge.host.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroedge.proto.model.ModelShape;
import io.neuroedge.proto.model.TrainedModel;
import io.neuroedge.proto.model.TrainingCheckpoint;
import io.neuroedge.proto.model.TrainingInfo;
import io.neuroedge.runtime.learn.Algorithm;
import io.neuroedge.runtime.learn.FloatNetwork;
import io.neuroedge.runtime.learn.SampleSource;
import io.neuroedge.runtime.learn.Trainer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One training run: epochs, a checkpoint after each, the model's info, resuming at the target. */
class TrainingSessionTest {

    private static final TrainingInfo INFO = TrainingInfo.newBuilder().setAlgorithm("stop-w").setDataset("bars")
            .setSeed(4).setCreatedBy("test").build();

    /** Two classes of 4x4 images: a bright left or right half. */
    private static TrainingData bars() {
        byte[][] images = new byte[40][16];
        int[] labels = new int[40];
        for (int k = 0; k < images.length; k++) {
            labels[k] = k % 2;
            for (int p = 0; p < 16; p++) {
                images[k][p] = (byte) ((p % 4 < 2) == (labels[k] == 0) ? 230 : 10);
            }
        }
        SampleSource all = SampleSource.rate(images, labels, 4);
        return new TrainingData("bars", all.subset(0, 32), all.subset(32, 40),
                ModelShape.newBuilder().setChannels(1).setHeight(4).setWidth(4).build(), null);
    }

    private static Trainer.Options options() {
        return Trainer.Options.defaults(Algorithm.STOP_W, 4).withBatchSize(8).withLearningRate(1e-2f).withSeed(4)
                .withThreads(1);
    }

    @Test
    void trainsToTheTotalCheckpointingEveryEpochAndResumesThere() throws Exception {
        TrainingData data = bars();
        List<TrainingCheckpoint> checkpoints = new ArrayList<>();
        StringWriter progress = new StringWriter();
        TrainingSession.Outcome run;
        TrainedModel model;
        try (TrainingSession s = TrainingSession.start(data, FloatNetwork.initialize("16-8-2", 4), options(), INFO)) {
            run = s.train(2, new PrintWriter(progress, true), checkpoints::add);
            model = s.model(run.testAccuracy());
        }
        assertEquals(2, checkpoints.size());
        assertEquals(List.of(1, 2), checkpoints.stream().map(TrainingCheckpoint::getEpochsDone).toList());
        assertEquals(64, run.samplesTrained());
        assertTrue(progress.toString().contains("epoch 2/2 done"), progress.toString());
        assertEquals(INFO.toBuilder().setEpochs(2).setTestAccuracy(run.testAccuracy()).addAllHistory(run.history())
                .build(), model.getTraining());
        assertEquals(List.of(1, 2), run.history().stream().map(e -> e.getEpoch()).toList());
        assertEquals(run.testAccuracy(), run.history().get(1).getTestAccuracy(), "the last epoch's test accuracy");

        try (TrainingSession s = TrainingSession.resume(data, checkpoints.get(1), options(), INFO)) {
            TrainingSession.Outcome again = s.train(2, new PrintWriter(new StringWriter()), c -> {
                throw new AssertionError("no epoch left to checkpoint");
            });
            assertEquals(0, again.samplesTrained());
            assertEquals(0, again.samplesPerSecond());
            assertEquals(run.testAccuracy(), again.testAccuracy(), "the network as the last epoch left it");
            assertEquals(model, s.model(again.testAccuracy()));
        }
    }

    @Test
    void aNetworkOfAnotherInputSizeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingSession.start(bars(), FloatNetwork.initialize("25-8-2", 4), options(), INFO));
        assertEquals("--arch takes 25 inputs but bars gives 16 per step (1x4x4)", e.getMessage());
    }
}
