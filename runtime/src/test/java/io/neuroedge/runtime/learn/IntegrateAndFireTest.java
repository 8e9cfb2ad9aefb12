package io.neuroedge.runtime.learn;

import io.neuroedge.proto.model.InputEncoding;
import io.neuroedge.proto.model.Neurons;
import io.neuroedge.proto.model.TrainedModel;
import io.neuroedge.proto.model.TrainingInfo;
import io.neuroedge.runtime.testing.ImageSubset;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Integrate-and-fire layers: α fixed at 1 through training, the model file and back. */
class IntegrateAndFireTest {

    @Test
    void ifLayersShouldKeepAlphaOneWhileStopWtlLearnsAndRoundTripThroughTheModel() throws Exception {
        ImageSubset train = ImageSubset.load("mnist-10k", "train", 512);
        ImageSubset test = ImageSubset.load("mnist-10k", "test", 300);
        FloatNetwork net = FloatNetwork.initialize("784-64-10", 4).integrateAndFire();
        assertTrue(net.isIntegrateAndFire(0));
        assertFalse(net.isIntegrateAndFire(1), "the readout keeps its leak");
        double accuracy;
        try (Trainer trainer = new Trainer(net, Trainer.Options.defaults(Algorithm.STOP_WTL, 8).withThreads(2)
                .withBatchSize(32).withLearningRate(2e-3f))) {
            trainer.trainEpoch(SampleSource.rate(train.images(), train.labels(), 1), p -> { });
            accuracy = trainer.evaluate(SampleSource.rate(test.images(), test.labels(), 2));
        }
        assertEquals(1f, net.alpha(0), "IF never learns a leak");
        assertTrue(net.alpha(1) != 0.9f, "the readout's leak is learned by STOP-WTL");
        assertTrue(accuracy > 0.5, "an IF network learns too: " + accuracy);

        TrainedModel m = net.toModel(InputEncoding.RATE, 8, TrainingInfo.getDefaultInstance(), List.of());
        assertEquals(Neurons.Kind.IF_SOFT_RESET, m.getLayers(0).getNeurons().getKind());
        FloatNetwork back = FloatNetwork.fromModel(m);
        assertTrue(back.isIntegrateAndFire(0) && back.sameParameters(net));
        TrainedModel leaky = m.toBuilder().setLayers(0, m.getLayers(0).toBuilder()
                .setNeurons(m.getLayers(0).getNeurons().toBuilder().setAlpha(0.5f))).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FloatNetwork.fromModel(leaky));
        assertTrue(e.getMessage().contains("of an IF layer must be 1"), e.getMessage());
    }
}
