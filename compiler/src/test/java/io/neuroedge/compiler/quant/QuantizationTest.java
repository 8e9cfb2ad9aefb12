package io.neuroedge.compiler.quant;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuantizationTest {

    @Test
    void eachRowsLargestMagnitudeMapsTo127() {
        double[] w = {0.5, -0.3, 0.1, /* row 2 */ -2.0, 0.7, 0.0};
        QuantizedWeights q = QuantizedWeights.perRow(w, 2, 3);
        // row 1: step 0.5/127, so -0.3 -> -76.2 -> -76 and 0.1 -> 25.4 -> 25; row 2: 0.7 -> 44.45 -> 44
        assertArrayEquals(new byte[] {127, -76, 25, -127, 44, 0}, q.values());
        assertEquals(0.5f / 127, q.scales()[0], 1e-9);
        assertEquals(2.0f / 127, q.scales()[1], 1e-9);
    }

    @Test
    void perTensorShouldShareTheLargestMagnitudeAcrossRows() {
        double[] w = {0.5, -0.3, 0.1, /* row 2 */ -2.0, 0.7, 0.0};
        QuantizedWeights q = QuantizedWeights.perTensor(w, 2, 3);
        // one step 2/127 for both rows: 0.5 -> 31.75 -> 32, -0.3 -> -19.05 -> -19, 0.1 -> 6.35 -> 6
        assertArrayEquals(new byte[] {32, -19, 6, -127, 44, 0}, q.values());
        assertEquals(2.0f / 127, q.scales()[0], 1e-9);
        assertEquals(q.scales()[0], q.scales()[1]);
    }

    @Test
    void errorIsAtMostHalfAStepPerRow() {
        SplittableRandom rnd = new SplittableRandom(7);
        int rows = 40;
        int cols = 97;
        double[] w = new double[rows * cols];
        for (int i = 0; i < w.length; i++) {
            w[i] = rnd.nextGaussian() * (1 + i / cols);
        }
        QuantizedWeights q = QuantizedWeights.perRow(w, rows, cols);
        for (int r = 0; r < rows; r++) {
            double step = q.scales()[r];
            for (int c = 0; c < cols; c++) {
                double err = Math.abs(w[r * cols + c] - q.values()[r * cols + c] * step);
                assertTrue(err <= step / 2 * (1 + 1e-6), "row " + r + " col " + c + " error " + err + " step " + step);
            }
        }
        assertTrue(q.maxAbsError() > 0);
    }

    @Test
    void zeroRowsAndBadWeights() {
        QuantizedWeights q = QuantizedWeights.perRow(new double[] {0, 0}, 1, 2);
        assertArrayEquals(new byte[] {0, 0}, q.values());
        assertEquals(1f, q.scales()[0]);
        assertThrows(IllegalArgumentException.class, () -> QuantizedWeights.perRow(new double[] {Double.NaN}, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> QuantizedWeights.perRow(new double[3], 2, 2));
    }

    @Test
    void leakFactorsUseFifteenFractionalBits() {
        FixedPointFactor beta = FixedPointFactor.of(0.96); // tau/dt = 25
        assertEquals(31457, beta.multiplier());
        assertEquals(15, beta.shift());
        assertEquals(0.96, beta.value(), 1.0 / (1 << 16));
        assertTrue(beta.error() <= 0.5 / (1 << 15));
        FixedPointFactor one = FixedPointFactor.of(1.0);
        assertEquals(1, one.multiplier());
        assertEquals(0, one.shift());
        assertEquals(1.0, FixedPointFactor.of(0.99999).value(), "rounds to exactly 1");
        assertEquals(0, FixedPointFactor.of(0).multiplier());
        assertThrows(IllegalArgumentException.class, () -> FixedPointFactor.of(1.5));
        assertThrows(IllegalArgumentException.class, () -> FixedPointFactor.of(-0.1));
    }
}
