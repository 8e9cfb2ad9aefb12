package io.neuroedge.compiler.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroedge.compiler.nir.NirGraph;
import io.neuroedge.compiler.nir.NirNode;
import io.neuroedge.compiler.nir.NirValidator;
import io.neuroedge.compiler.nir.Shape;
import io.neuroedge.compiler.nir.Tensor;
import io.neuroedge.compiler.profile.CompileOptions;
import io.neuroedge.compiler.profile.Integrator;
import io.neuroedge.compiler.profile.Profile;
import io.neuroedge.proto.program.NeuronPopulation;
import org.junit.jupiter.api.Test;

/** What the lowering refuses, and the one-line messages it gives. */
class LoweringRejectionTest {

    private static final NirNode INPUT = new NirNode.Input(Shape.of(2));
    private static final NirNode OUTPUT = new NirNode.Output(Shape.of(2));

    private static NirNode affine() {
        return new NirNode.Affine(Tensor.of(new double[] {1, 0.5, -0.25, 1}, 2, 2), Tensor.vector(0, 0));
    }

    private static NirNode lif(double tau, double vReset) {
        return new NirNode.LIF(Tensor.vector(tau, tau), Tensor.vector(1, 1), Tensor.vector(0, 0),
                Tensor.vector(1, 1), Tensor.vector(vReset, vReset));
    }

    private static CompiledProgram compile(NirGraph g, CompileOptions o) throws Exception {
        return new NirCompiler().compile(new NirValidator().validate(g), "g", new byte[0], o, "test");
    }

    @Test
    void delayIsNamedWithItsType() {
        NirGraph g = NirGraph.builder().node("in", INPUT).node("fc", affine()).node("d",
                new NirNode.Delay(Tensor.vector(1, 1))).node("lif", lif(1e-2, 0)).node("out", OUTPUT)
                .chain("in", "fc", "d", "lif", "out").build();
        var e = assertThrows(UnsupportedModelException.class, () -> compile(g, CompileOptions.of(1e-3)));
        assertEquals("the runtime cannot execute node 'd' of type Delay", e.getMessage());
    }

    @Test
    void branchingGraphIsRejected() {
        NirGraph g = NirGraph.builder().node("in", INPUT).node("a", affine()).node("b", affine())
                .node("lif", lif(1e-2, 0)).node("out", OUTPUT)
                .chain("in", "a", "lif", "out").edge("in", "b").edge("b", "lif").build();
        var e = assertThrows(UnsupportedModelException.class, () -> compile(g, CompileOptions.of(1e-3)));
        assertTrue(e.getMessage().contains("node 'in' feeds 2 nodes"), e.getMessage());
    }

    @Test
    void unstableEulerStepIsRejected() {
        NirGraph g = NirGraph.builder().node("in", INPUT).node("fc", affine()).node("lif", lif(1e-4, 0))
                .node("out", OUTPUT).chain("in", "fc", "lif", "out").build();
        var e = assertThrows(UnsupportedModelException.class, () -> compile(g, CompileOptions.of(1e-3)));
        assertTrue(e.getMessage().startsWith("node 'lif': dt/tau = 10"), e.getMessage());
    }

    @Test
    void nonZeroResetPotentialIsRejectedUnderNorseAndBecomesSubtractUnderSnntorch() throws Exception {
        NirGraph g = NirGraph.builder().node("in", INPUT).node("fc", affine()).node("lif", lif(1e-2, 0.2))
                .node("out", OUTPUT).chain("in", "fc", "lif", "out").build();
        var e = assertThrows(UnsupportedModelException.class, () -> compile(g, CompileOptions.of(1e-3)));
        assertTrue(e.getMessage().contains("v_reset 0.2"), e.getMessage());
        CompiledProgram p = compile(g, new CompileOptions(1e-3, Profile.SNNTORCH, Integrator.EULER, 15));
        assertEquals(NeuronPopulation.Reset.SUBTRACT, p.body().getLayers(0).getNeurons().getReset());
        assertTrue(p.report().notes().getFirst().contains("v_reset is ignored"), p.report().notes().toString());
    }

    @Test
    void heterogeneousTimeConstantsAreRejected() {
        NirNode lif = new NirNode.LIF(Tensor.vector(1e-2, 2e-2), Tensor.vector(1, 1), Tensor.vector(0, 0),
                Tensor.vector(1, 1), Tensor.vector(0, 0));
        NirGraph g = NirGraph.builder().node("in", INPUT).node("fc", affine()).node("lif", lif)
                .node("out", OUTPUT).chain("in", "fc", "lif", "out").build();
        var e = assertThrows(UnsupportedModelException.class, () -> compile(g, CompileOptions.of(1e-3)));
        assertTrue(e.getMessage().contains("one leak factor per layer"), e.getMessage());
    }

    @Test
    void recurrentAffineBecomesRecurrentWeightsSharingTheRowScale() throws Exception {
        NirGraph g = NirGraph.builder().node("in", INPUT).node("fc", affine()).node("lif", lif(1e-2, 0))
                .node("rec", new NirNode.Linear(Tensor.of(new double[] {0, -2, 0.5, 0}, 2, 2)))
                .node("out", OUTPUT).chain("in", "fc", "lif", "out").edge("lif", "rec").edge("rec", "lif").build();
        CompiledProgram p = compile(g, CompileOptions.of(1e-3));
        var dense = p.body().getLayers(0).getDense();
        assertEquals(4, dense.getRecurrentWeights().size());
        // row 0: [1, 0.5 | 0, -2] quantized jointly: -2 is the row maximum
        assertEquals(-127, dense.getRecurrentWeights().byteAt(1));
        assertEquals(32, dense.getWeights().byteAt(1));
        assertTrue(p.report().layers().getFirst().kind().endsWith("+rec"));
    }

    @Test
    void synapseRightBeforeOutputBecomesIntegratingMembraneReadout() throws Exception {
        NirGraph g = NirGraph.builder().node("in", INPUT).node("fc", affine()).node("lif", lif(1e-2, 0))
                .node("fc2", affine()).node("out", OUTPUT).chain("in", "fc", "lif", "fc2", "out").build();
        CompiledProgram p = compile(g, CompileOptions.of(1e-3));
        NeuronPopulation n = p.body().getLayers(1).getNeurons();
        assertEquals(NeuronPopulation.Model.LI, n.getModel());
        assertEquals(1, n.getMembraneLeak().getMultiplier());
        assertEquals(0, n.getMembraneLeak().getShift());
        assertEquals("membrane", p.report().readout());
    }
}
