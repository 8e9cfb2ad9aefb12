package io.neuroedge.runtime.reference;

import io.neuroedge.runtime.engine.OutputCounters;
import io.neuroedge.runtime.engine.Readouts;
import io.neuroedge.runtime.program.ConvLayer;
import io.neuroedge.runtime.program.DenseLayer;
import io.neuroedge.runtime.program.ExecutionPlan;
import io.neuroedge.runtime.program.FlattenLayer;
import io.neuroedge.runtime.program.LayerPlan;
import io.neuroedge.runtime.program.PoolLayer;
import io.neuroedge.runtime.program.NeuronParams;

import java.util.Arrays;

/**
 * Runs a program in double precision: the same weights, thresholds and order of operations as the
 * fixed-point engine, but leaks multiply by the exact factor {@code multiplier / 2^shift} with no
 * rounding and states never saturate. The difference between the two is therefore exactly what
 * fixed-point arithmetic costs; docs/spike-program.md states the tolerance the tests hold it to.
 *
 * <p>Written independently of the engine (direct convolution loops, no sparse path, no kernels),
 * so it also cross-checks the engine's layer logic. Slow by design; for tests and reports.
 */
public final class FloatReference {

    private final ExecutionPlan plan;
    private final double[] input;
    private final double[][] outputs;
    private final double[][] membrane;
    private final double[][] current;
    private final double[][] previousSpikes;
    private final byte[] outputSpikes;
    private final OutputCounters counters;
    private final double[] membraneSum;
    private int steps;

    public FloatReference(ExecutionPlan plan) {
        this.plan = plan;
        int layers = plan.layers().size();
        this.input = new double[plan.input().shape().size()];
        this.outputs = new double[layers][];
        this.membrane = new double[layers][];
        this.current = new double[layers][];
        this.previousSpikes = new double[layers][];
        for (int i = 0; i < layers; i++) {
            LayerPlan layer = plan.layers().get(i);
            int n = layer.outputShape().size();
            outputs[i] = new double[n];
            NeuronParams p = neurons(layer);
            if (p != null) {
                membrane[i] = new double[n];
                current[i] = new double[n];
            }
            if (layer instanceof DenseLayer d && d.isRecurrent()) {
                previousSpikes[i] = new double[n];
            }
        }
        this.outputSpikes = new byte[plan.outputSize()];
        this.counters = new OutputCounters(plan.outputSize());
        this.membraneSum = new double[plan.outputSize()];
        reset();
    }

    public void reset() {
        for (int i = 0; i < outputs.length; i++) {
            Arrays.fill(outputs[i], 0);
            if (membrane[i] != null) {
                Arrays.fill(membrane[i], 0);
                Arrays.fill(current[i], 0);
            }
            if (previousSpikes[i] != null) {
                Arrays.fill(previousSpikes[i], 0);
            }
        }
        counters.reset();
        Arrays.fill(membraneSum, 0);
        steps = 0;
    }

    /** One step; input counts are clamped to [0, max_count] exactly as the engine does. */
    public int step(byte[] counts) {
        if (counts.length != input.length) {
            throw new IllegalArgumentException("input has " + counts.length + " elements, the program expects "
                    + input.length);
        }
        for (int i = 0; i < input.length; i++) {
            input[i] = Math.max(0, Math.min(counts[i], plan.input().maxCount()));
        }
        double[] x = input;
        for (int i = 0; i < outputs.length; i++) {
            LayerPlan layer = plan.layers().get(i);
            double[] out = outputs[i];
            switch (layer) {
                case DenseLayer d -> {
                    double[] sums = dense(d, x, previousSpikes[i]);
                    neuronStep(d.neurons(), sums, membrane[i], current[i], out);
                    if (previousSpikes[i] != null) {
                        System.arraycopy(out, 0, previousSpikes[i], 0, out.length);
                    }
                }
                case ConvLayer c -> neuronStep(c.neurons(), conv(c, x), membrane[i], current[i], out);
                case PoolLayer p -> pool(p, x, out);
                case FlattenLayer f -> System.arraycopy(x, 0, out, 0, out.length);
            }
            x = out;
        }
        for (int k = 0; k < x.length; k++) {
            outputSpikes[k] = (byte) (x[k] != 0 ? 1 : 0);
        }
        double[] last = membrane[membrane.length - 1];
        for (int k = 0; k < membraneSum.length; k++) {
            membraneSum[k] += last[k];
        }
        return counters.record(outputSpikes, steps++);
    }

    private static double[] dense(DenseLayer d, double[] x, double[] previous) {
        int in = d.inFeatures();
        int out = d.outFeatures();
        double[] sums = new double[out];
        byte[] w = d.weights();
        byte[] r = d.recurrentWeights();
        for (int o = 0; o < out; o++) {
            double s = 0;
            for (int j = 0; j < in; j++) {
                s += w[o * in + j] * x[j];
            }
            if (r != null) {
                for (int k = 0; k < out; k++) {
                    s += r[o * out + k] * previous[k];
                }
            }
            sums[o] = s;
        }
        return sums;
    }

    private static double[] conv(ConvLayer c, double[] x) {
        int cin = c.inputShape().channels();
        int h = c.inputShape().height();
        int w = c.inputShape().width();
        int cout = c.outputShape().channels();
        int oh = c.outputShape().height();
        int ow = c.outputShape().width();
        int cinG = cin / c.groups();
        int coutG = cout / c.groups();
        byte[] weights = c.weights();
        double[] sums = new double[c.outputShape().size()];
        for (int co = 0; co < cout; co++) {
            int g = co / coutG;
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    double s = 0;
                    for (int cig = 0; cig < cinG; cig++) {
                        int ci = g * cinG + cig;
                        for (int ky = 0; ky < c.kernelH(); ky++) {
                            int iy = oy * c.strideH() - c.padH() + ky;
                            if (iy < 0 || iy >= h) {
                                continue;
                            }
                            for (int kx = 0; kx < c.kernelW(); kx++) {
                                int ix = ox * c.strideW() - c.padW() + kx;
                                if (ix < 0 || ix >= w) {
                                    continue;
                                }
                                int wi = ((co * cinG + cig) * c.kernelH() + ky) * c.kernelW() + kx;
                                s += weights[wi] * x[(ci * h + iy) * w + ix];
                            }
                        }
                    }
                    sums[(co * oh + oy) * ow + ox] = s;
                }
            }
        }
        return sums;
    }

    private static void pool(PoolLayer p, double[] x, double[] out) {
        int ch = p.inputShape().channels();
        int h = p.inputShape().height();
        int w = p.inputShape().width();
        int oh = p.outputShape().height();
        int ow = p.outputShape().width();
        for (int c = 0; c < ch; c++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    double s = 0;
                    for (int ky = 0; ky < p.kernelH(); ky++) {
                        int iy = oy * p.strideH() - p.padH() + ky;
                        for (int kx = 0; kx < p.kernelW(); kx++) {
                            int ix = ox * p.strideW() - p.padW() + kx;
                            if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                s += x[(c * h + iy) * w + ix];
                            }
                        }
                    }
                    // activations are int8 in the program format: the same bound applies here
                    out[(c * oh + oy) * ow + ox] = Math.min(s, PoolLayer.MAX_OUTPUT);
                }
            }
        }
    }

    private static void neuronStep(NeuronParams p, double[] sums, double[] v, double[] cur, double[] spikes) {
        double scale = Math.scalb(1.0, p.inputShift);
        double betaV = p.membraneLeakMultiplier / Math.scalb(1.0, p.membraneLeakShift);
        double betaI = p.currentLeakMultiplier / Math.scalb(1.0, p.currentLeakShift);
        for (int k = 0; k < sums.length; k++) {
            double in = sums[k] * scale;
            if (p.model == NeuronParams.Model.CUBA_LIF) {
                cur[k] = cur[k] * betaI + in + p.currentBias(k);
                in = cur[k];
            }
            double u = (p.model == NeuronParams.Model.IF ? v[k] : v[k] * betaV) + in + p.bias(k);
            if (p.hasFloor && u < p.floor(k)) {
                u = p.floor(k);
            }
            double s = 0;
            if (p.spiking() && u > p.threshold(k)) {
                s = 1;
                u = p.resetBySubtraction ? u - p.threshold(k) : 0;
            }
            v[k] = u;
            spikes[k] = s;
        }
    }

    private static NeuronParams neurons(LayerPlan layer) {
        return switch (layer) {
            case DenseLayer d -> d.neurons();
            case ConvLayer c -> c.neurons();
            default -> null;
        };
    }

    public int steps() {
        return steps;
    }

    public int[] spikeCounts() {
        return counters.spikeCounts();
    }

    public int[] firstSpikeSteps() {
        return counters.firstSpikeSteps();
    }

    /** Membrane of layer {@code index} in state units (null for pool and flatten). Live array. */
    public double[] membrane(int index) {
        return membrane[index];
    }

    /** Output of layer {@code index} after the last step. Live array. */
    public double[] layerOutput(int index) {
        return outputs[index];
    }

    /** The readout's decision, as {@link io.neuroedge.runtime.engine.Engine#predicted()} makes it. */
    public int predicted() {
        boolean summed = plan.readout() == ExecutionPlan.ReadoutKind.MEMBRANE_SUM;
        double[] m = summed ? membraneSum : membrane[membrane.length - 1];
        int[] rank = new int[m.length];
        if (plan.readout() == ExecutionPlan.ReadoutKind.MEMBRANE || summed) {
            // rank by membrane: ordering is all the membrane readout needs
            Integer[] order = new Integer[m.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(m[a], m[b]));
            for (int r = 0; r < order.length; r++) {
                rank[order[r]] = r;
            }
            for (int r = 1; r < order.length; r++) {
                if (m[order[r]] == m[order[r - 1]]) {
                    rank[order[r]] = rank[order[r - 1]];
                }
            }
        }
        long[] rankSums = new long[rank.length];
        for (int k = 0; k < rank.length; k++) {
            rankSums[k] = rank[k];
        }
        return Readouts.predict(plan.readout(), counters.spikeCounts(), counters.firstSpikeSteps(), rank, rankSums);
    }
}
