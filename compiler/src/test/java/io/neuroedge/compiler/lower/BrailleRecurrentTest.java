package io.neuroedge.compiler.lower;

import io.neuroedge.compiler.profile.CompileOptions;
import io.neuroedge.compiler.profile.Integrator;
import io.neuroedge.compiler.profile.Profile;
import io.neuroedge.runtime.engine.Engine;
import io.neuroedge.runtime.program.DenseLayer;
import io.neuroedge.runtime.reference.FloatReference;
import io.neuroedge.runtime.simd.ScalarKernels;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recurrent CubaLIF Braille model (reset by subtraction) of the NIR paper: compiled, run for its
 * 256 steps on random taxel input, fixed point against the float reference of the same program.
 * The Braille recordings are not available, so this checks dynamics and arithmetic, not accuracy.
 */
class BrailleRecurrentTest {

    @Test
    void recurrentCubaLifRunsCloseToItsFloatReference() throws Exception {
        CompiledProgram p = new NirCompiler().compile(SharedNir.file("braille/braille_noDelay_noBias_subtract.nir"),
                new CompileOptions(1e-4, Profile.SNNTORCH, Integrator.EULER, 15), "test");
        DenseLayer hidden = (DenseLayer) p.plan().layers().get(0);
        assertTrue(hidden.isRecurrent(), "lif1.w_rec becomes the hidden layer's recurrent weights");
        assertEquals(40, hidden.outFeatures());
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
        System.out.printf("braille: hidden spikes fixed %d float %d same-step %d; predictions agree %d/%d, decided %d%n",
                hiddenSpikesFixed, hiddenSpikesFloat, sameStepSpikes, outputAgreement, samples, decided);
        // the network is active, and the fixed-point rounding of its leaks moves few spikes
        assertTrue(decided > samples / 2, "output neurons spike in most samples: " + decided);
        assertTrue(hiddenSpikesFloat > 1000, "hidden spikes " + hiddenSpikesFloat);
        assertEquals(hiddenSpikesFloat, hiddenSpikesFixed, hiddenSpikesFloat * 0.02,
                "hidden spike totals within 2%");
        assertTrue(sameStepSpikes >= 0.95 * hiddenSpikesFloat,
                sameStepSpikes + " of " + hiddenSpikesFloat + " hidden spikes at the same step");
        assertTrue(outputAgreement >= samples * 0.9, outputAgreement + " of " + samples + " predictions agree");
    }
}
