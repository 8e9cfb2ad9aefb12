package io.neuroedge.runtime.program;

import com.google.protobuf.ByteString;
import io.neuroedge.proto.program.Conv2dOp;
import io.neuroedge.proto.program.DenseOp;
import io.neuroedge.proto.program.EventEncoding;
import io.neuroedge.proto.program.FixedPoint;
import io.neuroedge.proto.program.FlattenOp;
import io.neuroedge.proto.program.Header;
import io.neuroedge.proto.program.InputSpec;
import io.neuroedge.proto.program.Layer;
import io.neuroedge.proto.program.MemoryPlan;
import io.neuroedge.proto.program.NeuronPopulation;
import io.neuroedge.proto.program.Pool2dOp;
import io.neuroedge.proto.program.ProgramBody;
import io.neuroedge.proto.program.ReadoutSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded generator of valid spike programs for differential tests (sparse vs dense path, scalar vs
 * vector kernels, engine vs float reference). A program has 1-4 layers mixing dense, recurrent
 * dense, conv2d (non-square kernels, strides 1-3, padding, groups), sum and average pooling and
 * flatten, with every neuron model (IF, LIF, CUBA_LIF, LI), both reset modes, floors, biases
 * (none, per layer, per channel, per neuron), thresholds per layer, per channel or per neuron, and
 * leaks anywhere in 0..1.
 *
 * <ul>
 *   <li>{@link #random(long)} also reaches the corners of the arithmetic: input shifts up to the
 *       largest the verifier admits, biases up to +-(2^30-1), leak multiplier 0, so saturation,
 *       floors and ties are exercised.</li>
 *   <li>{@link #exact(long)} produces programs on which fixed point and {@code FloatReference} must
 *       agree exactly: every leak is exact (IF, or multiplier = 2^shift) and every per-step drive and
 *       bias is at most 2^14 state units, so no state can reach the saturation bound 2^30-1 within
 *       {@link #EXACT_STEPS} steps (a CUBA current grows at most by 2^14 per step and the membrane by
 *       at most the current plus the bias: 100^2 * 2^14 + 100 * 2^14 < 2^30).</li>
 * </ul>
 * The same seed always gives the same program.
 */
public final class RandomPrograms {

    /** Number of steps for which an {@link #exact(long)} program cannot saturate. */
    public static final int EXACT_STEPS = 100;

    /** Largest per-step drive (shifted synaptic sum) and bias magnitude of {@link #exact(long)} programs. */
    public static final long EXACT_DRIVE = 1 << 14;

    private RandomPrograms() {
    }

    /** A random valid program, loaded as a device would load it. */
    public static ExecutionPlan random(long seed) {
        return load(randomBody(seed), seed);
    }

    /** A random valid program on which fixed point is exact (see the class comment). */
    public static ExecutionPlan exact(long seed) {
        return load(exactBody(seed), seed);
    }

    /** The body of {@link #random(long)}, with its memory plan filled in. */
    public static ProgramBody randomBody(long seed) {
        return new Generator(seed, false).body();
    }

    /** The body of {@link #exact(long)}, with its memory plan filled in. */
    public static ProgramBody exactBody(long seed) {
        return new Generator(seed, true).body();
    }

    /**
     * {@code steps} input frames for {@code plan}: each element is active with probability
     * {@code density} and then holds a count in 1..max_count.
     */
    public static byte[][] inputs(ExecutionPlan plan, double density, int steps, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int size = plan.input().shape().size();
        int maxCount = plan.input().maxCount();
        byte[][] frames = new byte[steps][size];
        for (byte[] frame : frames) {
            for (int i = 0; i < size; i++) {
                if (rnd.nextDouble() < density) {
                    frame[i] = (byte) (1 + rnd.nextInt(maxCount));
                }
            }
        }
        return frames;
    }

    private static ExecutionPlan load(ProgramBody body, long seed) {
        try {
            return new ProgramLoader().load(SpikePrograms.seal(body).toByteArray());
        } catch (InvalidProgramException e) {
            throw new IllegalStateException("RandomPrograms produced an invalid program for seed " + seed + ": "
                    + e.getMessage(), e);
        }
    }

    private enum Kind { DENSE, RECURRENT, CONV, POOL, FLATTEN }

    private static final class Generator {

        private final long seed;
        private final SplittableRandom rnd;
        private final boolean exact;
        private final ProgramBody.Builder body = ProgramBody.newBuilder();
        /** Shape and largest element value of the current activation (what the next layer reads). */
        private Shape shape;
        private int bound;

        Generator(long seed, boolean exact) {
            this.seed = seed;
            this.rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + (exact ? 1 : 0));
            this.exact = exact;
        }

        ProgramBody body() {
            body.setHeader(Header.newBuilder().setFormatVersion(SpikePrograms.FORMAT_VERSION)
                    .setName((exact ? "exact-" : "random-") + seed).setToolVersion("tests"));
            shape = inputShape();
            bound = exact ? 1 + rnd.nextInt(3) : pickInt(1, 1, 2, 3, 5, 15, 127);
            InputSpec.Builder input = InputSpec.newBuilder().setShape(proto(shape)).setMaxCount(bound);
            if (shape.pixels() > 1 && shape.channels() <= 2 && rnd.nextInt(3) == 0) {
                input.setEvents(events(shape));
            }
            body.setInput(input);
            int layers = 1 + rnd.nextInt(4);
            for (int i = 0; i < layers; i++) {
                addLayer(i, kind(i == layers - 1));
            }
            ReadoutSpec.Builder readout = ReadoutSpec.newBuilder().setKind(pick(ReadoutSpec.Kind.SPIKE_COUNT,
                    ReadoutSpec.Kind.MEMBRANE, ReadoutSpec.Kind.FIRST_SPIKE, ReadoutSpec.Kind.MEMBRANE_SUM));
            if (rnd.nextInt(4) == 0) {
                for (int k = 0; k < shape.size(); k++) {
                    readout.addLabels("class-" + k);
                }
            }
            body.setReadout(readout);
            try {
                MemoryFootprint m = new ProgramLoader().footprint(body.build());
                body.setMemory(MemoryPlan.newBuilder().setWeightBytes(m.weightBytes()).setStateBytes(m.stateBytes())
                        .setScratchBytes(m.scratchBytes()));
            } catch (InvalidProgramException e) {
                throw new IllegalStateException("RandomPrograms produced an invalid program for seed " + seed
                        + ": " + e.getMessage(), e);
            }
            return body.build();
        }

        private Shape inputShape() {
            if (rnd.nextInt(4) == 0) {
                return Shape.vector(1 + rnd.nextInt(64));
            }
            return new Shape(1 + rnd.nextInt(4), 1 + rnd.nextInt(10), 1 + rnd.nextInt(10));
        }

        private EventEncoding events(Shape s) {
            int ds = rnd.nextInt(3);
            int cropX = rnd.nextInt(4);
            int cropY = rnd.nextInt(4);
            int off = rnd.nextInt(s.channels());
            int on = s.channels() == 1 ? 0 : 1 - off;
            return EventEncoding.newBuilder()
                    .setSensorWidth(cropX + (s.width() << ds) + rnd.nextInt(5))
                    .setSensorHeight(cropY + (s.height() << ds) + rnd.nextInt(5))
                    .setOffChannel(off).setOnChannel(on).setCropX(cropX).setCropY(cropY)
                    .setDownsampleShift(ds).setBinUs(1 + rnd.nextInt(5000)).build();
        }

        private Kind kind(boolean last) {
            boolean spatial = shape.pixels() > 1;
            List<Kind> options = new ArrayList<>();
            add(options, Kind.DENSE, 2);
            add(options, Kind.RECURRENT, 1);
            add(options, Kind.CONV, spatial ? 4 : 1);
            if (!last) {
                add(options, Kind.POOL, spatial ? 3 : 1);
                if (spatial) {
                    add(options, Kind.FLATTEN, 1);
                }
            }
            return options.get(rnd.nextInt(options.size()));
        }

        private static void add(List<Kind> options, Kind kind, int weight) {
            for (int i = 0; i < weight; i++) {
                options.add(kind);
            }
        }

        private void addLayer(int index, Kind kind) {
            Layer.Builder layer = Layer.newBuilder().setName("L" + index + "-" + kind.name().toLowerCase());
            if (rnd.nextInt(5) != 0) {
                layer.setInputShape(proto(shape)); // optional in the format: sometimes leave it out
            }
            Shape out;
            switch (kind) {
                case DENSE, RECURRENT -> out = dense(layer, kind == Kind.RECURRENT);
                case CONV -> out = conv(layer);
                case POOL -> out = pool(layer);
                case FLATTEN -> {
                    layer.setFlatten(FlattenOp.getDefaultInstance());
                    out = Shape.vector(shape.size());
                }
                default -> throw new AssertionError(kind);
            }
            layer.setOutputShape(proto(out));
            body.addLayers(layer);
            shape = out;
        }

        private Shape dense(Layer.Builder layer, boolean recurrent) {
            int in = shape.size();
            int out = 1 + rnd.nextInt(exact ? 12 : 24);
            byte[] w = sparseWeights(out * in);
            byte[] r = recurrent ? sparseWeights(out * out) : null;
            long[] worst = new long[out];
            for (int o = 0; o < out; o++) {
                worst[o] = rowWorst(w, o * in, in, bound) + (r == null ? 0 : rowWorst(r, o * out, out, 1));
                if (exact && worst[o] > EXACT_DRIVE) {
                    scaleRow(w, o * in, in, worst[o]);
                    if (r != null) {
                        scaleRow(r, o * out, out, worst[o]);
                    }
                    worst[o] = rowWorst(w, o * in, in, bound) + (r == null ? 0 : rowWorst(r, o * out, out, 1));
                }
            }
            DenseOp.Builder op = DenseOp.newBuilder().setInFeatures(in).setOutFeatures(out)
                    .setWeights(ByteString.copyFrom(w));
            for (int o = 0; o < out; o++) {
                op.addWeightScale(0.001f + rnd.nextFloat());
            }
            if (r != null) {
                op.setRecurrentWeights(ByteString.copyFrom(r));
            }
            Shape outShape = Shape.vector(out);
            layer.setDense(op).setNeurons(neurons(outShape, max(worst)));
            bound = 1;
            return outShape;
        }

        private Shape conv(Layer.Builder layer) {
            int cin = shape.channels();
            int groups = pickInt(divisors(cin));
            int cout = groups * (1 + rnd.nextInt(exact ? 3 : 4));
            int[] kh = window(shape.height());
            int[] kw = window(shape.width());
            int oh = (shape.height() + 2 * kh[2] - kh[0]) / kh[1] + 1;
            int ow = (shape.width() + 2 * kw[2] - kw[0]) / kw[1] + 1;
            int volume = cin / groups * kh[0] * kw[0];
            byte[] w = sparseWeights(cout * volume);
            long[] worst = new long[cout];
            for (int co = 0; co < cout; co++) {
                worst[co] = rowWorst(w, co * volume, volume, bound);
                if (exact && worst[co] > EXACT_DRIVE) {
                    scaleRow(w, co * volume, volume, worst[co]);
                    worst[co] = rowWorst(w, co * volume, volume, bound);
                }
            }
            Conv2dOp.Builder op = Conv2dOp.newBuilder().setInChannels(cin).setOutChannels(cout)
                    .setKernelH(kh[0]).setKernelW(kw[0]).setStrideH(kh[1]).setStrideW(kw[1])
                    .setPaddingH(kh[2]).setPaddingW(kw[2]).setGroups(groups).setWeights(ByteString.copyFrom(w));
            for (int co = 0; co < cout; co++) {
                op.addWeightScale(0.001f + rnd.nextFloat());
            }
            Shape outShape = new Shape(cout, oh, ow);
            layer.setConv2D(op).setNeurons(neurons(outShape, max(worst)));
            bound = 1;
            return outShape;
        }

        private Shape pool(Layer.Builder layer) {
            int[] kh = window(shape.height());
            int[] kw = window(shape.width());
            int oh = (shape.height() + 2 * kh[2] - kh[0]) / kh[1] + 1;
            int ow = (shape.width() + 2 * kw[2] - kw[0]) / kw[1] + 1;
            layer.setPool(Pool2dOp.newBuilder()
                    .setKind(rnd.nextBoolean() ? Pool2dOp.Kind.SUM : Pool2dOp.Kind.AVERAGE)
                    .setKernelH(kh[0]).setKernelW(kw[0]).setStrideH(kh[1]).setStrideW(kw[1])
                    .setPaddingH(kh[2]).setPaddingW(kw[2]));
            bound = (int) Math.min(PoolLayer.MAX_OUTPUT, (long) bound * kh[0] * kw[0]);
            return new Shape(shape.channels(), oh, ow);
        }

        /** {kernel, stride, padding} along one dimension of size {@code size}; the window always fits. */
        private int[] window(int size) {
            int k = 1 + rnd.nextInt(4);
            int pad = rnd.nextInt(k);
            while (size + 2 * pad < k) {
                k--;
                pad = Math.min(pad, k - 1);
            }
            int stride = pickInt(1, 1, 1, 2, 2, 3);
            return new int[] {k, stride, pad};
        }

        /**
         * A population for a layer with output {@code out} whose largest worst-case synaptic sum is
         * {@code worst}: picks the model, reset, input shift (never beyond what the verifier admits),
         * thresholds and biases on the scale of the drive, leaks and floor.
         */
        private NeuronPopulation neurons(Shape out, long worst) {
            NeuronPopulation.Model model = pick(NeuronPopulation.Model.IF, NeuronPopulation.Model.LIF,
                    NeuronPopulation.Model.CUBA_LIF, NeuronPopulation.Model.LI);
            NeuronPopulation.Builder p = NeuronPopulation.newBuilder().setModel(model);
            if (model == NeuronPopulation.Model.LI) {
                p.setReset(pick(NeuronPopulation.Reset.RESET_UNSPECIFIED, NeuronPopulation.Reset.ZERO,
                        NeuronPopulation.Reset.SUBTRACT));
            } else {
                p.setReset(rnd.nextBoolean() ? NeuronPopulation.Reset.ZERO : NeuronPopulation.Reset.SUBTRACT);
            }

            long limit = exact ? EXACT_DRIVE : NeuronParams.STATE_MAX;
            int maxShift = 0;
            while (maxShift < 30 && (worst << (maxShift + 1)) <= limit) {
                maxShift++;
            }
            int shift;
            if (exact) {
                shift = rnd.nextInt(Math.min(maxShift, 8) + 1);
            } else {
                shift = rnd.nextInt(4) == 0 ? maxShift : rnd.nextInt(Math.min(maxShift, 10) + 1);
            }
            p.setInputShift(shift);

            // the scale of one step's drive: thresholds, biases and floors are drawn around it
            long drive = Math.max(1, worst << shift);
            long unit = Math.max(1, Math.min(NeuronParams.STATE_MAX, drive / (1 + rnd.nextInt(16))));

            if (model != NeuronPopulation.Model.LI || rnd.nextBoolean()) {
                int count = listLength(out, false);
                for (int i = 0; i < count; i++) {
                    p.addThreshold((int) (1 + rnd.nextLong(unit)));
                }
            }
            int biases = listLength(out, true);
            boolean extreme = !exact && rnd.nextInt(8) == 0;
            long biasRange = exact ? Math.min(unit / 2, EXACT_DRIVE) : unit / 2;
            for (int i = 0; i < biases; i++) {
                if (extreme) {
                    p.addBias(rnd.nextBoolean() ? NeuronParams.DRIVE_MAX : -NeuronParams.DRIVE_MAX);
                } else {
                    p.addBias((int) (rnd.nextLong(2 * biasRange + 1) - biasRange));
                }
            }
            if (rnd.nextInt(3) == 0) {
                // one floor for the layer, or one per channel or per neuron (listLength picks)
                int floors = listLength(out, false);
                for (int i = 0; i < floors; i++) {
                    int floorChoice = rnd.nextInt(6);
                    if (!exact && floorChoice == 0) {
                        p.addFloor(-NeuronParams.STATE_MAX);
                    } else if (floorChoice == 1) {
                        p.addFloor(0);
                    } else {
                        p.addFloor((int) -rnd.nextLong(Math.min(NeuronParams.STATE_MAX, 2 * unit) + 1));
                    }
                }
            }
            if (model == NeuronPopulation.Model.CUBA_LIF && rnd.nextBoolean()) {
                // a constant charge of the synaptic current, e.g. a compiled synaptic bias
                int count = listLength(out, false);
                for (int i = 0; i < count; i++) {
                    p.addCurrentBias((int) (rnd.nextLong(2 * biasRange + 1) - biasRange));
                }
            }
            boolean needsMembraneLeak = model != NeuronPopulation.Model.IF;
            if (needsMembraneLeak || rnd.nextInt(5) == 0) {
                p.setMembraneLeak(leak());   // ignored by IF neurons, which must not leak
            }
            if (model == NeuronPopulation.Model.CUBA_LIF || rnd.nextInt(10) == 0) {
                p.setCurrentLeak(leak());    // ignored by every model but CUBA_LIF
            }
            return p.build();
        }

        /** Length of a threshold or bias list: 1 (layer), one per channel or one per neuron (or 0 for biases). */
        private int listLength(Shape out, boolean mayBeEmpty) {
            int choice = rnd.nextInt(mayBeEmpty ? 4 : 3);
            return switch (choice) {
                case 0 -> 1;
                case 1 -> out.channels();
                case 2 -> out.size();
                default -> 0;
            };
        }

        private FixedPoint leak() {
            if (exact) {
                int shift = rnd.nextInt(15);   // 2^shift <= 16384 <= 32767
                return FixedPoint.newBuilder().setMultiplier(1 << shift).setShift(shift).build();
            }
            int shift = rnd.nextInt(16);
            int max = Math.min(NeuronParams.LEAK_MAX_MULTIPLIER, 1 << shift);
            int multiplier = switch (rnd.nextInt(5)) {
                case 0 -> 0;
                case 1 -> max;
                case 2 -> rnd.nextInt(max + 1);
                default -> Math.max(0, max - rnd.nextInt(Math.max(1, max / 8) + 1));   // a realistic 0.87..1
            };
            return FixedPoint.newBuilder().setMultiplier(multiplier).setShift(shift).build();
        }

        /** Weights in -127..127 with a random fraction of zeros. */
        private byte[] sparseWeights(int n) {
            double nonZero = pickDouble(1.0, 0.7, 0.3, 0.05);
            byte[] w = new byte[n];
            for (int i = 0; i < n; i++) {
                if (rnd.nextDouble() < nonZero) {
                    w[i] = (byte) (rnd.nextInt(255) - 127);
                }
            }
            return w;
        }

        private static long rowWorst(byte[] w, int offset, int length, int inputBound) {
            long sum = 0;
            for (int i = 0; i < length; i++) {
                sum += Math.abs(w[offset + i]);
            }
            return sum * inputBound;
        }

        /** Scales a row by EXACT_DRIVE / worst (rounding towards zero), so its worst case fits. */
        private static void scaleRow(byte[] w, int offset, int length, long worst) {
            for (int i = 0; i < length; i++) {
                w[offset + i] = (byte) (w[offset + i] * EXACT_DRIVE / worst);
            }
        }

        private static long max(long[] values) {
            long m = 0;
            for (long v : values) {
                m = Math.max(m, v);
            }
            return m;
        }

        private static int[] divisors(int n) {
            int[] d = new int[n];
            int count = 0;
            for (int i = 1; i <= n; i++) {
                if (n % i == 0) {
                    d[count++] = i;
                }
            }
            return java.util.Arrays.copyOf(d, count);
        }

        private int pickInt(int... values) {
            return values[rnd.nextInt(values.length)];
        }

        private double pickDouble(double... values) {
            return values[rnd.nextInt(values.length)];
        }

        @SafeVarargs
        private <T> T pick(T... values) {
            return values[rnd.nextInt(values.length)];
        }
    }

    static io.neuroedge.proto.program.Shape proto(Shape s) {
        return ProgramBuilder.proto(s);
    }
}
