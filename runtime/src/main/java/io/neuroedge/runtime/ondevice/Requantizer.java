package io.neuroedge.runtime.ondevice;

import io.neuroedge.runtime.program.DenseLayer;
import io.neuroedge.runtime.program.Rounding;

/**
 * Rounds learned float masters into the engine's int8 weights, scales and integer thresholds, with
 * the compiler's rounding rules ({@link Rounding}). A row's scale grows when its weights outgrow
 * int8 (the readout's rows share one scale, because the readout compares membranes across outputs)
 * and when its worst-case drive would leave the bound the loader verified; thresholds are
 * re-expressed in the new state unit. So the program stays verifiable by construction.
 */
final class Requantizer {

    private Requantizer() {
    }

    static void requantize(LearnedLayer[] layers) {
        for (LearnedLayer l : layers) {
            if (l.readout) {
                float shared = 0;
                for (int j = 0; j < l.out; j++) {
                    shared = Math.max(shared, rowScale(l, j));
                }
                for (int j = 0; j < l.out; j++) {
                    l.scale[j] = shared;
                }
            } else {
                for (int j = 0; j < l.out; j++) {
                    l.scale[j] = rowScale(l, j);
                }
            }
            for (int j = 0; j < l.out; j++) {
                write(l, j);
            }
        }
    }

    /** The row's scale: kept unless its weights outgrow int8 or its drive the verified bound. */
    private static float rowScale(LearnedLayer l, int j) {
        int row = j * l.in;
        float max = 0;
        for (int i = 0; i < l.in; i++) {
            max = Math.max(max, Math.abs(l.master[row + i]));
        }
        float scale = Math.max(l.scale[j], max / (float) Rounding.INT8_MAX);
        for (long sum = quantizedL1(l, row, scale); sum > l.driveBudget; sum = quantizedL1(l, row, scale)) {
            scale *= 1.01f * sum / l.driveBudget;
        }
        return scale;
    }

    private static long quantizedL1(LearnedLayer l, int row, float scale) {
        float inv = 1f / scale;
        long sum = 0;
        for (int i = 0; i < l.in; i++) {
            sum += Math.abs(Rounding.int8ByReciprocal(l.master[row + i], inv));
        }
        return sum;
    }

    /** Multiplies by the reciprocal scale (a division per weight made re-quantizing the slow part of learning). */
    private static void write(LearnedLayer l, int j) {
        DenseLayer layer = l.layer;
        int row = j * l.in;
        float scale = l.scale[j];
        float inv = 1f / scale;
        layer.overwriteWeightScale(j, scale);
        byte[] q = l.quantized;
        for (int i = 0; i < l.in; i++) {
            q[i] = Rounding.int8ByReciprocal(l.master[row + i], inv);
        }
        layer.overwriteWeightRow(j, q);
        l.unit[j] = Rounding.stateUnit(scale, l.inputUnit, l.neurons.inputShift);
        if (!l.readout) {
            l.neurons.overwriteThreshold(j, Rounding.threshold(l.theta[j], l.unit[j]));
        }
    }
}
