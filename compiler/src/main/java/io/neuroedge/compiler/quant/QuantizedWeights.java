package io.neuroedge.compiler.quant;

import io.neuroedge.runtime.program.Rounding;

/**
 * int8 weights with one scale per output channel: {@code real ≈ q * scale[row]}.
 *
 * @param values        int8 values in -127..127, row-major [rows][cols]
 * @param scales        one positive scale per row
 * @param maxAbsError   largest |real - q * scale| over all weights
 */
public record QuantizedWeights(byte[] values, float[] scales, double maxAbsError) {

    /**
     * Symmetric per-row quantization: each row's largest magnitude maps to ±127 (so no row loses
     * resolution to another's range); an all-zero row gets scale 1 and zeros.
     */
    public static QuantizedWeights perRow(double[] weights, int rows, int cols) {
        return quantize(weights, rows, cols, false);
    }

    /**
     * One scale shared by all rows (stored once per row). Needed where the program compares state
     * across neurons, as membrane readouts do: a shared scale gives every neuron the same state unit.
     */
    public static QuantizedWeights perTensor(double[] weights, int rows, int cols) {
        return quantize(weights, rows, cols, true);
    }

    private static QuantizedWeights quantize(double[] weights, int rows, int cols, boolean shared) {
        if (weights.length != (long) rows * cols) {
            throw new IllegalArgumentException("weights have " + weights.length + " values, expected " + rows + "x" + cols);
        }
        byte[] q = new byte[weights.length];
        float[] scales = new float[rows];
        double worst = 0;
        double tensorMax = 0;
        for (double w : weights) {
            tensorMax = Math.max(tensorMax, Math.abs(w));
        }
        for (int r = 0; r < rows; r++) {
            double max = 0;
            for (int c = 0; c < cols; c++) {
                double w = weights[r * cols + c];
                if (!Double.isFinite(w)) {
                    throw new IllegalArgumentException("weight [" + r + "][" + c + "] is " + w);
                }
                max = Math.max(max, Math.abs(w));
            }
            if (shared) {
                max = tensorMax;
            }
            float scale = max == 0 ? 1f : (float) (max / 127);
            scales[r] = scale;
            for (int c = 0; c < cols; c++) {
                double w = weights[r * cols + c];
                byte clamped = Rounding.int8(w, scale);
                q[r * cols + c] = clamped;
                worst = Math.max(worst, Math.abs(w - clamped * (double) scale));
            }
        }
        return new QuantizedWeights(q, scales, worst);
    }
}
