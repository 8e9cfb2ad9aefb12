package io.neuroedge.compiler.lower;

import io.neuroedge.proto.model.ConvWeights;
import io.neuroedge.proto.model.DenseWeights;
import io.neuroedge.proto.model.EventInput;
import io.neuroedge.proto.model.InputEncoding;
import io.neuroedge.proto.model.ModelLayer;
import io.neuroedge.proto.model.ModelShape;
import io.neuroedge.proto.model.Neurons;
import io.neuroedge.proto.model.SumPool;
import io.neuroedge.proto.model.TrainedModel;
import io.neuroedge.runtime.engine.Engine;
import io.neuroedge.runtime.program.ExecutionPlan;
import io.neuroedge.runtime.program.SpikePrograms;
import io.neuroedge.runtime.simd.KernelProviders;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelCompilerTest {

    private static final int IN = 40;
    private static final int HIDDEN = 24;
    private static final int OUT = 5;
    private static final int T = 24;

    @Test
    void compiledDenseModelShouldSpikeAndDecideLikeTheFloatModel() {
        SplittableRandom rnd = new SplittableRandom(7);
        float[] w1 = randn(rnd, HIDDEN * IN, 0.45f);
        float[] w2 = randn(rnd, OUT * HIDDEN, 0.5f);
        float[] theta = new float[HIDDEN];
        for (int j = 0; j < HIDDEN; j++) {
            theta[j] = 0.6f + 0.8f * (float) rnd.nextDouble();
        }
        TrainedModel model = denseModel(w1, theta, 0.875f, w2, 0.75f);
        ExecutionPlan plan = new ModelCompiler().compile(model, "dense", model.toByteArray(), null, "test").plan();
        assertEquals(ExecutionPlan.ReadoutKind.MEMBRANE_SUM, plan.readout());
        Engine engine = new Engine(plan, KernelProviders.scalar());

        long agree = 0;
        long total = 0;
        int samePrediction = 0;
        int samples = 200;
        for (int s = 0; s < samples; s++) {
            byte[][] input = new byte[T][IN];
            for (byte[] step : input) {
                for (int i = 0; i < IN; i++) {
                    step[i] = (byte) (rnd.nextDouble() < 0.3 ? 1 : 0);
                }
            }
            FloatModel ref = new FloatModel(w1, theta, 0.875f, w2, 0.75f);
            engine.reset();
            for (byte[] step : input) {
                boolean[] hidden = ref.step(step);
                engine.step(step);
                byte[] fixed = engine.layerOutput(0);
                for (int j = 0; j < HIDDEN; j++) {
                    agree += (fixed[j] != 0) == hidden[j] ? 1 : 0;
                    total++;
                }
            }
            samePrediction += engine.predicted() == ref.predicted() ? 1 : 0;
        }
        double agreement = agree / (double) total;
        assertTrue(agreement > 0.99, "hidden spike agreement " + agreement);
        assertTrue(samePrediction >= samples * 0.95, samePrediction + " of " + samples + " identical decisions");
    }

    @Test
    void convModelShouldCompileWithPoolFlattenAndEventInput() throws Exception {
        SplittableRandom rnd = new SplittableRandom(3);
        TrainedModel model = TrainedModel.newBuilder().setMagic(ModelCompiler.MAGIC)
                .setFormatVersion(ModelCompiler.FORMAT_VERSION).setArchitecture("2x34x34-c4k5s2p1-p2-10")
                .setInput(ModelShape.newBuilder().setChannels(2).setHeight(34).setWidth(34))
                .setEncoding(InputEncoding.EVENTS).setTimeSteps(16)
                .setEvents(EventInput.newBuilder().setSensorWidth(34).setSensorHeight(34).setBinUs(20_000).setMaxCount(3))
                .addLayers(ModelLayer.newBuilder().setConv(ConvWeights.newBuilder().setInChannels(2).setOutChannels(4)
                                .setKernel(5).setStride(2).setPadding(1).addAllWeights(list(randn(rnd, 4 * 2 * 25, 0.3f))))
                        .setNeurons(lif(0.9f, 1f, 1.2f, 0.8f, 1f)))
                .addLayers(ModelLayer.newBuilder().setPool(SumPool.newBuilder().setKernel(2)))
                .addLayers(ModelLayer.newBuilder().setDense(DenseWeights.newBuilder().setInputs(4 * 8 * 8).setOutputs(10)
                                .addAllWeights(list(randn(rnd, 10 * 256, 0.1f))))
                        .setNeurons(Neurons.newBuilder().setKind(Neurons.Kind.LEAKY_READOUT).setAlpha(0.9f)))
                .build();
        CompiledProgram p = new ModelCompiler().compile(model, "conv", model.toByteArray(), null, "test");
        ExecutionPlan plan = p.plan();
        assertEquals(4, plan.layers().size(), "conv, pool, flatten, dense");
        assertEquals(20_000, plan.input().events().orElseThrow().binUs());
        assertEquals(3, plan.input().maxCount());
        // the sealed program loads again byte for byte
        byte[] sealed = SpikePrograms.seal(p.body()).toByteArray();
        assertEquals(plan.digest(), new io.neuroedge.runtime.program.ProgramLoader().load(sealed).digest());
        assertTrue(p.report().text().contains("conv2d 2->4 k5 s2 p1"), p.report().text());
    }

    @Test
    void ifLayersShouldCompileToLeaklessIfNeurons() {
        SplittableRandom rnd = new SplittableRandom(5);
        TrainedModel lif = denseModel(randn(rnd, HIDDEN * IN, 0.4f), filled(HIDDEN, 1f), 0.9f,
                randn(rnd, OUT * HIDDEN, 0.4f), 0.9f);
        TrainedModel integrate = lif.toBuilder().setLayers(0, lif.getLayers(0).toBuilder().setNeurons(
                lif.getLayers(0).getNeurons().toBuilder().setKind(Neurons.Kind.IF_SOFT_RESET).setAlpha(1f))).build();
        ExecutionPlan plan = new ModelCompiler().compile(integrate, "if", integrate.toByteArray(), null, "test").plan();
        var neurons = ((io.neuroedge.runtime.program.DenseLayer) plan.layers().get(0)).neurons();
        assertEquals(io.neuroedge.runtime.program.NeuronParams.Model.IF, neurons.model);
        assertTrue(neurons.resetBySubtraction);
        TrainedModel bad = integrate.toBuilder().setLayers(0, integrate.getLayers(0).toBuilder().setNeurons(
                integrate.getLayers(0).getNeurons().toBuilder().setAlpha(0.9f))).build();
        assertMessage(new ModelCompiler(), bad, "model layer 0: alpha 0.9 of an IF layer must be 1");
    }

    @Test
    void badModelsShouldBeRejectedWithTheLayerNamed() {
        SplittableRandom rnd = new SplittableRandom(1);
        TrainedModel good = denseModel(randn(rnd, HIDDEN * IN, 0.4f), filled(HIDDEN, 1f), 0.9f,
                randn(rnd, OUT * HIDDEN, 0.4f), 0.9f);
        ModelCompiler c = new ModelCompiler();
        TrainedModel shortWeights = good.toBuilder().setLayers(0, good.getLayers(0).toBuilder()
                .setDense(good.getLayers(0).getDense().toBuilder().clearWeights()
                        .addAllWeights(good.getLayers(0).getDense().getWeightsList().subList(1, IN * HIDDEN)))).build();
        assertMessage(c, shortWeights, "model layer 0: weights: expected 960 values, got 959");
        TrainedModel badAlpha = good.toBuilder().setLayers(1, good.getLayers(1).toBuilder()
                .setNeurons(good.getLayers(1).getNeurons().toBuilder().setAlpha(1.5f))).build();
        assertMessage(c, badAlpha, "model layer 1: alpha 1.5 outside [0, 1)");
        TrainedModel nan = good.toBuilder().setLayers(0, good.getLayers(0).toBuilder()
                .setDense(good.getLayers(0).getDense().toBuilder().setWeights(3, Float.NaN))).build();
        assertMessage(c, nan, "model layer 0: weights[3] is not finite: NaN");
        TrainedModel zeroTheta = good.toBuilder().setLayers(0, good.getLayers(0).toBuilder()
                .setNeurons(good.getLayers(0).getNeurons().toBuilder().setThreshold(2, 0f))).build();
        assertMessage(c, zeroTheta, "model layer 0: threshold 0.0 is not positive and finite");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelCompiler.parse(new byte[] {0x0D, 1, 2, 3, 4}, "x.nem"));
        assertTrue(e.getMessage().startsWith("x.nem: "), e.getMessage());
        assertTrue(ModelCompiler.looksLikeModel(good.toByteArray()));
        assertEquals(good, ModelCompiler.parse(good.toByteArray(), "good.nem"));
    }

    private static void assertMessage(ModelCompiler c, TrainedModel m, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.compile(m, "m", m.toByteArray(), null, "test"));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    static TrainedModel denseModel(float[] w1, float[] theta, float a1, float[] w2, float a2) {
        return TrainedModel.newBuilder().setMagic(ModelCompiler.MAGIC).setFormatVersion(ModelCompiler.FORMAT_VERSION)
                .setArchitecture(IN + "-" + HIDDEN + "-" + OUT)
                .setInput(ModelShape.newBuilder().setChannels(IN).setHeight(1).setWidth(1))
                .setEncoding(InputEncoding.RATE).setTimeSteps(T)
                .addLayers(ModelLayer.newBuilder().setDense(DenseWeights.newBuilder().setInputs(IN).setOutputs(HIDDEN)
                        .addAllWeights(list(w1))).setNeurons(lif(a1, theta)))
                .addLayers(ModelLayer.newBuilder().setDense(DenseWeights.newBuilder().setInputs(HIDDEN).setOutputs(OUT)
                                .addAllWeights(list(w2)))
                        .setNeurons(Neurons.newBuilder().setKind(Neurons.Kind.LEAKY_READOUT).setAlpha(a2)))
                .build();
    }

    private static Neurons lif(float alpha, float... theta) {
        Neurons.Builder n = Neurons.newBuilder().setKind(Neurons.Kind.LIF_SOFT_RESET).setAlpha(alpha);
        for (float t : theta) {
            n.addThreshold(t);
        }
        return n.build();
    }

    /** The model's documented semantics in double precision. */
    private static final class FloatModel {
        final float[] w1;
        final float[] theta;
        final float a1;
        final float[] w2;
        final float a2;
        final double[] v = new double[HIDDEN];
        final double[] u = new double[OUT];
        final double[] sum = new double[OUT];

        FloatModel(float[] w1, float[] theta, float a1, float[] w2, float a2) {
            this.w1 = w1;
            this.theta = theta;
            this.a1 = a1;
            this.w2 = w2;
            this.a2 = a2;
        }

        boolean[] step(byte[] in) {
            boolean[] s = new boolean[HIDDEN];
            for (int j = 0; j < HIDDEN; j++) {
                double x = a1 * v[j];
                for (int i = 0; i < IN; i++) {
                    x += w1[j * IN + i] * in[i];
                }
                s[j] = x >= theta[j];
                v[j] = s[j] ? x - theta[j] : x;
            }
            for (int k = 0; k < OUT; k++) {
                double x = a2 * u[k];
                for (int j = 0; j < HIDDEN; j++) {
                    x += s[j] ? w2[k * HIDDEN + j] : 0;
                }
                u[k] = x;
                sum[k] += x;
            }
            return s;
        }

        int predicted() {
            int best = 0;
            for (int k = 1; k < OUT; k++) {
                if (sum[k] > sum[best]) {
                    best = k;
                }
            }
            return best;
        }
    }

    private static float[] randn(SplittableRandom rnd, int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            double a = rnd.nextDouble();
            double b = rnd.nextDouble();
            v[i] = (float) (scale * Math.sqrt(-2 * Math.log(1 - a)) * Math.cos(2 * Math.PI * b));
        }
        return v;
    }

    private static float[] filled(int n, float value) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, value);
        return v;
    }

    private static java.util.List<Float> list(float[] v) {
        java.util.List<Float> out = new java.util.ArrayList<>(v.length);
        for (float f : v) {
            out.add(f);
        }
        return out;
    }
}
