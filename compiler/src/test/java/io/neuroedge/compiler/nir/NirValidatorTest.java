package io.neuroedge.compiler.nir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Shape inference, recurrence and error reporting, on the real models and on graphs built in code. */
class NirValidatorTest {

    private final NirValidator validator = new NirValidator();

    @Test
    void cnnSinabsShapesFollowTheNodeTable() throws Exception {
        NirAnalysis a = validator.validate(NirFixtures.read(NirFixtures.shared("cnn/cnn_sinabs.nir")));

        Map<String, Shape> expected = Map.ofEntries(
                Map.entry("input", Shape.of(2, 34, 34)),
                Map.entry("0", Shape.of(16, 16, 16)), Map.entry("1", Shape.of(16, 16, 16)),
                Map.entry("2", Shape.of(16, 16, 16)), Map.entry("3", Shape.of(16, 16, 16)),
                Map.entry("4", Shape.of(16, 8, 8)),
                Map.entry("5", Shape.of(8, 8, 8)), Map.entry("6", Shape.of(8, 8, 8)),
                Map.entry("7", Shape.of(8, 4, 4)),
                Map.entry("8", Shape.of(128)),
                Map.entry("9", Shape.of(256)), Map.entry("10", Shape.of(256)),
                Map.entry("11", Shape.of(10)), Map.entry("12", Shape.of(10)),
                Map.entry("output", Shape.of(10)));
        expected.forEach((node, shape) -> assertEquals(shape, a.outputShape(node), "node " + node));
        assertEquals(Shape.of(8, 4, 4), a.inputShape("8"));
        assertEquals(List.of("input", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "output"),
                a.order());
        assertTrue(a.recurrentEdges().isEmpty());
        assertTrue(a.notes().isEmpty());
    }

    @Test
    void cnnSinabsDenseCostIs903680SynapsesPerStep() throws Exception {
        NirAnalysis a = validator.validate(NirFixtures.read(NirFixtures.shared("cnn/cnn_sinabs.nir")));

        assertEquals(204_800, DenseSynapseCount.synapsesPerStep(a, "0"));
        assertEquals(589_824, DenseSynapseCount.synapsesPerStep(a, "2"));
        assertEquals(73_728, DenseSynapseCount.synapsesPerStep(a, "5"));
        assertEquals(32_768, DenseSynapseCount.synapsesPerStep(a, "9"));
        assertEquals(2_560, DenseSynapseCount.synapsesPerStep(a, "11"));
        assertEquals(903_680, DenseSynapseCount.synapsesPerStep(a));
    }

    @Test
    void lifModelsValidate() throws Exception {
        NirAnalysis lif = validator.validate(NirFixtures.read(NirFixtures.shared("lif/lif_norse.nir")));
        assertEquals(List.of("input", "0", "1", "output"), lif.order());
        assertEquals(Shape.of(1), lif.outputShape("1"));
        NirAnalysis two = validator.validate(NirFixtures.read(NirFixtures.shared("lif/two_lif_neurons.nir")));
        assertEquals(List.of("in", "linear1", "lif1", "linear2", "lif2", "out"), two.order());
    }

    @Test
    void brailleRecurrenceIsACycleThroughANeuron() throws Exception {
        for (String file : List.of("braille/braille_noDelay_bias_zero.nir", "braille/braille_noDelay_noBias_subtract.nir")) {
            NirAnalysis a = validator.validate(NirFixtures.read(NirFixtures.shared(file)));
            assertEquals(List.of(new NirGraph.Edge("lif1.w_rec", "lif1.lif")), List.copyOf(a.recurrentEdges()), file);
            assertTrue(a.isRecurrent("lif1.w_rec", "lif1.lif"), file);
            assertBefore(a.order(), "input", "fc1", "lif1.lif", "lif1.w_rec");
            assertBefore(a.order(), "lif1.lif", "fc2", "lif2", "output");
            int hidden = file.contains("bias_zero") ? 38 : 40;
            assertEquals(Shape.of(hidden), a.outputShape("lif1.lif"), file);
            assertEquals(Shape.of(7), a.outputShape("lif2"), file);
        }
    }

    @Test
    void gzipBrailleValidatesLikeTheOriginal() throws Exception {
        NirAnalysis a = validator.validate(NirFixtures.read(NirFixtures.resource("braille_noDelay_bias_zero_gzip.nir")));
        assertEquals(Shape.of(38), a.outputShape("lif1.lif"));
    }

    @Test
    void nestedSubgraphIsAddressedWithDottedNames() throws Exception {
        NirGraph inner = NirGraph.builder()
                .node("input", new NirNode.Input(Shape.of(3)))
                .node("lif", lif(3, 0.01))
                .node("w_rec", new NirNode.Linear(Tensor.filled(0.1, Shape.of(3, 3))))
                .node("output", new NirNode.Output(Shape.of(3)))
                .chain("input", "lif", "output").edge("lif", "w_rec").edge("w_rec", "lif")
                .build();
        NirGraph g = NirGraph.builder()
                .node("in", new NirNode.Input(Shape.of(2)))
                .node("fc", new NirNode.Linear(Tensor.filled(1, Shape.of(3, 2))))
                .node("rnn", new NirNode.Subgraph(inner))
                .node("out", new NirNode.Output(Shape.of(3)))
                .chain("in", "fc", "rnn", "out")
                .build();

        NirAnalysis a = validator.validate(g);

        assertTrue(g.resolve("rnn.lif").isPresent());
        assertTrue(a.isRecurrent("rnn.w_rec", "rnn.lif"));
        assertEquals(Shape.of(3), a.outputShape("rnn.lif"));
        assertEquals(List.of("in", "fc", "rnn.input", "rnn.lif", "rnn.w_rec", "rnn.output", "out"), a.order());
    }

    @Test
    void oldFlattenStartDimOneIsToleratedWhenTheFanInMatches() throws Exception {
        NirGraph g = NirGraph.builder()
                .node("in", new NirNode.Input(Shape.of(8, 4, 4)))
                .node("flat", new NirNode.Flatten(1, -1, Optional.empty()))
                .node("fc", new NirNode.Linear(Tensor.filled(1, Shape.of(10, 128))))
                .node("out", new NirNode.Output(Shape.of(10)))
                .chain("in", "flat", "fc", "out")
                .build();

        NirAnalysis a = validator.validate(g);

        assertEquals(Shape.of(128), a.outputShape("flat"));
        assertEquals(1, a.notes().size());
    }

    @Test
    void transposedWeightsAreReportedNotRepaired() {
        NirGraph g = dense(new NirNode.Linear(Tensor.filled(1, Shape.of(12, 38))), 12, 38);
        String msg = failure(g);
        assertTrue(msg.contains("node 'fc'") && msg.contains("'weight'") && msg.contains("transposed"), msg);
    }

    @Test
    void negativeTauNamesNodeAndField() {
        NirGraph g = NirGraph.builder()
                .node("in", new NirNode.Input(Shape.of(2)))
                .node("lif", new NirNode.CubaLIF(Tensor.filled(-1e-3, Shape.of(2)), Tensor.filled(1e-3, Shape.of(2)),
                        ones(2), zeros(2), ones(2), zeros(2), ones(2)))
                .node("out", new NirNode.Output(Shape.of(2)))
                .chain("in", "lif", "out")
                .build();
        String msg = failure(g);
        assertTrue(msg.contains("node 'lif' (CubaLIF)") && msg.contains("'tau_syn'") && msg.contains("positive"), msg);
    }

    @Test
    void zeroTauIsRejected() {
        NirGraph g = NirGraph.builder().node("in", new NirNode.Input(Shape.of(1))).node("li",
                new NirNode.LI(Tensor.vector(0), ones(1), zeros(1))).chain("in", "li").build();
        assertTrue(failure(g).contains("field 'tau'"));
    }

    @Test
    void danglingEdgeNamesTheEndpoint() {
        NirGraph g = NirGraph.builder()
                .node("in", new NirNode.Input(Shape.of(1)))
                .node("lif", lif(1, 0.01))
                .chain("in", "lif", "outptu")
                .build();
        String msg = failure(g);
        assertTrue(msg.contains("'outptu'") && msg.contains("names no node"), msg);
    }

    @Test
    void danglingNameInsideSubgraphIsReported() {
        NirGraph inner = NirGraph.builder().node("input", new NirNode.Input(Shape.of(1)))
                .node("lif", lif(1, 0.01)).chain("input", "lf").build();
        NirGraph g = NirGraph.builder().node("in", new NirNode.Input(Shape.of(1)))
                .node("rnn", new NirNode.Subgraph(inner)).chain("in", "rnn").build();
        String msg = failure(g);
        assertTrue(msg.contains("subgraph 'rnn'") && msg.contains("'lf'"), msg);
    }

    @Test
    void cycleWithoutNeuronIsRejected() {
        NirGraph g = NirGraph.builder()
                .node("in", new NirNode.Input(Shape.of(2)))
                .node("a", new NirNode.Linear(Tensor.filled(1, Shape.of(2, 2))))
                .node("b", new NirNode.Scale(Tensor.scalar(0.5)))
                .node("out", new NirNode.Output(Shape.of(2)))
                .chain("in", "a", "b", "a").edge("b", "out")
                .build();
        String msg = failure(g);
        assertTrue(msg.contains("cycle without a neuron")
                && (msg.contains("a -> b -> a") || msg.contains("b -> a -> b")), msg);
    }

    @Test
    void conv2dChannelMismatchIsReported() {
        NirNode.Conv2d conv = new NirNode.Conv2d(Tensor.filled(1, Shape.of(16, 3, 5, 5)), zeros(16), List.of(2, 2),
                new ConvPadding.Explicit(List.of(1, 1)), List.of(1, 1), 1, Optional.empty());
        NirGraph g = NirGraph.builder()
                .node("in", new NirNode.Input(Shape.of(2, 34, 34)))
                .node("conv", conv)
                .chain("in", "conv")
                .build();
        String msg = failure(g);
        assertTrue(msg.contains("node 'conv' (Conv2d)") && msg.contains("'weight'") && msg.contains("input channels"), msg);
    }

    @Test
    void conv2dInputShapeMismatchIsReported() {
        NirNode.Conv2d conv = new NirNode.Conv2d(Tensor.filled(1, Shape.of(16, 2, 5, 5)), zeros(16), List.of(2, 2),
                new ConvPadding.Explicit(List.of(1, 1)), List.of(1, 1), 1, Optional.of(Shape.of(32, 32)));
        NirGraph g = NirGraph.builder().node("in", new NirNode.Input(Shape.of(2, 34, 34))).node("conv", conv)
                .chain("in", "conv").build();
        assertTrue(failure(g).contains("field 'input_shape'"));
    }

    @Test
    void conv2dSamePaddingKeepsSpatialSize() throws Exception {
        NirNode.Conv2d conv = new NirNode.Conv2d(Tensor.filled(1, Shape.of(4, 2, 3, 3)), zeros(4), List.of(1, 1),
                new ConvPadding.Same(), List.of(1, 1), 1, Optional.empty());
        NirGraph g = NirGraph.builder().node("in", new NirNode.Input(Shape.of(2, 10, 10))).node("conv", conv)
                .chain("in", "conv").build();
        assertEquals(Shape.of(4, 10, 10), validator.validate(g).outputShape("conv"));
    }

    @Test
    void neuronParameterCountMustMatchPopulation() {
        NirGraph g = dense(new NirNode.Linear(Tensor.filled(1, Shape.of(38, 12))), 12, 40);
        String msg = failure(g);
        assertTrue(msg.contains("node 'lif'") && msg.contains("field 'tau'") && msg.contains("expected 38"), msg);
    }

    @Test
    void outputShapeMismatchIsReported() {
        NirGraph g = NirGraph.builder().node("in", new NirNode.Input(Shape.of(3)))
                .node("out", new NirNode.Output(Shape.of(4))).chain("in", "out").build();
        assertTrue(failure(g).contains("node 'out' (Output): field 'shape'"));
    }

    private static void assertBefore(List<String> order, String... chain) {
        for (int i = 1; i < chain.length; i++) {
            assertTrue(order.indexOf(chain[i - 1]) < order.indexOf(chain[i]), chain[i - 1] + " before " + chain[i] + " in " + order);
        }
    }

    private static NirGraph dense(NirNode layer, int inputs, int neurons) {
        return NirGraph.builder()
                .node("in", new NirNode.Input(Shape.of(inputs)))
                .node("fc", layer)
                .node("lif", lif(neurons, 1e-3))
                .chain("in", "fc", "lif")
                .build();
    }

    private static NirNode.LIF lif(int n, double tau) {
        return new NirNode.LIF(Tensor.filled(tau, Shape.of(n)), ones(n), zeros(n), ones(n), zeros(n));
    }

    private static Tensor ones(int n) {
        return Tensor.filled(1, Shape.of(n));
    }

    private static Tensor zeros(int n) {
        return Tensor.filled(0, Shape.of(n));
    }

    private String failure(NirGraph g) {
        return assertThrows(NirFormatException.class, () -> validator.validate(g)).getMessage();
    }
}
