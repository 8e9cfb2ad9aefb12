package io.neuroedge.runtime.learn;

import io.neuroedge.proto.model.InputEncoding;
import io.neuroedge.proto.model.TrainedModel;
import io.neuroedge.proto.model.TrainingInfo;
import io.neuroedge.runtime.testing.ImageSubset;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Learning on real data (stop.md §9.4): one short epoch must get far above chance (10%). Bars
 * are set well below what was measured (see the comments) so they are not flaky.
 */
class TrainingSmokeTest {

    private static double trainAndTest(String data, Algorithm algo, int trainN, int testN) throws Exception {
        ImageSubset tr = ImageSubset.load(data, "train", trainN);
        ImageSubset te = ImageSubset.load(data, "test", testN);
        FloatNetwork net = FloatNetwork.initialize("784-400-10", 0);
        List<Trainer.Progress> progress = new ArrayList<>();
        try (Trainer t = new Trainer(net, Trainer.Options.defaults(algo, 8).withThreads(2).withSeed(1))) {
            Trainer.EpochResult r = t.trainEpoch(SampleSource.rate(tr.images(), tr.labels(), 1), progress::add);
            double acc = t.evaluate(SampleSource.rate(te.images(), te.labels(), 2));
            System.out.printf(Locale.ROOT, "%s %s: %d train samples, T=8, loss %.3f, train acc %.3f, test acc %.3f on %d, %.0f samples/s%n",
                    data, algo.id(), trainN, r.meanLoss(), r.trainAccuracy(), acc, testN, r.samplesPerSecond());
            assertEquals((trainN + 127) / 128, progress.size());
            assertEquals(trainN, progress.get(progress.size() - 1).samplesDone());
            assertTrue(progress.get(progress.size() - 1).meanLoss() < progress.get(0).meanLoss(), "loss should fall during the epoch");
            assertEquals(1, t.epochsDone());
            // the trained model survives the file round trip with the same accuracy
            TrainedModel m = net.toModel(InputEncoding.RATE, 8, TrainingInfo.newBuilder().setAlgorithm(algo.id()).build(), null);
            try (Trainer t2 = new Trainer(FloatNetwork.fromModel(TrainedModel.parseFrom(m.toByteArray())),
                    Trainer.Options.defaults(algo, 8).withThreads(2))) {
                assertEquals(acc, t2.evaluate(SampleSource.rate(te.images(), te.labels(), 2)));
            }
            return acc;
        }
    }

    @Test
    void stopWLearnsMnistInOneShortEpoch() throws Exception {
        double acc = trainAndTest("mnist-10k", Algorithm.STOP_W, 2000, 500);
        assertTrue(acc >= 0.75, "test accuracy " + acc); // measured 0.824
    }

    @Test
    void stopWtlLearnsFashionMnistInOneShortEpoch() throws Exception {
        double acc = trainAndTest("fashion-mnist", Algorithm.STOP_WTL, 2000, 500);
        assertTrue(acc >= 0.65, "test accuracy " + acc); // measured 0.742
    }
}
