package io.neuroedge.compiler.lower;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.neuroedge.compiler.nir.NirGraph;
import io.neuroedge.compiler.nir.NirReader;
import io.neuroedge.compiler.nir.Tensor;
import io.neuroedge.compiler.profile.CompileOptions;
import io.neuroedge.compiler.profile.Integrator;
import io.neuroedge.compiler.profile.Profile;
import io.neuroedge.compiler.profile.RecordedOptions;
import io.neuroedge.proto.model.EventInput;
import io.neuroedge.proto.model.InputEncoding;
import io.neuroedge.proto.model.TrainedModel;
import io.neuroedge.proto.program.ProgramBody;
import io.neuroedge.proto.program.ReadoutSpec;
import io.neuroedge.runtime.engine.Engine;
import io.neuroedge.runtime.learn.Algorithm;
import io.neuroedge.runtime.learn.FloatNetwork;
import io.neuroedge.runtime.learn.SampleSource;
import io.neuroedge.runtime.learn.Trainer;
import io.neuroedge.runtime.program.ExecutionPlan;
import io.neuroedge.runtime.simd.KernelProviders;
import io.neuroedge.runtime.testing.ImageSubset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A trained model exported to NIR and compiled back (snnTorch profile, options from the file's
 * metadata) must give the very program {@link ModelCompiler} makes of the model, and decide alike.
 */
class ModelNirExportTest {

    @TempDir
    Path dir;

    @Test
    void denseRateModelShouldComeBackAsTheSameProgram() throws Exception {
        FloatNetwork net = FloatNetwork.initialize("784-48-10", 3);
        net.setAlpha(0, 0.8173f);
        net.setAlpha(1, 0.6329f);
        randomThresholds(net, 0, new SplittableRandom(1));
        TrainedModel model = net.toModel(InputEncoding.RATE, 16, null, List.of());

        RoundTrip rt = roundTrip(model, "dense");
        assertEquals(new CompileOptions(ModelNirExporter.IMAGE_MODEL_DT, Profile.SNNTORCH, Integrator.EULER, 1, null,
                ReadoutSpec.Kind.MEMBRANE_SUM, 1), rt.recorded, "recorded options");
        rt.assertSameProgram();
        ImageSubset mnist = ImageSubset.load("mnist-10k", "test", 40);
        rt.assertSameDecisions(rateCoded(mnist.images(), 16, 9));
    }

    @Test
    void convEventModelWithPerChannelThresholdsShouldComeBackAsTheSameProgram() throws Exception {
        FloatNetwork net = FloatNetwork.initialize("2x34x34-c4k5s2p1-p2-10", 5);
        net.setAlpha(0, 0.9071f);
        net.setAlpha(2, 0.7713f);
        randomThresholds(net, 0, new SplittableRandom(2));
        // a larger camera than the input: the program downsamples and crops it, both ways alike
        TrainedModel model = net.toModel(InputEncoding.EVENTS, 16, null, List.of()).toBuilder()
                .setEvents(EventInput.newBuilder().setSensorWidth(128).setSensorHeight(128).setBinUs(20_000)
                        .setMaxCount(3)).build();

        RoundTrip rt = roundTrip(model, "events");
        assertEquals(0.02, rt.recorded.dt(), 1e-15);
        assertEquals(20_000, rt.direct.plan().input().events().orElseThrow().binUs());
        rt.assertSameProgram();
        SplittableRandom rnd = new SplittableRandom(4);
        byte[][][] samples = new byte[12][16][2 * 34 * 34];
        for (byte[][] sample : samples) {
            for (byte[] step : sample) {
                for (int i = 0; i < step.length; i++) {
                    step[i] = (byte) (rnd.nextDouble() < 0.15 ? 1 + rnd.nextInt(3) : 0);
                }
            }
        }
        rt.assertSameDecisions(samples);

        // what the file holds, read with jHDF directly: a valid NIR HDF5 layout
        try (HdfFile hdf = new HdfFile(rt.file)) {
            assertEquals(io.neuroedge.compiler.nir.NirWriter.VERSION, hdf.getDatasetByPath("/version").getData());
            assertEquals("NIRGraph", hdf.getDatasetByPath("/node/type").getData());
            assertArrayEquals(new int[] {7, 2}, hdf.getDatasetByPath("/node/edges").getDimensions());
            assertEquals("Conv2d", hdf.getDatasetByPath("/node/nodes/layer0.conv/type").getData());
            assertEquals("LIF", hdf.getDatasetByPath("/node/nodes/layer0/type").getData());
            assertEquals("SumPool2d", hdf.getDatasetByPath("/node/nodes/layer1/type").getData());
            assertEquals("Flatten", hdf.getDatasetByPath("/node/nodes/layer2.flatten/type").getData());
            assertEquals("LI", hdf.getDatasetByPath("/node/nodes/layer2/type").getData());
            // per-channel thresholds repeated over each channel's pixels, weights kept as float32
            Dataset theta = hdf.getDatasetByPath("/node/nodes/layer0/v_threshold");
            assertArrayEquals(new int[] {4, 16, 16}, theta.getDimensions());
            float[][][] t = (float[][][]) theta.getData();
            assertEquals(net.thresholds(0)[3], t[3][15][15]);
            assertEquals(float.class, hdf.getDatasetByPath("/node/nodes/layer0.conv/weight").getJavaType());
            assertArrayEquals(new int[] {4, 2, 5, 5}, hdf.getDatasetByPath("/node/nodes/layer0.conv/weight").getDimensions());
            assertEquals("membrane_sum", hdf.getDatasetByPath("/node/metadata/neuroedge_readout").getData());
        }
    }

    @Test
    void integrateAndFireDirectInputModelShouldComeBackAsTheSameProgram() throws Exception {
        FloatNetwork net = FloatNetwork.initialize("1x28x28-c6k5-p2-10", 7).integrateAndFire();
        randomThresholds(net, 0, new SplittableRandom(3));
        net.setAlpha(2, 0.5557f);
        TrainedModel model = net.toModel(InputEncoding.DIRECT, 8, null, List.of());

        RoundTrip rt = roundTrip(model, "direct");
        assertEquals(127, rt.recorded.maxCount());
        assertEquals(1.0 / 127, rt.recorded.inputUnit());
        rt.assertSameProgram();
        ImageSubset mnist = ImageSubset.load("mnist-10k", "test", 20);
        byte[][][] samples = new byte[mnist.images().length][8][];
        for (int s = 0; s < samples.length; s++) {
            byte[] counts = new byte[784];
            for (int p = 0; p < counts.length; p++) {
                counts[p] = (byte) (((mnist.images()[s][p] & 0xFF) * 127 + 127) / 255);
            }
            Arrays.fill(samples[s], counts);
        }
        rt.assertSameDecisions(samples);
    }

    @Test
    void trainedModelShouldComeBackAsTheSameProgramAndKeepItsAccuracy() throws Exception {
        ImageSubset train = ImageSubset.load("mnist-10k", "train", 600);
        FloatNetwork net = FloatNetwork.initialize("784-32-10", 1);
        try (Trainer trainer = new Trainer(net, Trainer.Options.defaults(Algorithm.STOP_WTL, 8).withThreads(1)
                .withBatchSize(32).withSeed(1))) {
            trainer.trainEpoch(SampleSource.rate(train.images(), train.labels(), 1), p -> { });
            net = trainer.network();
        }
        assertTrue(net.alpha(0) != 0.9f, "STOP-WTL learned the leak");
        TrainedModel model = net.toModel(InputEncoding.RATE, 8, null, List.of());

        RoundTrip rt = roundTrip(model, "trained");
        rt.assertSameProgram();
        ImageSubset test = ImageSubset.load("mnist-10k", "test", 100);
        int[] predictions = rt.assertSameDecisions(rateCoded(test.images(), 8, 2));
        int correct = 0;
        for (int i = 0; i < predictions.length; i++) {
            correct += predictions[i] == test.labels()[i] ? 1 : 0;
        }
        assertTrue(correct > 40, correct + " of 100 correct after one short epoch (chance is 10)");
    }

    @Test
    void modelsTheImportCouldNotReproduceShouldBeRefusedWithoutWritingAFile() throws Exception {
        FloatNetwork tiny = FloatNetwork.initialize("784-16-10", 1);
        tiny.setAlpha(0, 1e-35f);
        assertRefused(tiny.toModel(InputEncoding.RATE, 8, null, List.of()),
                "layer0: leak alpha 1.0E-35 has no NIR time constant");

        TrainedModel twoChannelImage = FloatNetwork.initialize("2x8x8-16-10", 1)
                .toModel(InputEncoding.RATE, 8, null, List.of());
        assertRefused(twoChannelImage, "would be read as an event camera");

        TrainedModel eventLine = FloatNetwork.initialize("2x1x64-16-10", 1).toModel(InputEncoding.EVENTS, 8, null, List.of())
                .toBuilder().setEvents(EventInput.newBuilder().setSensorWidth(64).setSensorHeight(1).setBinUs(1000)
                        .setMaxCount(2)).build();
        assertRefused(eventLine, "is not 2xHxW with H, W > 1");

        TrainedModel good = FloatNetwork.initialize("784-16-10", 1).toModel(InputEncoding.RATE, 8, null, List.of());
        assertRefused(good.toBuilder().setEncoding(InputEncoding.ENCODING_UNSPECIFIED).build(),
                "is not RATE, DIRECT or EVENTS");
        assertRefused(good.toBuilder().setLayers(1, good.getLayers(1).toBuilder().setNeurons(
                good.getLayers(1).getNeurons().toBuilder().setAlpha(1.5f))).build(), "alpha 1.5 outside [0, 1)");
    }

    @Test
    void nirFilesFromOtherExportersShouldRecordNoOptions() throws Exception {
        NirGraph g = new NirReader().read(SharedNir.file("lif/lif_norse.nir"));
        assertTrue(g.metadata().isEmpty());
        assertTrue(RecordedOptions.of(g, "lif_norse.nir").isEmpty());

        NirGraph broken = NirGraph.of(g.nodes(), g.edges(), java.util.Map.of(RecordedOptions.PROFILE, "snntorch",
                RecordedOptions.DT, Tensor.scalar(1e-3)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecordedOptions.of(broken, "x.nir"));
        assertEquals("x.nir: invalid compile options in the NIR metadata (written by neuroedge export):"
                + " 'neuroedge_integrator' is missing or not text", e.getMessage());
    }

    private void assertRefused(TrainedModel model, String message) throws Exception {
        Path file = dir.resolve("refused.nir");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModelNirExporter().export(model, file));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertFalse(Files.exists(file), "nothing written");
        try (var left = Files.list(dir)) {
            assertEquals(0, left.count(), "no temporary file left");
        }
    }

    /** The model compiled directly and through its exported NIR file. */
    private RoundTrip roundTrip(TrainedModel model, String name) throws Exception {
        Path file = dir.resolve(name + ".nir");
        CompileOptions written = new ModelNirExporter().export(model, file);
        NirGraph graph = new NirReader().read(file);
        CompileOptions recorded = RecordedOptions.of(graph, file.toString()).orElseThrow();
        assertEquals(written, recorded, "the file records the options the export reported");
        CompiledProgram imported = new NirCompiler().compile(file, recorded, "test");
        CompiledProgram direct = new ModelCompiler().compile(model, name, model.toByteArray(), null, "test");
        return new RoundTrip(file, recorded, direct, imported);
    }

    private record RoundTrip(Path file, CompileOptions recorded, CompiledProgram direct, CompiledProgram imported) {

        void assertSameProgram() {
            ProgramBody a = direct.body();
            ProgramBody b = imported.body();
            assertEquals(a.getHeader().getName(), b.getHeader().getName());
            assertEquals(a.getInput(), b.getInput(), "input");
            assertEquals(a.getLayersCount(), b.getLayersCount(), "layers");
            for (int i = 0; i < a.getLayersCount(); i++) {
                // weights, scales, thresholds, leaks, shifts, names: layer by layer for a readable failure
                assertEquals(a.getLayers(i), b.getLayers(i), "layer " + i);
            }
            assertEquals(a.getReadout(), b.getReadout(), "readout");
            // only the header's provenance differs: the source file's digest
            assertEquals(a.toBuilder().clearHeader().build(), b.toBuilder().clearHeader().build());
        }

        /** Runs both programs on the same per-step inputs; returns the predictions. */
        int[] assertSameDecisions(byte[][][] samples) {
            Engine x = new Engine(direct.plan(), KernelProviders.scalar());
            Engine y = new Engine(imported.plan(), KernelProviders.scalar());
            assertEquals(ExecutionPlan.ReadoutKind.MEMBRANE_SUM, y.plan().readout());
            int[] predictions = new int[samples.length];
            for (int s = 0; s < samples.length; s++) {
                x.reset();
                y.reset();
                for (byte[] step : samples[s]) {
                    x.step(step);
                    y.step(step);
                }
                assertArrayEquals(x.outputMembraneSums(), y.outputMembraneSums(), "sample " + s);
                assertEquals(x.predicted(), y.predicted(), "sample " + s);
                predictions[s] = y.predicted();
            }
            return predictions;
        }
    }

    private static void randomThresholds(FloatNetwork net, int layer, SplittableRandom rnd) {
        float[] theta = net.thresholds(layer);
        for (int i = 0; i < theta.length; i++) {
            theta[i] = 0.5f + (float) rnd.nextDouble();
        }
    }

    private static byte[][][] rateCoded(byte[][] images, int steps, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[][][] out = new byte[images.length][steps][images[0].length];
        for (int s = 0; s < images.length; s++) {
            for (int t = 0; t < steps; t++) {
                for (int p = 0; p < images[s].length; p++) {
                    out[s][t][p] = (byte) (rnd.nextInt(255) < (images[s][p] & 0xFF) ? 1 : 0);
                }
            }
        }
        return out;
    }
}
