package io.neuroedge.runtime.simd;

import static jdk.incubator.vector.VectorOperators.ADD;
import static jdk.incubator.vector.VectorOperators.B2I;
import static jdk.incubator.vector.VectorOperators.B2S;
import static jdk.incubator.vector.VectorOperators.S2I;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.Vector;

/**
 * The int8 kernels of {@link PanamaKernels}, written once per vector shape because each shape
 * widens bytes to ints differently; every species is a {@code static final} JDK constant named
 * inside the kernel. {@code bits} is 512, 256 or 128: {@link PanamaKernels} passes the constant
 * {@link PanamaConstants#BITS} (so C2 folds the switch), tests pass each shape in turn. Every
 * product of two bytes fits in 16 bits, so the 16-bit multiplies are exact for any input.
 */
final class PanamaInt8 {

    private PanamaInt8() {
    }

    static int dotI8(int bits, byte[] a, int aOff, byte[] b, int bOff, int len) {
        return switch (bits) {
            case 512 -> dot512(a, aOff, b, bOff, len);
            case 256 -> dot256(a, aOff, b, bOff, len);
            default -> dot128(a, aOff, b, bOff, len);
        };
    }

    static void gemvI8(int bits, byte[] w, int wOff, int rows, int cols, byte[] x, int xOff, int[] out, int outOff) {
        switch (bits) {
            case 512 -> gemv512(w, wOff, rows, cols, x, xOff, out, outOff);
            case 256 -> gemv256(w, wOff, rows, cols, x, xOff, out, outOff);
            default -> gemv128(w, wOff, rows, cols, x, xOff, out, outOff);
        }
    }

    static void axpyI8(int bits, int[] acc, int accOff, byte[] w, int wOff, int len, int c) {
        switch (bits) {
            case 512 -> axpy512(acc, accOff, w, wOff, len, c);
            case 256 -> axpy256(acc, accOff, w, wOff, len, c);
            default -> axpy128(acc, accOff, w, wOff, len, c);
        }
    }

    // 512 bits: 16 bytes widen to 16 shorts (256 bits), multiply in 16 bits (every byte product
    // fits, and it avoids the slow 32-bit multiply on zmm), widen to 16 ints (512 bits).

    private static int dot512(byte[] a, int aOff, byte[] b, int bOff, int len) {
        int upper = ByteVector.SPECIES_128.loopBound(len);
        IntVector acc = IntVector.zero(IntVector.SPECIES_512);
        for (int i = 0; i < upper; i += 16) {
            Vector<Short> va = ByteVector.fromArray(ByteVector.SPECIES_128, a, aOff + i)
                    .convertShape(B2S, ShortVector.SPECIES_256, 0);
            Vector<Short> vb = ByteVector.fromArray(ByteVector.SPECIES_128, b, bOff + i)
                    .convertShape(B2S, ShortVector.SPECIES_256, 0);
            acc = acc.add(va.mul(vb).convertShape(S2I, IntVector.SPECIES_512, 0));
        }
        return acc.reduceLanes(ADD) + dotTail(a, aOff, b, bOff, upper, len);
    }

    /** Four rows per pass share each widened load of {@code x}; rows left over go one by one. */
    private static void gemv512(byte[] w, int wOff, int rows, int cols, byte[] x, int xOff, int[] out, int outOff) {
        int upper = ByteVector.SPECIES_128.loopBound(cols);
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int w0 = wOff + r * cols;
            int w1 = w0 + cols;
            int w2 = w1 + cols;
            int w3 = w2 + cols;
            IntVector acc0 = IntVector.zero(IntVector.SPECIES_512);
            IntVector acc1 = acc0;
            IntVector acc2 = acc0;
            IntVector acc3 = acc0;
            for (int i = 0; i < upper; i += 16) {
                Vector<Short> vx = ByteVector.fromArray(ByteVector.SPECIES_128, x, xOff + i)
                        .convertShape(B2S, ShortVector.SPECIES_256, 0);
                acc0 = acc0.add(ByteVector.fromArray(ByteVector.SPECIES_128, w, w0 + i)
                        .convertShape(B2S, ShortVector.SPECIES_256, 0).mul(vx)
                        .convertShape(S2I, IntVector.SPECIES_512, 0));
                acc1 = acc1.add(ByteVector.fromArray(ByteVector.SPECIES_128, w, w1 + i)
                        .convertShape(B2S, ShortVector.SPECIES_256, 0).mul(vx)
                        .convertShape(S2I, IntVector.SPECIES_512, 0));
                acc2 = acc2.add(ByteVector.fromArray(ByteVector.SPECIES_128, w, w2 + i)
                        .convertShape(B2S, ShortVector.SPECIES_256, 0).mul(vx)
                        .convertShape(S2I, IntVector.SPECIES_512, 0));
                acc3 = acc3.add(ByteVector.fromArray(ByteVector.SPECIES_128, w, w3 + i)
                        .convertShape(B2S, ShortVector.SPECIES_256, 0).mul(vx)
                        .convertShape(S2I, IntVector.SPECIES_512, 0));
            }
            out[outOff + r] = acc0.reduceLanes(ADD) + dotTail(w, w0, x, xOff, upper, cols);
            out[outOff + r + 1] = acc1.reduceLanes(ADD) + dotTail(w, w1, x, xOff, upper, cols);
            out[outOff + r + 2] = acc2.reduceLanes(ADD) + dotTail(w, w2, x, xOff, upper, cols);
            out[outOff + r + 3] = acc3.reduceLanes(ADD) + dotTail(w, w3, x, xOff, upper, cols);
        }
        for (; r < rows; r++) {
            out[outOff + r] = dot512(w, wOff + r * cols, x, xOff, cols);
        }
    }

    private static void axpy512(int[] acc, int accOff, byte[] w, int wOff, int len, int c) {
        int upper = ByteVector.SPECIES_128.loopBound(len);
        for (int i = 0; i < upper; i += 16) {
            Vector<Integer> vw = ByteVector.fromArray(ByteVector.SPECIES_128, w, wOff + i)
                    .convertShape(B2I, IntVector.SPECIES_512, 0);
            IntVector.fromArray(IntVector.SPECIES_512, acc, accOff + i).add(vw.mul(IntVector.broadcast(IntVector.SPECIES_512, c)))
                    .intoArray(acc, accOff + i);
        }
        axpyTail(acc, accOff, w, wOff, upper, len, c);
    }

    // 256 bits: 8 bytes widen straight to 8 ints; the 32-bit multiply is cheap on ymm.

    private static int dot256(byte[] a, int aOff, byte[] b, int bOff, int len) {
        int upper = ByteVector.SPECIES_64.loopBound(len);
        IntVector acc = IntVector.zero(IntVector.SPECIES_256);
        for (int i = 0; i < upper; i += 8) {
            Vector<Integer> va = ByteVector.fromArray(ByteVector.SPECIES_64, a, aOff + i)
                    .convertShape(B2I, IntVector.SPECIES_256, 0);
            Vector<Integer> vb = ByteVector.fromArray(ByteVector.SPECIES_64, b, bOff + i)
                    .convertShape(B2I, IntVector.SPECIES_256, 0);
            acc = acc.add(va.mul(vb));
        }
        return acc.reduceLanes(ADD) + dotTail(a, aOff, b, bOff, upper, len);
    }

    private static void gemv256(byte[] w, int wOff, int rows, int cols, byte[] x, int xOff, int[] out, int outOff) {
        int upper = ByteVector.SPECIES_64.loopBound(cols);
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int w0 = wOff + r * cols;
            int w1 = w0 + cols;
            int w2 = w1 + cols;
            int w3 = w2 + cols;
            IntVector acc0 = IntVector.zero(IntVector.SPECIES_256);
            IntVector acc1 = acc0;
            IntVector acc2 = acc0;
            IntVector acc3 = acc0;
            for (int i = 0; i < upper; i += 8) {
                Vector<Integer> vx = ByteVector.fromArray(ByteVector.SPECIES_64, x, xOff + i)
                        .convertShape(B2I, IntVector.SPECIES_256, 0);
                acc0 = acc0.add(ByteVector.fromArray(ByteVector.SPECIES_64, w, w0 + i)
                        .convertShape(B2I, IntVector.SPECIES_256, 0).mul(vx));
                acc1 = acc1.add(ByteVector.fromArray(ByteVector.SPECIES_64, w, w1 + i)
                        .convertShape(B2I, IntVector.SPECIES_256, 0).mul(vx));
                acc2 = acc2.add(ByteVector.fromArray(ByteVector.SPECIES_64, w, w2 + i)
                        .convertShape(B2I, IntVector.SPECIES_256, 0).mul(vx));
                acc3 = acc3.add(ByteVector.fromArray(ByteVector.SPECIES_64, w, w3 + i)
                        .convertShape(B2I, IntVector.SPECIES_256, 0).mul(vx));
            }
            out[outOff + r] = acc0.reduceLanes(ADD) + dotTail(w, w0, x, xOff, upper, cols);
            out[outOff + r + 1] = acc1.reduceLanes(ADD) + dotTail(w, w1, x, xOff, upper, cols);
            out[outOff + r + 2] = acc2.reduceLanes(ADD) + dotTail(w, w2, x, xOff, upper, cols);
            out[outOff + r + 3] = acc3.reduceLanes(ADD) + dotTail(w, w3, x, xOff, upper, cols);
        }
        for (; r < rows; r++) {
            out[outOff + r] = dot256(w, wOff + r * cols, x, xOff, cols);
        }
    }

    private static void axpy256(int[] acc, int accOff, byte[] w, int wOff, int len, int c) {
        int upper = ByteVector.SPECIES_64.loopBound(len);
        for (int i = 0; i < upper; i += 8) {
            Vector<Integer> vw = ByteVector.fromArray(ByteVector.SPECIES_64, w, wOff + i)
                    .convertShape(B2I, IntVector.SPECIES_256, 0);
            IntVector.fromArray(IntVector.SPECIES_256, acc, accOff + i).add(vw.mul(IntVector.broadcast(IntVector.SPECIES_256, c)))
                    .intoArray(acc, accOff + i);
        }
        axpyTail(acc, accOff, w, wOff, upper, len, c);
    }

    // 128 bits (NEON): 8 bytes widen to 8 shorts, multiply in 16 bits, and the product widens to
    // two halves of 4 ints; no byte is loaded twice.

    private static int dot128(byte[] a, int aOff, byte[] b, int bOff, int len) {
        int upper = ByteVector.SPECIES_64.loopBound(len);
        IntVector lo = IntVector.zero(IntVector.SPECIES_128);
        IntVector hi = lo;
        for (int i = 0; i < upper; i += 8) {
            Vector<Short> va = ByteVector.fromArray(ByteVector.SPECIES_64, a, aOff + i)
                    .convertShape(B2S, ShortVector.SPECIES_128, 0);
            Vector<Short> vb = ByteVector.fromArray(ByteVector.SPECIES_64, b, bOff + i)
                    .convertShape(B2S, ShortVector.SPECIES_128, 0);
            Vector<Short> prod = va.mul(vb);
            lo = lo.add(prod.convertShape(S2I, IntVector.SPECIES_128, 0));
            hi = hi.add(prod.convertShape(S2I, IntVector.SPECIES_128, 1));
        }
        return lo.add(hi).reduceLanes(ADD) + dotTail(a, aOff, b, bOff, upper, len);
    }

    private static void gemv128(byte[] w, int wOff, int rows, int cols, byte[] x, int xOff, int[] out, int outOff) {
        int upper = ByteVector.SPECIES_64.loopBound(cols);
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int w0 = wOff + r * cols;
            int w1 = w0 + cols;
            int w2 = w1 + cols;
            int w3 = w2 + cols;
            IntVector acc0 = IntVector.zero(IntVector.SPECIES_128);
            IntVector acc1 = acc0;
            IntVector acc2 = acc0;
            IntVector acc3 = acc0;
            for (int i = 0; i < upper; i += 8) {
                Vector<Short> vx = ByteVector.fromArray(ByteVector.SPECIES_64, x, xOff + i)
                        .convertShape(B2S, ShortVector.SPECIES_128, 0);
                Vector<Short> p0 = ByteVector.fromArray(ByteVector.SPECIES_64, w, w0 + i)
                        .convertShape(B2S, ShortVector.SPECIES_128, 0).mul(vx);
                Vector<Short> p1 = ByteVector.fromArray(ByteVector.SPECIES_64, w, w1 + i)
                        .convertShape(B2S, ShortVector.SPECIES_128, 0).mul(vx);
                Vector<Short> p2 = ByteVector.fromArray(ByteVector.SPECIES_64, w, w2 + i)
                        .convertShape(B2S, ShortVector.SPECIES_128, 0).mul(vx);
                Vector<Short> p3 = ByteVector.fromArray(ByteVector.SPECIES_64, w, w3 + i)
                        .convertShape(B2S, ShortVector.SPECIES_128, 0).mul(vx);
                acc0 = acc0.add(p0.convertShape(S2I, IntVector.SPECIES_128, 0))
                        .add(p0.convertShape(S2I, IntVector.SPECIES_128, 1));
                acc1 = acc1.add(p1.convertShape(S2I, IntVector.SPECIES_128, 0))
                        .add(p1.convertShape(S2I, IntVector.SPECIES_128, 1));
                acc2 = acc2.add(p2.convertShape(S2I, IntVector.SPECIES_128, 0))
                        .add(p2.convertShape(S2I, IntVector.SPECIES_128, 1));
                acc3 = acc3.add(p3.convertShape(S2I, IntVector.SPECIES_128, 0))
                        .add(p3.convertShape(S2I, IntVector.SPECIES_128, 1));
            }
            out[outOff + r] = acc0.reduceLanes(ADD) + dotTail(w, w0, x, xOff, upper, cols);
            out[outOff + r + 1] = acc1.reduceLanes(ADD) + dotTail(w, w1, x, xOff, upper, cols);
            out[outOff + r + 2] = acc2.reduceLanes(ADD) + dotTail(w, w2, x, xOff, upper, cols);
            out[outOff + r + 3] = acc3.reduceLanes(ADD) + dotTail(w, w3, x, xOff, upper, cols);
        }
        for (; r < rows; r++) {
            out[outOff + r] = dot128(w, wOff + r * cols, x, xOff, cols);
        }
    }

    private static void axpy128(int[] acc, int accOff, byte[] w, int wOff, int len, int c) {
        int upper = ByteVector.SPECIES_64.loopBound(len);
        for (int i = 0; i < upper; i += 8) {
            ByteVector vw = ByteVector.fromArray(ByteVector.SPECIES_64, w, wOff + i);
            IntVector vc = IntVector.broadcast(IntVector.SPECIES_128, c);
            int lo = accOff + i;
            int hi = lo + 4;
            IntVector.fromArray(IntVector.SPECIES_128, acc, lo)
                    .add(vw.convertShape(B2I, IntVector.SPECIES_128, 0).mul(vc)).intoArray(acc, lo);
            IntVector.fromArray(IntVector.SPECIES_128, acc, hi)
                    .add(vw.convertShape(B2I, IntVector.SPECIES_128, 1).mul(vc)).intoArray(acc, hi);
        }
        axpyTail(acc, accOff, w, wOff, upper, len, c);
    }

    private static int dotTail(byte[] a, int aOff, byte[] b, int bOff, int from, int len) {
        int sum = 0;
        for (int i = from; i < len; i++) {
            sum += a[aOff + i] * b[bOff + i];
        }
        return sum;
    }

    private static void axpyTail(int[] acc, int accOff, byte[] w, int wOff, int from, int len, int c) {
        for (int i = from; i < len; i++) {
            acc[accOff + i] += c * w[wOff + i];
        }
    }
}
