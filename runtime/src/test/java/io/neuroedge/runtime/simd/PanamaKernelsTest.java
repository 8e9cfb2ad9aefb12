package io.neuroedge.runtime.simd;

import static io.neuroedge.runtime.program.NeuronParams.STATE_MAX;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.neuroedge.runtime.program.NeuronParams;

/**
 * The Panama kernels against the scalar reference, bit for bit, on every input class the verifier
 * admits. Sizes hit every vector-body/tail split of the 128-, 256- and 512-bit loops. The int8
 * kernels are also run per shape, so all three shapes are checked on whatever machine runs this.
 */
class PanamaKernelsTest {

    private static final int[] SIZES = {0, 1, 3, 4, 7, 8, 13, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 127, 128,
            129, 255, 256, 257, 784, 1000, 1027};
    private static final long[] SEEDS = {1L, 42L, 0x5EED_CAFEL, 20_260_101L};
    private static final int[] SHAPES = {512, 256, 128};
    private static final int[] ROWS = {0, 1, 2, 3, 4, 5, 7, 8, 9, 13};
    private static final ScalarKernels SCALAR = ScalarKernels.INSTANCE;

    private static KernelProvider panama;

    @BeforeAll
    static void requirePanama() {
        Optional<KernelProvider> kernels = KernelProviders.panama();
        if (kernels.isEmpty()) {
            fail("the Panama kernels are unavailable, so nothing here can be tested: "
                    + PanamaSupport.current().probe().reason());
        }
        panama = kernels.get();
    }

    @Test
    void reportsItsWidth() {
        assertTrue(Arrays.stream(SHAPES).anyMatch(b -> b == panama.vectorBitSize()), panama.name());
        assertEquals("panama-" + panama.vectorBitSize(), panama.name());
        assertEquals(Math.min(512, PanamaConstants.PREFERRED_BITS), panama.vectorBitSize());
    }

    @Test
    void dotMatchesScalar() {
        for (long seed : SEEDS) {
            SplittableRandom random = new SplittableRandom(seed);
            for (int len : SIZES) {
                int aOff = random.nextInt(5);
                int bOff = random.nextInt(5);
                byte[] w = weights(random, aOff + len + random.nextInt(3));
                byte[] x = activations(random, bOff + len);
                byte[] any = bytes(random, bOff + len, Byte.MIN_VALUE, Byte.MAX_VALUE);
                checkDot(w, aOff, x, bOff, len);
                checkDot(w, aOff, any, bOff, len);
            }
        }
    }

    @Test
    void dotOfExtremesMatchesScalar() {
        for (int len : SIZES) {
            checkDot(filled(len, 127), 0, filled(len, 127), 0, len);
            checkDot(filled(len, -127), 0, filled(len, 127), 0, len);
            checkDot(filled(len, Byte.MIN_VALUE), 0, filled(len, Byte.MIN_VALUE), 0, len);
            checkDot(filled(len + 1, -127), 1, filled(len + 2, 127), 2, len);
        }
        assertEquals(127 * 127 * 1027, panama.dotI8(filled(1027, 127), 0, filled(1027, 127), 0, 1027));
    }

    private static void checkDot(byte[] a, int aOff, byte[] b, int bOff, int len) {
        int expected = SCALAR.dotI8(a, aOff, b, bOff, len);
        assertEquals(expected, panama.dotI8(a, aOff, b, bOff, len), () -> panama.name() + " len " + len);
        for (int bits : SHAPES) {
            assertEquals(expected, PanamaInt8.dotI8(bits, a, aOff, b, bOff, len), () -> bits + " bits, len " + len);
        }
    }

    @Test
    void gemvMatchesScalar() {
        for (long seed : SEEDS) {
            SplittableRandom random = new SplittableRandom(seed);
            for (int rows : ROWS) {
                for (int cols : SIZES) {
                    byte[] w = weights(random, rows * cols + random.nextInt(3));
                    byte[] x = activations(random, cols + random.nextInt(3));
                    checkGemv(w, rows, cols, x, random.nextInt(4));
                }
            }
        }
    }

    @Test
    void gemvOfExtremesMatchesScalar() {
        for (int cols : SIZES) {
            checkGemv(filled(9 * cols, 127), 9, cols, filled(cols, 127), 1);
            checkGemv(filled(9 * cols, -127), 9, cols, filled(cols, 127), 0);
            checkGemv(filled(5 * cols, -127), 5, cols, filled(cols, 0), 2);
        }
    }

    private static void checkGemv(byte[] w, int rows, int cols, byte[] x, int outOff) {
        // also at odd offsets into both arrays, as the conv dense path calls it
        for (int pad : new int[] {0, 3}) {
            byte[] wp = shifted(w, pad, (byte) 99);
            byte[] xp = shifted(x, pad + 2, (byte) -99);
            int xOff = pad + 2;
            int[] expected = sentinels(outOff + rows + 3);
            SCALAR.gemvI8(wp, pad, rows, cols, xp, xOff, expected, outOff);
            int[] actual = sentinels(expected.length);
            panama.gemvI8(wp, pad, rows, cols, xp, xOff, actual, outOff);
            assertArrayEquals(expected, actual, () -> panama.name() + " " + rows + "x" + cols + " offset " + pad);
            for (int bits : SHAPES) {
                int[] shaped = sentinels(expected.length);
                PanamaInt8.gemvI8(bits, wp, pad, rows, cols, xp, xOff, shaped, outOff);
                assertArrayEquals(expected, shaped, () -> bits + " bits, " + rows + "x" + cols + " offset " + pad);
            }
        }
    }

    /** {@code data} preceded by {@code pad} copies of {@code filler}, which a correct kernel never reads. */
    private static byte[] shifted(byte[] data, int pad, byte filler) {
        byte[] out = new byte[pad + data.length];
        java.util.Arrays.fill(out, 0, pad, filler);
        System.arraycopy(data, 0, out, pad, data.length);
        return out;
    }

    @Test
    void axpyMatchesScalar() {
        for (long seed : SEEDS) {
            SplittableRandom random = new SplittableRandom(seed);
            for (int len : SIZES) {
                int accOff = random.nextInt(5);
                int wOff = random.nextInt(5);
                int[] acc = random.ints(accOff + len + 3, -STATE_MAX, STATE_MAX).toArray();
                byte[] w = weights(random, wOff + len);
                for (int c : new int[] {1, 127, 1 + random.nextInt(127)}) {
                    checkAxpy(acc, accOff, w, wOff, len, c);
                }
                checkAxpy(acc, accOff, filled(wOff + len, 127), wOff, len, 127);
                checkAxpy(acc, accOff, filled(wOff + len, -127), wOff, len, 127);
            }
        }
    }

    private static void checkAxpy(int[] acc, int accOff, byte[] w, int wOff, int len, int c) {
        int[] expected = acc.clone();
        SCALAR.axpyI8(expected, accOff, w, wOff, len, c);
        int[] actual = acc.clone();
        panama.axpyI8(actual, accOff, w, wOff, len, c);
        assertArrayEquals(expected, actual, () -> panama.name() + " len " + len + " c " + c);
        for (int bits : SHAPES) {
            int[] shaped = acc.clone();
            PanamaInt8.axpyI8(bits, shaped, accOff, w, wOff, len, c);
            assertArrayEquals(expected, shaped, () -> bits + " bits, len " + len + " c " + c);
        }
    }

    @Test
    void nonZeroIndicesMatchScalar() {
        for (long seed : SEEDS) {
            SplittableRandom random = new SplittableRandom(seed);
            for (int len : SIZES) {
                for (double density : new double[] {0, 0.05, 0.5, 1}) {
                    int off = random.nextInt(5);
                    byte[] x = new byte[off + len + random.nextInt(70)];
                    for (int i = 0; i < x.length; i++) {
                        if (random.nextDouble() < density) {
                            x[i] = (byte) (random.nextBoolean() ? 1 + random.nextInt(127) : -1 - random.nextInt(128));
                        }
                    }
                    int[] expected = sentinels(len + 1);
                    int[] actual = sentinels(len + 1);
                    assertEquals(SCALAR.nonZeroIndices(x, off, len, expected), panama.nonZeroIndices(x, off, len, actual));
                    assertArrayEquals(expected, actual, () -> "len " + len + " density " + density);
                }
            }
        }
    }

    @Test
    void neuronStepMatchesScalarForEveryModel() {
        for (long seed : SEEDS) {
            SplittableRandom random = new SplittableRandom(seed);
            for (NeuronParams.Model model : NeuronParams.Model.values()) {
                for (boolean subtract : new boolean[] {false, true}) {
                    for (int n : SIZES) {
                        NeuronParams p = NeuronCase.randomParams(random, model, subtract, n);
                        NeuronCase.random(random, p, n).check(panama, 3);
                    }
                }
            }
        }
    }

    @Test
    void neuronStepMatchesScalarAtExtremes() {
        SplittableRandom random = new SplittableRandom(7);
        int[][] leaks = {{0, 0}, {1, 0}, {0, 15}, {32767, 15}, {1, 15}, {16384, 15}, {1 << 14, 14}, {3, 2}, {1, 1}};
        for (NeuronParams.Model model : NeuronParams.Model.values()) {
            for (boolean subtract : new boolean[] {false, true}) {
                for (int[] leak : leaks) {
                    for (int n : new int[] {1, 15, 16, 17, 33, 257}) {
                        NeuronParams p = NeuronCase.extremeParams(random, model, subtract, n, leak[0], leak[1]);
                        NeuronCase.extreme(random, p, n).check(panama, 2);
                    }
                }
            }
        }
    }

    /**
     * With no input, bias or floor, an LI step is exactly {@code membrane = leak(membrane)}: checks
     * the 16-bit split of the vector leak against {@link ScalarKernels#leak} for every shift.
     */
    @Test
    void vectorLeakMatchesScalarLeakForEveryShift() {
        SplittableRandom random = new SplittableRandom(15);
        int n = 1027;
        for (int shift = 0; shift <= NeuronParams.LEAK_MAX_SHIFT; shift++) {
            int maxMultiplier = Math.min(NeuronParams.LEAK_MAX_MULTIPLIER, 1 << shift);
            for (int m : new int[] {0, 1, maxMultiplier / 2, maxMultiplier - 1, maxMultiplier,
                    random.nextInt(maxMultiplier + 1)}) {
                NeuronParams p = new NeuronParams(NeuronParams.Model.LI, false, 0, new int[n], new int[n],
                        m, shift, 0, 0, false, 0);
                int[] membrane = new int[n];
                for (int k = 0; k < n; k++) {
                    membrane[k] = k < 64 ? (k % 2 == 0 ? 1 : -1) * (STATE_MAX >> (k / 2))
                            : random.nextInt(-STATE_MAX, STATE_MAX + 1);
                }
                int[] leaked = membrane.clone();
                panama.neuronStep(p, new int[n], leaked, null, new byte[n], n);
                for (int k = 0; k < n; k++) {
                    int x = membrane[k];
                    int s = shift;
                    assertEquals(ScalarKernels.leak(x, m, s), leaked[k], () -> "leak(" + x + ", " + m + ", " + s + ")");
                }
            }
        }
    }

    static byte[] weights(SplittableRandom random, int n) {
        return bytes(random, n, -127, 127);
    }

    static byte[] activations(SplittableRandom random, int n) {
        return bytes(random, n, 0, 127);
    }

    private static byte[] bytes(SplittableRandom random, int n, int min, int max) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) random.nextInt(min, max + 1);
        }
        return b;
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private static int[] sentinels(int n) {
        int[] a = new int[n];
        Arrays.fill(a, 0xDEAD_BEEF);
        return a;
    }
}
