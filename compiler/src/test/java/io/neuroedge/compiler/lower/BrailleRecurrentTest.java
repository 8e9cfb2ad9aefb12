package io.neuroedge.compiler.lower;

import io.neuroedge.compiler.profile.CompileOptions;
import io.neuroedge.compiler.profile.Integrator;
import io.neuroedge.compiler.profile.Profile;
import io.neuroedge.runtime.engine.Engine;
import io.neuroedge.runtime.program.DenseLayer;
import io.neuroedge.runtime.reference.FloatReference;
import io.neuroedge.runtime.simd.ScalarKernels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recurrent CubaLIF Braille models of the NIR paper — reset by subtraction (snnTorch profile) and
 * reset to zero with synaptic biases that charge the current (Norse profile, whose reset is to
 * v_reset): compiled, run for their 256 steps on random taxel input, fixed point against the float
 * reference of the same program. The Braille recordings are not available, so this checks dynamics
 * and arithmetic, not accuracy.
 */
class BrailleRecurrentTest {

    @ParameterizedTest
    @CsvSource({"braille/braille_noDelay_noBias_subtract.nir, SNNTORCH, 40, false",
            "braille/braille_noDelay_bias_zero.nir, NORSE, 38, true"})
    void recurrentCubaLifRunsCloseToItsFloatReference(String file, Profile profile, int hiddenSize, boolean biased)
            throws Exception {
        CompiledProgram p = new NirCompiler().compile(SharedNir.file(file),
                new CompileOptions(1e-4, profile, Integrator.EULER, 15), "test");
        DenseLayer hidden = (DenseLayer) p.plan().layers().get(0);
        assertTrue(hidden.isRecurrent(), "lif1.w_rec becomes the hidden layer's recurrent weights");
        assertEquals(hiddenSize, hidden.outFeatures());
        assertEquals(biased, p.body().getLayers(0).getNeurons().getCurrentBiasCount() > 0,
                "the synaptic biases of fc1 and w_rec charge the CubaLIF current");
        assertEquals(7, p.plan().outputSize());

        int hiddenSpikesFixed = 0;
        int hiddenSpikesFloat = 0;
        int sameStepSpikes = 0;
        int outputAgreement = 0;
        int decided = 0;
        int samples = 20;
        for (int s = 0; s < samples; s++) {
            SplittableRandom rnd = new SplittableRandom(100 + s);
            Engine engine = new Engine(p.plan(), ScalarKernels.INSTANCE);
            FloatReference reference = new FloatReference(p.plan());
            for (int t = 0; t < 256; t++) {
                byte[] x = new byte[12];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (byte) (rnd.nextDouble() < 0.2 ? 1 : 0);
                }
                engine.step(x);
                reference.step(x);
                byte[] fixed = engine.layerOutput(0);
                double[] real = reference.layerOutput(0);
                for (int k = 0; k < fixed.length; k++) {
                    hiddenSpikesFixed += fixed[k];
                    hiddenSpikesFloat += (int) real[k];
                    if (fixed[k] == 1 && real[k] == 1) {
                        sameStepSpikes++;
                    }
                }
            }
            if (engine.predicted() == reference.predicted()) {
                outputAgreement++;
            }
            if (engine.predicted() >= 0) {
                decided++;
            }
        }
        System.out.printf(file + ": hidden spikes fixed %d float %d same-step %d; predictions agree %d/%d, decided %d%n",
                hiddenSpikesFixed, hiddenSpikesFloat, sameStepSpikes, outputAgreement, samples, decided);
        // the network is active, and the fixed-point rounding of its leaks moves few spikes
        assertTrue(decided > samples / 2, "output neurons spike in most samples: " + decided);
        assertTrue(hiddenSpikesFloat > 500, "hidden spikes " + hiddenSpikesFloat);
        assertEquals(hiddenSpikesFloat, hiddenSpikesFixed, hiddenSpikesFloat * 0.02,
                "hidden spike totals within 2%");
        assertTrue(sameStepSpikes >= 0.95 * hiddenSpikesFloat,
                sameStepSpikes + " of " + hiddenSpikesFloat + " hidden spikes at the same step");
        assertTrue(outputAgreement >= samples * 0.9, outputAgreement + " of " + samples + " predictions agree");
    }
}
