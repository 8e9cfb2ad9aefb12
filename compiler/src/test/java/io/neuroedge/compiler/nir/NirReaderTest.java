package io.neuroedge.compiler.nir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reads the real NIR models and checks every imported value against the files (h5dump). */
class NirReaderTest {

    private static final double F32 = 1e-7;

    @Test
    void lifNorseIsInputAffineLifOutput() throws Exception {
        NirGraph g = NirFixtures.read(NirFixtures.shared("lif/lif_norse.nir"));

        assertEquals(Set.of("0", "1", "input", "output"), g.nodes().keySet());
        assertEquals(Shape.of(1), assertInstanceOf(NirNode.Input.class, g.nodes().get("input")).shape());
        assertEquals(Shape.of(1), assertInstanceOf(NirNode.Output.class, g.nodes().get("output")).shape());
        NirNode.Affine affine = assertInstanceOf(NirNode.Affine.class, g.nodes().get("0"));
        assertEquals(Tensor.of(new double[] {1}, 1, 1), affine.weight());
        assertEquals(Tensor.vector(0), affine.bias());
        NirNode.LIF lif = assertInstanceOf(NirNode.LIF.class, g.nodes().get("1"));
        assertEquals(0.0025, lif.tau().scalarValue(), F32);
        assertEquals(1.0, lif.r().scalarValue());
        assertEquals(0.0, lif.vLeak().scalarValue());
        assertEquals(0.1, lif.vThreshold().scalarValue(), F32);
        assertEquals(Tensor.vector(0), lif.vReset(), "absent v_reset defaults to 0");
        assertEquals(List.of(new NirGraph.Edge("input", "0"), new NirGraph.Edge("0", "1"),
                new NirGraph.Edge("1", "output")), g.edges());
    }

    @Test
    void twoLifNeuronsKeepsFloat64Values() throws Exception {
        NirGraph g = NirFixtures.read(NirFixtures.shared("lif/two_lif_neurons.nir"));

        assertInstanceOf(NirNode.Input.class, g.nodes().get("in"));
        assertInstanceOf(NirNode.Output.class, g.nodes().get("out"));
        assertInstanceOf(NirNode.Linear.class, g.nodes().get("linear1"));
        assertInstanceOf(NirNode.Linear.class, g.nodes().get("linear2"));
        NirNode.LIF lif1 = assertInstanceOf(NirNode.LIF.class, g.nodes().get("lif1"));
        NirNode.LIF lif2 = assertInstanceOf(NirNode.LIF.class, g.nodes().get("lif2"));
        // float64 in the file: exact, not float32-rounded
        assertEquals(0.01, lif1.tau().scalarValue());
        assertEquals(1.2, lif1.vLeak().scalarValue());
        assertEquals(1.0, lif1.vThreshold().scalarValue());
        assertEquals(1.0, lif1.r().scalarValue());
        assertEquals(0.01, lif2.tau().scalarValue());
        assertEquals(0.0, lif2.vLeak().scalarValue());
        assertEquals(20.0, lif2.vThreshold().scalarValue());
        assertEquals(5, g.edges().size());
    }

    @Test
    void cnnSinabsNodeTypesAndParameters() throws Exception {
        NirGraph g = NirFixtures.read(NirFixtures.shared("cnn/cnn_sinabs.nir"));

        assertEquals(15, g.nodes().size());
        assertEquals(14, g.edges().size());
        assertEquals(Shape.of(2, 34, 34), ((NirNode.Input) g.nodes().get("input")).shape());
        assertEquals(Shape.of(10), ((NirNode.Output) g.nodes().get("output")).shape());

        NirNode.Conv2d c0 = assertInstanceOf(NirNode.Conv2d.class, g.nodes().get("0"));
        assertEquals(Shape.of(16, 2, 5, 5), c0.weight().shape());
        assertEquals(List.of(2, 2), c0.stride());
        assertEquals(new ConvPadding.Explicit(List.of(1, 1)), c0.padding());
        assertEquals(List.of(1, 1), c0.dilation());
        assertEquals(1, c0.groups());
        assertEquals(Optional.of(Shape.of(34, 34)), c0.inputShape());
        assertTrue(c0.bias().allEqual(0));
        NirNode.Conv2d c2 = assertInstanceOf(NirNode.Conv2d.class, g.nodes().get("2"));
        assertEquals(Shape.of(16, 16, 3, 3), c2.weight().shape());
        assertEquals(List.of(1, 1), c2.stride());
        NirNode.Conv2d c5 = assertInstanceOf(NirNode.Conv2d.class, g.nodes().get("5"));
        assertEquals(Shape.of(8, 16, 3, 3), c5.weight().shape());

        for (String name : List.of("1", "3", "6", "10", "12")) {
            NirNode.IF neuron = assertInstanceOf(NirNode.IF.class, g.nodes().get(name), name);
            assertTrue(neuron.r().allEqual(1), name);
            assertTrue(neuron.vThreshold().allEqual(1), name);
            assertTrue(neuron.vReset().allEqual(0), name);
        }
        assertEquals(Shape.of(16, 16, 16), ((NirNode.IF) g.nodes().get("1")).r().shape());

        NirNode.SumPool2d pool = assertInstanceOf(NirNode.SumPool2d.class, g.nodes().get("4"));
        assertEquals(List.of(2, 2), pool.kernelSize());
        assertEquals(List.of(2, 2), pool.stride());
        assertEquals(List.of(0, 0), pool.padding());
        assertInstanceOf(NirNode.SumPool2d.class, g.nodes().get("7"));

        NirNode.Flatten flatten = assertInstanceOf(NirNode.Flatten.class, g.nodes().get("8"));
        assertEquals(Optional.of(Shape.of(8, 4, 4)), flatten.inputType());
        assertEquals(0, flatten.startDim());
        assertEquals(-1, flatten.endDim());

        NirNode.Affine a9 = assertInstanceOf(NirNode.Affine.class, g.nodes().get("9"));
        assertEquals(Shape.of(256, 128), a9.weight().shape());
        assertTrue(a9.bias().allEqual(0));
        NirNode.Affine a11 = assertInstanceOf(NirNode.Affine.class, g.nodes().get("11"));
        assertEquals(Shape.of(10, 256), a11.weight().shape());
    }

    @Test
    void brailleBiasZeroCubaLifParameters() throws Exception {
        NirGraph g = NirFixtures.read(NirFixtures.shared("braille/braille_noDelay_bias_zero.nir"));

        assertEquals(Set.of("input", "fc1", "lif1.lif", "lif1.w_rec", "fc2", "lif2", "output"), g.nodes().keySet());
        NirNode.CubaLIF lif1 = assertInstanceOf(NirNode.CubaLIF.class, g.nodes().get("lif1.lif"));
        assertEquals(Shape.of(38), lif1.tauSyn().shape());
        assertAll(lif1.tauSyn(), 2.22e-4, 1e-6);
        assertAll(lif1.tauMem(), 1e-3, 1e-9);
        assertAll(lif1.r(), 10, 0.05);
        assertAll(lif1.wIn(), 2.22, 0.01);
        assertAll(lif1.vThreshold(), 1, 0);
        assertTrue(lif1.vReset().allEqual(0));
        NirNode.CubaLIF lif2 = assertInstanceOf(NirNode.CubaLIF.class, g.nodes().get("lif2"));
        assertEquals(Shape.of(7), lif2.tauMem().shape());
        assertAll(lif2.tauSyn(), 2e-4, 1e-9);
        assertAll(lif2.tauMem(), 2.22e-4, 1e-6);
        assertAll(lif2.r(), 2.22, 0.01);
        assertAll(lif2.wIn(), 2.0, 1e-9);
        assertEquals(Shape.of(38, 12), ((NirNode.Affine) g.nodes().get("fc1")).weight().shape());
        assertEquals(Shape.of(38, 38), ((NirNode.Affine) g.nodes().get("lif1.w_rec")).weight().shape());
        assertEquals(Shape.of(7, 38), ((NirNode.Affine) g.nodes().get("fc2")).weight().shape());
        assertTrue(g.edges().contains(new NirGraph.Edge("lif1.w_rec", "lif1.lif")));
        assertTrue(g.edges().contains(new NirGraph.Edge("lif1.lif", "lif1.w_rec")));
    }

    @Test
    void brailleNoBiasSubtractUsesLinearLayersAnd40Hidden() throws Exception {
        NirGraph g = NirFixtures.read(NirFixtures.shared("braille/braille_noDelay_noBias_subtract.nir"));

        assertEquals(Shape.of(40, 12), assertInstanceOf(NirNode.Linear.class, g.nodes().get("fc1")).weight().shape());
        assertEquals(Shape.of(40, 40), assertInstanceOf(NirNode.Linear.class, g.nodes().get("lif1.w_rec")).weight().shape());
        assertEquals(Shape.of(7, 40), assertInstanceOf(NirNode.Linear.class, g.nodes().get("fc2")).weight().shape());
        NirNode.CubaLIF lif1 = assertInstanceOf(NirNode.CubaLIF.class, g.nodes().get("lif1.lif"));
        assertEquals(Shape.of(40), lif1.r().shape());
        assertAll(lif1.tauSyn(), 4e-4, 1e-9);
        assertAll(lif1.tauMem(), 6.67e-4, 1e-6);
        assertAll(lif1.r(), 6.67, 0.01);
        assertAll(lif1.wIn(), 4, 1e-9);
        NirNode.CubaLIF lif2 = assertInstanceOf(NirNode.CubaLIF.class, g.nodes().get("lif2"));
        assertAll(lif2.tauSyn(), 1.82e-4, 1e-6);
        assertAll(lif2.tauMem(), 3.33e-4, 1e-6);
        assertAll(lif2.r(), 3.33, 0.01);
        assertAll(lif2.wIn(), 1.82, 0.01);
    }

    @Test
    void gzipCopiesImportIdenticallyToTheOriginals() throws Exception {
        assertSameGraph(NirFixtures.shared("lif/lif_norse.nir"), NirFixtures.resource("lif_norse_gzip.nir"));
        assertSameGraph(NirFixtures.shared("braille/braille_noDelay_bias_zero.nir"),
                NirFixtures.resource("braille_noDelay_bias_zero_gzip.nir"));
    }

    private static void assertSameGraph(java.nio.file.Path original, java.nio.file.Path gzip) throws Exception {
        NirGraph a = NirFixtures.read(original);
        NirGraph b = NirFixtures.read(gzip);
        assertEquals(a.nodes().keySet(), b.nodes().keySet());
        for (String name : a.nodes().keySet()) {
            assertEquals(a.nodes().get(name), b.nodes().get(name), "node " + name);
        }
        assertEquals(Set.copyOf(a.edges()), Set.copyOf(b.edges()));
        assertEquals(a, b);
    }

    private static void assertAll(Tensor t, double expected, double tolerance) {
        for (int i = 0; i < t.size(); i++) {
            assertEquals(expected, t.get(i), tolerance, "index " + i);
        }
    }
}
