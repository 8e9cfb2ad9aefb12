package io.neuroedge.compiler.nir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whatever the writer writes, the reader reads back as the same graph. */
class NirWriterTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"lif/lif_norse.nir", "lif/two_lif_neurons.nir", "cnn/cnn_sinabs.nir",
            "braille/braille_noDelay_bias_zero.nir", "braille/braille_noDelay_noBias_subtract.nir"})
    void realModelsShouldReadBackUnchanged(String model) throws Exception {
        NirGraph original = NirFixtures.read(NirFixtures.shared(model));
        Path copy = dir.resolve("copy.nir");
        new NirWriter().write(original, copy);
        assertEquals(original, NirFixtures.read(copy));
    }

    @Test
    void everyNodeKindNestedGraphsAndMetadataShouldReadBackUnchanged() throws Exception {
        Shape map = Shape.of(2, 6, 6);
        NirGraph inner = NirGraph.builder()
                .node("input", new NirNode.Input(Shape.of(4)))
                .node("cuba", new NirNode.CubaLI(Tensor.vector(0.01, 0.02, 0.03, 0.04), Tensor.filled(0.05, Shape.of(4)),
                        Tensor.filled(1, Shape.of(4)), Tensor.filled(0, Shape.of(4)), Tensor.filled(2, Shape.of(4))))
                .node("output", new NirNode.Output(Shape.of(4)))
                .chain("input", "cuba", "output").build();
        NirGraph g = NirGraph.builder()
                .node("in", new NirNode.Input(map))
                .node("conv", new NirNode.Conv2d(Tensor.filled(0.1, Shape.of(2, 2, 3, 3)), Tensor.vector(0, 0.5),
                        List.of(1, 1), new ConvPadding.Same(), List.of(1, 1), 1, Optional.of(Shape.of(6, 6))))
                .node("conv1d", new NirNode.Conv1d(Tensor.filled(1, Shape.of(1, 2, 3)), Tensor.vector(0),
                        List.of(1), new ConvPadding.Valid(), List.of(2), 1, Optional.empty()))
                .node("avg", new NirNode.AvgPool2d(List.of(2, 2), List.of(2, 2), List.of(0, 0)))
                .node("flat", new NirNode.Flatten(0, -1, Optional.of(Shape.of(2, 3, 3))))
                .node("scale", new NirNode.Scale(Tensor.scalar(0.3)))
                .node("thr", new NirNode.Threshold(Tensor.filled(0.7, Shape.of(18))))
                .node("delay", new NirNode.Delay(Tensor.filled(2, Shape.of(18))))
                .node("i", new NirNode.I(Tensor.filled(3, Shape.of(18))))
                .node("sub", new NirNode.Subgraph(inner))
                .node("out", new NirNode.Output(Shape.of(4)))
                .chain("in", "conv", "avg", "flat", "scale", "thr", "delay", "i", "sub", "out")
                .edge("conv1d", "out")
                .metadata("note", "written by a test")
                .metadata("dt", Tensor.scalar(1e-3 / 3))
                .metadata("sensor", Tensor.vector(128, 128))
                .build();
        Path file = dir.resolve("all.nir");
        new NirWriter().write(g, file);
        assertEquals(g, NirFixtures.read(file));

        try (HdfFile hdf = new HdfFile(file)) {
            assertEquals(NirWriter.VERSION, hdf.getDatasetByPath("/version").getData());
            assertEquals("same", hdf.getDatasetByPath("/node/nodes/conv/padding").getData());
            assertEquals(long.class, hdf.getDatasetByPath("/node/nodes/conv/stride").getJavaType(), "integers are int64");
            assertEquals(double.class, hdf.getDatasetByPath("/node/nodes/conv/weight").getJavaType(),
                    "0.1 is not a float32 value, so float64");
            assertEquals(float.class, hdf.getDatasetByPath("/node/nodes/conv/bias").getJavaType(),
                    "0 and 0.5 are float32 values");
            assertEquals("NIRGraph", hdf.getDatasetByPath("/node/nodes/sub/type").getData());
        }
    }

    @Test
    void whatJhdfCannotStoreShouldBeAnErrorNamingItWithoutLeavingAFile() throws Exception {
        Path file = dir.resolve("bad.nir");
        NirGraph noEdges = NirGraph.builder().node("in", new NirNode.Input(Shape.of(1))).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NirWriter().write(noEdges, file));
        assertEquals("graph '/' has no edges; NIR needs at least Input -> Output", e.getMessage());

        NirGraph emptyBias = NirGraph.builder().node("in", new NirNode.Input(Shape.of(1)))
                .node("fc", new NirNode.Affine(Tensor.of(new double[] {1}, 1, 1), Tensor.of(new double[0], 0)))
                .node("out", new NirNode.Output(Shape.of(1))).chain("in", "fc", "out").build();
        e = assertThrows(IllegalArgumentException.class, () -> new NirWriter().write(emptyBias, file));
        assertTrue(e.getMessage().startsWith("node 'fc' (Affine): field 'bias' is empty"), e.getMessage());
        assertFalse(Files.exists(file));
        try (var left = Files.list(dir)) {
            assertEquals(0, left.count(), "no temporary file left");
        }
    }
}
