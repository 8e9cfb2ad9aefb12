package io.neuroedge.runtime.simd;

import static io.neuroedge.runtime.simd.PanamaConstants.BITS;
import static io.neuroedge.runtime.simd.PanamaConstants.BYTE;
import static io.neuroedge.runtime.simd.PanamaConstants.INT;
import static io.neuroedge.runtime.simd.PanamaConstants.PREFERRED_BITS;
import static io.neuroedge.runtime.simd.PanamaConstants.SPIKE_BYTES;
import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.I2B;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.NE;
import static jdk.incubator.vector.VectorOperators.XOR;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import io.neuroedge.runtime.program.NeuronParams;

/**
 * Vector API kernels, bit-exact with {@link ScalarKernels}. Loaded only reflectively by
 * {@link KernelProviders}, so that JVMs without the incubator module never link it.
 *
 * <p>Every loop runs unmasked up to {@code loopBound} and finishes with a scalar tail (masked loops
 * are emulated, hence slow, without predicate registers). The int8 kernels live in
 * {@link PanamaInt8}, once per shape; they are called with the constant {@link PanamaConstants#BITS},
 * which C2 folds.
 */
final class PanamaKernels implements KernelProvider {

    private static final int STATE_MAX = NeuronParams.STATE_MAX;

    private final FloatKernels floats = new PanamaFloatKernels();

    PanamaKernels() {
        if (BITS == 0) {
            throw new UnsupportedOperationException("the preferred int vector is " + PREFERRED_BITS
                    + " bits wide (C2 is off, or -XX:MaxVectorSize is below 16); the Panama kernels need 128 or more");
        }
    }

    @Override
    public String name() {
        return "panama-" + BITS;
    }

    @Override
    public int vectorBitSize() {
        return BITS;
    }

    @Override
    public FloatKernels floats() {
        return floats;
    }

    @Override
    public int dotI8(byte[] a, int aOff, byte[] b, int bOff, int len) {
        return PanamaInt8.dotI8(BITS, a, aOff, b, bOff, len);
    }

    @Override
    public void gemvI8(byte[] w, int wOff, int rows, int cols, byte[] x, int xOff, int[] out, int outOff) {
        PanamaInt8.gemvI8(BITS, w, wOff, rows, cols, x, xOff, out, outOff);
    }

    @Override
    public void axpyI8(int[] acc, int accOff, byte[] w, int wOff, int len, int c) {
        PanamaInt8.axpyI8(BITS, acc, accOff, w, wOff, len, c);
    }

    /** Compares a whole block with zero at once; all-zero blocks (the common case) cost one test. */
    @Override
    public int nonZeroIndices(byte[] x, int off, int len, int[] indices) {
        int upper = BYTE.loopBound(len);
        int n = 0;
        for (int i = 0; i < upper; i += BYTE.length()) {
            long set = ByteVector.fromArray(BYTE, x, off + i).compare(NE, (byte) 0).toLong();
            while (set != 0) {
                indices[n++] = i + Long.numberOfTrailingZeros(set);
                set &= set - 1;
            }
        }
        for (int i = upper; i < len; i++) {
            if (x[off + i] != 0) {
                indices[n++] = i;
            }
        }
        return n;
    }

    /**
     * The neuron step over {@link PanamaConstants#INT} lanes. No vector crosses a method call or a
     * branch merge: C2 boxes it there (48 bytes per iteration), and in a compilation as large as
     * this one it refuses to inline small helpers once its node budget is spent. So the loops are
     * written out in full, per-population options become lane constants, and CUBA_LIF updates its
     * current in a pass of its own whose result is then the input of the membrane pass.
     *
     * <p>Both passes compute {@link ScalarKernels#leak} in 32-bit lanes, although {@code |x| * m}
     * needs up to 45 bits: {@code |x| < 2^30} splits into {@code hi * 2^16 + lo} with
     * {@code hi < 2^14, lo < 2^16}, so {@code |x| * m + r = hi * m * 2^16 + (lo * m + r)} with
     * {@code lo * m + r < 2^31} ({@code m <= 32767, r <= 2^14}); as {@code 2^s} divides {@code 2^16}
     * ({@code s <= 15}), {@code (|x| * m + r) >> s == ((hi * m) << (16 - s)) + ((lo * m + r) >>> s)},
     * and {@code (hi * m) << (16 - s) <= hi * 2^16} because {@code m <= 2^s}. The sign comes back as
     * {@code (y ^ sign) - sign} with {@code sign = x >> 31}.
     */
    @Override
    public int neuronStep(NeuronParams p, int[] synaptic, int[] membrane, int[] current, byte[] spikes, int n) {
        final boolean cuba = p.model == NeuronParams.Model.CUBA_LIF;
        final int upper = INT.loopBound(n);
        if (cuba) {
            integrateCurrent(synaptic, p.inputShift, p.currentBiasArray(), current, p.currentLeakMultiplier,
                    p.currentLeakShift, upper);
        }
        int count = integrateMembrane(p, cuba ? current : synaptic, cuba ? 0 : p.inputShift, membrane, spikes, upper);
        return count + ScalarKernels.neuronRange(p, synaptic, membrane, current, spikes, upper, n);
    }

    /**
     * {@code current = saturate(leak(current) + saturate((synaptic << inputShift) + currentBias))} for
     * neurons below {@code upper}.
     */
    private static void integrateCurrent(int[] synaptic, int inputShift, int[] currentBias, int[] current,
                                         int multiplier, int shift, int upper) {
        final IntVector m = IntVector.broadcast(INT, multiplier);
        final IntVector round = IntVector.broadcast(INT, shift > 0 ? 1 << (shift - 1) : 0);
        for (int k = 0; k < upper; k += INT.length()) {
            IntVector x = IntVector.fromArray(INT, current, k);
            // leak(x, m, s) split into 16-bit halves, see neuronStep
            IntVector sign = x.lanewise(ASHR, 31);
            IntVector magnitude = x.abs();
            IntVector leaked = magnitude.lanewise(LSHR, 16).mul(m).lanewise(LSHL, 16 - shift)
                    .add(magnitude.and(0xFFFF).mul(m).add(round).lanewise(LSHR, shift))
                    .lanewise(XOR, sign).sub(sign);
            IntVector drive = IntVector.fromArray(INT, synaptic, k).lanewise(LSHL, inputShift)
                    .add(IntVector.fromArray(INT, currentBias, k)).max(-STATE_MAX).min(STATE_MAX);
            leaked.add(drive).max(-STATE_MAX).min(STATE_MAX).intoArray(current, k);
        }
    }

    /**
     * The membrane pass for neurons below {@code upper}, returning the spike count. Options are lane
     * constants instead of branches: IF leaks by 1/2^0, which is exact; the floor is a {@code max}
     * with the per-neuron floor, which is {@code -STATE_MAX} (a no-op after saturation) when there is
     * none; a non-spiking model
     * compares with a threshold no saturated state exceeds; reset by subtraction keeps
     * {@code v - threshold} through an all-ones mask, reset to zero through an all-zeros one.
     */
    private static int integrateMembrane(NeuronParams p, int[] input, int inputShift, int[] membrane, byte[] spikes,
                                         int upper) {
        final int[] threshold = p.thresholdArray();
        final int[] bias = p.biasArray();
        final boolean leaky = p.model != NeuronParams.Model.IF;
        final int shift = leaky ? p.membraneLeakShift : 0;
        final IntVector m = IntVector.broadcast(INT, leaky ? p.membraneLeakMultiplier : 1);
        final IntVector round = IntVector.broadcast(INT, shift > 0 ? 1 << (shift - 1) : 0);
        final int[] floor = p.floorArray();
        final IntVector thresholdAtLeast = IntVector.broadcast(INT, p.spiking() ? Integer.MIN_VALUE : STATE_MAX);
        final IntVector keepRemainder = IntVector.broadcast(INT, p.resetBySubtraction ? -1 : 0);
        final IntVector zero = IntVector.zero(INT);
        final IntVector one = IntVector.broadcast(INT, 1);
        int count = 0;
        for (int k = 0; k < upper; k += INT.length()) {
            IntVector drive = IntVector.fromArray(INT, input, k).lanewise(LSHL, inputShift)
                    .add(IntVector.fromArray(INT, bias, k)).max(-STATE_MAX).min(STATE_MAX);
            IntVector x = IntVector.fromArray(INT, membrane, k);
            // leak(x, m, s) split into 16-bit halves, see neuronStep
            IntVector sign = x.lanewise(ASHR, 31);
            IntVector magnitude = x.abs();
            IntVector leaked = magnitude.lanewise(LSHR, 16).mul(m).lanewise(LSHL, 16 - shift)
                    .add(magnitude.and(0xFFFF).mul(m).add(round).lanewise(LSHR, shift))
                    .lanewise(XOR, sign).sub(sign);
            IntVector v = leaked.add(drive).max(-STATE_MAX).min(STATE_MAX).max(IntVector.fromArray(INT, floor, k));
            IntVector th = IntVector.fromArray(INT, threshold, k).max(thresholdAtLeast);
            VectorMask<Integer> fire = v.compare(GT, th);
            v.blend(v.sub(th).and(keepRemainder), fire).intoArray(membrane, k);
            if (BITS == 128) {
                // four lanes have no byte species to convert to (the smallest shape is 64 bits)
                long bits = fire.toLong();
                spikes[k] = (byte) (bits & 1);
                spikes[k + 1] = (byte) (bits >>> 1 & 1);
                spikes[k + 2] = (byte) (bits >>> 2 & 1);
                spikes[k + 3] = (byte) (bits >>> 3 & 1);
            } else {
                ((ByteVector) zero.blend(one, fire).convertShape(I2B, SPIKE_BYTES, 0)).intoArray(spikes, k);
            }
            count += fire.trueCount();
        }
        return count;
    }
}
