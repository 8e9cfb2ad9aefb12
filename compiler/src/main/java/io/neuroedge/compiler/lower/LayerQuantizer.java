package io.neuroedge.compiler.lower;

import io.neuroedge.compiler.nir.NirNode;
import io.neuroedge.compiler.nir.Shape;
import io.neuroedge.compiler.nir.Tensor;
import io.neuroedge.compiler.quant.FixedPointFactor;
import io.neuroedge.compiler.quant.QuantizedWeights;
import io.neuroedge.proto.program.FixedPoint;
import io.neuroedge.proto.program.NeuronPopulation;
import io.neuroedge.proto.program.NeuronPopulation.Model;
import io.neuroedge.runtime.program.NeuronParams;
import io.neuroedge.runtime.program.Rounding;
import java.util.Arrays;

/**
 * Quantizes one synaptic stage: folds the neuron's input gain (and a Scale node) into the real
 * weights, quantizes {@code [W | R]} per output row to int8, picks the largest input shift the
 * verifier's overflow bound allows, and expresses thresholds, biases and floors in state units
 * (docs/spike-program.md §6).
 */
final class LayerQuantizer {

    /** Largest input shift tried: 24 fractional bits are far below any leak's rounding. */
    static final int MAX_SHIFT = 24;

    private LayerQuantizer() {
    }

    /**
     * @param s    the stage
     * @param d    its discrete dynamics
     * @param bIn  largest integer value of the layer's input
     * @param uIn  real value of one input unit (1/k² per preceding average pool)
     */
    static QuantizedLayer quantize(Stage.Synaptic s, NeuronDynamics d, int bIn, double uIn) {
        String name = s.name();
        Shape out = s.outputShape();
        int n = out.size();
        boolean conv = s.synapse() instanceof NirNode.Conv2d;
        Tensor w = weight(s.synapse());
        int rows = w.dim(0);
        int cols = w.size() / rows;
        int perRow = n / rows; // neurons sharing one weight row: the pixels of a conv channel
        double[] scale = s.scale() == null ? ones(n) : PerNeuron.expand(s.scale().scale(), out, name, "scale");
        if (conv && s.recurrent() != null) {
            throw new UnsupportedModelException("node '" + name + "': recurrent weights are supported on dense layers only");
        }
        double[] gainScale = new double[n];
        for (int k = 0; k < n; k++) {
            gainScale[k] = d.gain()[k] * scale[k];
        }
        double[] rowGain = conv ? PerNeuron.perChannel(gainScale, rows, name, "input gain (r, w_in, scale)") : gainScale;
        double[] rec = s.recurrent() == null ? null : weight(s.recurrent()).toArray();
        int recCols = rec == null ? 0 : n;
        int all = cols + recCols;
        double[] real = new double[rows * all];
        double[] wv = w.toArray();
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                real[r * all + j] = rowGain[r] * wv[r * cols + j];
            }
            for (int j = 0; j < recCols; j++) {
                real[r * all + cols + j] = d.gain()[r] * rec[r * n + j];
            }
        }
        // an LI output is read out by comparing membranes across neurons: they need one state unit
        QuantizedWeights q = d.model() == Model.LI ? QuantizedWeights.perTensor(real, rows, all)
                : QuantizedWeights.perRow(real, rows, all);
        double[] currentBias = new double[out.size()];
        double[] bias = realBias(s, d, scale, out, currentBias);
        int shift = chooseShift(name, q, rows, cols, all, bIn, d, bias, currentBias, perRow, uIn);
        return assemble(s, d, q, rows, cols, all, shift, bias, currentBias, perRow, uIn,
                relativeError(real, q, rows, all), out);
    }

    private static Tensor weight(NirNode node) {
        return switch (node) {
            case NirNode.Affine a -> a.weight();
            case NirNode.Linear l -> l.weight();
            case NirNode.Conv2d c -> c.weight();
            default -> throw new IllegalStateException("not a synapse: " + node.typeName());
        };
    }

    private static double[] synapseBias(NirNode node, Shape out, String name) {
        return switch (node) {
            case NirNode.Affine a -> PerNeuron.expand(a.bias(), out, name, "bias");
            case NirNode.Conv2d c -> PerNeuron.expand(c.bias(), out, name, "bias");
            default -> new double[out.size()];
        };
    }

    /**
     * Constant drive per step in voltage units: v_leak's share plus the gained synaptic biases. A
     * synaptic bias into a CubaLIF charges its current instead: that part goes to {@code currentBias}
     * (gained like the weights, since the program folds all gains into them).
     */
    private static double[] realBias(Stage.Synaptic s, NeuronDynamics d, double[] scale, Shape out,
                                     double[] currentBias) {
        double[] b = synapseBias(s.synapse(), out, s.synapseName());
        double[] rb = s.recurrent() == null ? new double[out.size()] : synapseBias(s.recurrent(), out, s.recurrentName());
        double[] total = new double[out.size()];
        for (int k = 0; k < total.length; k++) {
            double input = d.gain()[k] * (scale[k] * b[k] + rb[k]);
            if (d.model() == Model.CUBA_LIF) {
                currentBias[k] = input;
                total[k] = d.leakBias()[k];
            } else {
                total[k] = d.leakBias()[k] + input;
            }
        }
        return total;
    }

    private static int chooseShift(String name, QuantizedWeights q, int rows, int cols, int all, int bIn,
                                   NeuronDynamics d, double[] bias, double[] currentBias, int perRow, double uIn) {
        long worstRow = 0;
        for (int r = 0; r < rows; r++) {
            long sum = 0;
            for (int j = 0; j < all; j++) {
                sum += Math.abs(q.values()[r * all + j]) * (j < cols ? (long) bIn : 1L);
            }
            worstRow = Math.max(worstRow, sum);
        }
        for (int shift = MAX_SHIFT; shift >= 0; shift--) {
            if ((worstRow << shift) <= NeuronParams.STATE_MAX && fits(d, bias, q, perRow, uIn, shift)
                    && fits(currentBias, q, perRow, uIn, shift)) {
                return shift;
            }
        }
        throw new UnsupportedModelException("node '" + name + "': no input shift keeps the synaptic sums and the"
                + " thresholds inside the 31-bit state range");
    }

    private static boolean fits(NeuronDynamics d, double[] bias, QuantizedWeights q, int perRow, double uIn, int shift) {
        for (int k = 0; k < bias.length; k++) {
            double unit = unit(q, k / perRow, uIn, shift);
            if (Math.abs(bias[k] / unit) > NeuronParams.STATE_MAX
                    || d.threshold() != null && Math.abs(d.threshold()[k] / unit) > NeuronParams.STATE_MAX) {
                return false;
            }
        }
        return true;
    }

    private static boolean fits(double[] values, QuantizedWeights q, int perRow, double uIn, int shift) {
        for (int k = 0; k < values.length; k++) {
            if (Math.abs(values[k] / unit(q, k / perRow, uIn, shift)) > NeuronParams.STATE_MAX) {
                return false;
            }
        }
        return true;
    }

    /** Real value of one state unit of neuron row {@code row}. */
    private static double unit(QuantizedWeights q, int row, double uIn, int shift) {
        return Rounding.stateUnit(q.scales()[row], uIn, shift);
    }

    private static QuantizedLayer assemble(Stage.Synaptic s, NeuronDynamics d, QuantizedWeights q, int rows,
                                           int cols, int all, int shift, double[] bias, double[] currentBias,
                                           int perRow, double uIn, double relError, Shape out) {
        int n = bias.length;
        byte[] weights = new byte[rows * cols];
        byte[] rec = all > cols ? new byte[rows * (all - cols)] : null;
        for (int r = 0; r < rows; r++) {
            System.arraycopy(q.values(), r * all, weights, r * cols, cols);
            if (rec != null) {
                System.arraycopy(q.values(), r * all + cols, rec, r * (all - cols), all - cols);
            }
        }
        int[] thr = new int[n];
        int[] b = new int[n];
        int[] fl = new int[n];
        int[] cb = new int[n];
        boolean charged = false;
        for (int k = 0; k < n; k++) {
            double unit = unit(q, k / perRow, uIn, shift);
            b[k] = (int) Math.round(bias[k] / unit);
            cb[k] = (int) Math.round(currentBias[k] / unit);
            charged |= cb[k] != 0;
            if (d.threshold() != null) {
                thr[k] = Rounding.threshold(d.threshold()[k], unit); // fits() kept it <= STATE_MAX
            }
            if (d.floor() != null) {
                fl[k] = (int) Math.min(0, Math.round(d.floor()[k] / unit));
            }
        }
        int channels = out.rank() == 3 ? out.dim(0) : n;
        NeuronPopulation.Builder pop = NeuronPopulation.newBuilder().setModel(d.model()).setReset(d.reset())
                .setInputShift(shift);
        for (int v : PerNeuron.compress(b, channels, true)) {
            pop.addBias(v);
        }
        if (d.threshold() != null) {
            for (int v : PerNeuron.compress(thr, channels, false)) {
                pop.addThreshold(v);
            }
        }
        if (d.floor() != null) {
            for (int v : PerNeuron.compress(fl, channels, false)) {
                pop.addFloor(v);
            }
        }
        if (charged) {
            for (int v : PerNeuron.compress(cb, channels, true)) {
                pop.addCurrentBias(v);
            }
        }
        if (d.model() != Model.IF) {
            pop.setMembraneLeak(fixed(d.beta()));
        }
        if (d.model() == Model.CUBA_LIF) {
            pop.setCurrentLeak(fixed(d.alpha()));
        }
        int tMin = d.threshold() == null ? 0 : Arrays.stream(thr).min().orElseThrow();
        int tMax = d.threshold() == null ? 0 : Arrays.stream(thr).max().orElseThrow();
        return new QuantizedLayer(weights, rec, q.scales(), pop.build(), relError, d.beta(), d.alpha(), tMin, tMax);
    }

    static FixedPoint fixed(double factor) {
        FixedPointFactor f = FixedPointFactor.of(factor);
        return FixedPoint.newBuilder().setMultiplier(f.multiplier()).setShift(f.shift()).build();
    }

    private static double relativeError(double[] real, QuantizedWeights q, int rows, int all) {
        double worst = 0;
        for (int r = 0; r < rows; r++) {
            double max = 0;
            double err = 0;
            for (int j = 0; j < all; j++) {
                double v = real[r * all + j];
                max = Math.max(max, Math.abs(v));
                err = Math.max(err, Math.abs(v - q.values()[r * all + j] * (double) q.scales()[r]));
            }
            if (max > 0) {
                worst = Math.max(worst, err / max);
            }
        }
        return worst;
    }

    private static double[] ones(int n) {
        double[] v = new double[n];
        Arrays.fill(v, 1);
        return v;
    }
}
