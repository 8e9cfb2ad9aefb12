package io.neuroedge.runtime.program;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.neuroedge.proto.program.Conv2dOp;
import io.neuroedge.proto.program.DenseOp;
import io.neuroedge.proto.program.EventEncoding;
import io.neuroedge.proto.program.FixedPoint;
import io.neuroedge.proto.program.Header;
import io.neuroedge.proto.program.InputSpec;
import io.neuroedge.proto.program.Layer;
import io.neuroedge.proto.program.MemoryPlan;
import io.neuroedge.proto.program.NeuronPopulation;
import io.neuroedge.proto.program.Pool2dOp;
import io.neuroedge.proto.program.ProgramBody;
import io.neuroedge.proto.program.ReadoutSpec;
import io.neuroedge.proto.program.SpikeProgram;
import io.neuroedge.runtime.simd.NeuronParams;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and verifies a spike program into an {@link ExecutionPlan}. Every check that the kernels
 * rely on happens here, in order: size, container (magic, version, digest), then each part of the
 * body, then the declared memory against what the plan needs and the device's limits. Each failure
 * is an {@link InvalidProgramException} naming the layer, the field and what was expected.
 */
public final class ProgramLoader {

    private final ProgramLimits limits;

    public ProgramLoader(ProgramLimits limits) {
        this.limits = limits;
    }

    public ProgramLoader() {
        this(ProgramLimits.DEFAULT);
    }

    /** Loads a .nsp file, refusing to read more than the size limit. */
    public ExecutionPlan load(Path file) throws InvalidProgramException, IOException {
        long size = Files.size(file);
        if (size > limits.maxFileBytes()) {
            throw new InvalidProgramException(file + ": program is " + size + " bytes, over the limit of "
                    + limits.maxFileBytes());
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) Math.min(size + 1, limits.maxFileBytes() + 1));
        }
        try {
            return load(bytes);
        } catch (InvalidProgramException e) {
            throw new InvalidProgramException(file + ": " + e.getMessage(), e);
        }
    }

    /** Verifies serialized program bytes. */
    public ExecutionPlan load(byte[] bytes) throws InvalidProgramException {
        if (bytes.length > limits.maxFileBytes()) {
            throw new InvalidProgramException("program is " + bytes.length + " bytes, over the limit of "
                    + limits.maxFileBytes());
        }
        if (bytes.length == 0) {
            throw new InvalidProgramException("empty file: not a spike program");
        }
        SpikeProgram program;
        try {
            program = SpikeProgram.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidProgramException("not a spike program, or truncated/corrupted (" + e.getMessage() + ")");
        }
        if (program.getMagic() != SpikePrograms.MAGIC) {
            throw new InvalidProgramException(String.format(
                    "not a spike program: magic is 0x%08X, expected 0x%08X (\"NSP1\")",
                    program.getMagic(), SpikePrograms.MAGIC));
        }
        if (program.getFormatVersion() != SpikePrograms.FORMAT_VERSION) {
            throw new InvalidProgramException("format version " + program.getFormatVersion()
                    + " is not supported: this runtime reads version " + SpikePrograms.FORMAT_VERSION
                    + (program.getFormatVersion() > SpikePrograms.FORMAT_VERSION ? " (upgrade the runtime)" : ""));
        }
        byte[] body = program.getBody().toByteArray();
        ByteString declared = program.getBodySha256();
        if (declared.size() != 32) {
            throw new InvalidProgramException("body_sha256 must be 32 bytes, found " + declared.size());
        }
        byte[] actual = SpikePrograms.sha256(body);
        if (!MessageDigest.isEqual(actual, declared.toByteArray())) {
            throw new InvalidProgramException("digest mismatch, the program is corrupted: body SHA-256 is "
                    + SpikePrograms.hex(actual) + ", the file declares " + SpikePrograms.hex(declared.toByteArray()));
        }
        ProgramBody parsed;
        try {
            parsed = ProgramBody.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidProgramException("program body does not parse (" + e.getMessage() + ")");
        }
        if (parsed.getHeader().getFormatVersion() != program.getFormatVersion()) {
            throw new InvalidProgramException("header.format_version " + parsed.getHeader().getFormatVersion()
                    + " differs from the container's " + program.getFormatVersion());
        }
        return verify(parsed, SpikePrograms.hex(actual), true);
    }

    /**
     * What an engine would allocate for {@code body}, for writers filling in {@code MemoryPlan}.
     * Verifies everything except the memory declaration itself.
     */
    public MemoryFootprint footprint(ProgramBody body) throws InvalidProgramException {
        return verify(body, "", false).memory();
    }

    private ExecutionPlan verify(ProgramBody body, String digest, boolean checkMemory) throws InvalidProgramException {
        Header header = body.getHeader();
        InputPlan input = verifyInput(body.getInput());
        int layerCount = body.getLayersCount();
        if (layerCount == 0) {
            throw new InvalidProgramException("program has no layers");
        }
        if (layerCount > limits.maxLayers()) {
            throw new InvalidProgramException("program has " + layerCount + " layers, over the limit of " + limits.maxLayers());
        }
        List<LayerPlan> layers = new ArrayList<>(layerCount);
        Shape shape = input.shape();
        int bound = input.maxCount();
        for (int i = 0; i < layerCount; i++) {
            LayerPlan layer = verifyLayer(i, body.getLayers(i), shape, bound);
            layers.add(layer);
            shape = layer.outputShape();
            bound = layer.outputBound();
        }
        LayerPlan last = layers.get(layerCount - 1);
        if (!(last instanceof DenseLayer || last instanceof ConvLayer)) {
            throw new InvalidProgramException("the last layer '" + last.name()
                    + "' must have a neuron population to read out, it is a " + last.getClass().getSimpleName());
        }
        ExecutionPlan.ReadoutKind readout = readoutKind(body.getReadout());
        List<String> labels = body.getReadout().getLabelsList();
        if (!labels.isEmpty() && labels.size() != shape.size()) {
            throw new InvalidProgramException("readout.labels has " + labels.size() + " names for "
                    + shape.size() + " output neurons");
        }
        MemoryFootprint memory = MemoryFootprint.of(input, layers);
        if (checkMemory) {
            checkMemory(body.getMemory(), memory);
        }
        if (memory.total() > limits.maxTotalBytes()) {
            throw new InvalidProgramException("program needs " + memory.total() + " bytes of memory, over the limit of "
                    + limits.maxTotalBytes());
        }
        return new ExecutionPlan(header.getName(), digest, header.getToolVersion(),
                SpikePrograms.hex(header.getSourceModelSha256().toByteArray()),
                input, layers, readout, labels, memory);
    }

    private static void checkMemory(MemoryPlan declared, MemoryFootprint needed) throws InvalidProgramException {
        if (declared.getWeightBytes() != needed.weightBytes()
                || declared.getStateBytes() != needed.stateBytes()
                || declared.getScratchBytes() != needed.scratchBytes()) {
            throw new InvalidProgramException("memory plan declares weights/state/scratch "
                    + declared.getWeightBytes() + "/" + declared.getStateBytes() + "/" + declared.getScratchBytes()
                    + " bytes, but the program needs " + needed.weightBytes() + "/" + needed.stateBytes() + "/"
                    + needed.scratchBytes());
        }
    }

    private InputPlan verifyInput(InputSpec spec) throws InvalidProgramException {
        if (!spec.hasShape()) {
            throw new InvalidProgramException("input.shape is missing");
        }
        Shape shape = shape("input.shape", spec.getShape());
        if (spec.getMaxCount() < 1 || spec.getMaxCount() > 127) {
            throw new InvalidProgramException("input.max_count is " + spec.getMaxCount() + ", expected 1..127");
        }
        Optional<InputPlan.EventMapping> events = Optional.empty();
        if (spec.hasEvents()) {
            EventEncoding e = spec.getEvents();
            String where = "input.events";
            if (e.getSensorWidth() == 0 || e.getSensorHeight() == 0 || e.getSensorWidth() > 65536
                    || e.getSensorHeight() > 65536) {
                throw new InvalidProgramException(where + ": sensor size " + e.getSensorWidth() + "x"
                        + e.getSensorHeight() + " must be 1..65536 in each dimension");
            }
            if (e.getBinUs() == 0) {
                throw new InvalidProgramException(where + ".bin_us must be positive");
            }
            if (e.getDownsampleShift() > 15) {
                throw new InvalidProgramException(where + ".downsample_shift " + e.getDownsampleShift() + " exceeds 15");
            }
            if (e.getOffChannel() >= shape.channels() || e.getOnChannel() >= shape.channels()) {
                throw new InvalidProgramException(where + ": polarity channels off=" + e.getOffChannel() + " on="
                        + e.getOnChannel() + " must be below the input's " + shape.channels() + " channels");
            }
            long spanX = (long) e.getCropX() + ((long) shape.width() << e.getDownsampleShift());
            long spanY = (long) e.getCropY() + ((long) shape.height() << e.getDownsampleShift());
            if (spanX > e.getSensorWidth() || spanY > e.getSensorHeight()) {
                throw new InvalidProgramException(where + ": crop (" + e.getCropX() + "," + e.getCropY()
                        + ") plus input " + shape.width() + "x" + shape.height() + " << " + e.getDownsampleShift()
                        + " reaches " + spanX + "x" + spanY + ", beyond the sensor " + e.getSensorWidth() + "x"
                        + e.getSensorHeight());
            }
            events = Optional.of(new InputPlan.EventMapping(e.getSensorWidth(), e.getSensorHeight(),
                    e.getOffChannel(), e.getOnChannel(), e.getCropX(), e.getCropY(), e.getDownsampleShift(),
                    e.getBinUs()));
        }
        return new InputPlan(shape, spec.getMaxCount(), events);
    }

    private Shape shape(String where, io.neuroedge.proto.program.Shape s) throws InvalidProgramException {
        if (s.getChannels() == 0 || s.getHeight() == 0 || s.getWidth() == 0) {
            throw new InvalidProgramException(where + " " + s.getChannels() + "x" + s.getHeight() + "x" + s.getWidth()
                    + " has a zero dimension");
        }
        long size = (long) s.getChannels() * s.getHeight() * s.getWidth();
        if (size > limits.maxLayerSize()) {
            throw new InvalidProgramException(where + " has " + size + " elements, over the limit of "
                    + limits.maxLayerSize());
        }
        return new Shape(s.getChannels(), s.getHeight(), s.getWidth());
    }

    private LayerPlan verifyLayer(int index, Layer layer, Shape in, int inBound) throws InvalidProgramException {
        String where = "layer " + index + " '" + layer.getName() + "'";
        if (layer.hasInputShape()) {
            Shape declaredIn = shape(where + " input_shape", layer.getInputShape());
            if (!declaredIn.equals(in)) {
                throw new InvalidProgramException(where + ": input_shape is " + declaredIn
                        + " but the previous layer produces " + in);
            }
        }
        if (!layer.hasOutputShape()) {
            throw new InvalidProgramException(where + ": output_shape is missing");
        }
        Shape out = shape(where + " output_shape", layer.getOutputShape());
        boolean synaptic = layer.hasDense() || layer.hasConv2D();
        if (synaptic != layer.hasNeurons()) {
            throw new InvalidProgramException(where + (synaptic ? ": dense and conv2d layers need a neuron population"
                    : ": only dense and conv2d layers may have a neuron population"));
        }
        return switch (layer.getOpCase()) {
            case DENSE -> dense(where, layer, in, out, inBound);
            case CONV2D -> conv(where, layer, in, out, inBound);
            case POOL -> pool(where, layer.getPool(), layer.getName(), in, out, inBound);
            case FLATTEN -> {
                if (out.size() != in.size() || out.height() != 1 || out.width() != 1) {
                    throw new InvalidProgramException(where + ": flatten of " + in + " must output "
                            + in.size() + "x1x1, declared " + out);
                }
                yield new FlattenLayer(layer.getName(), in, out, inBound);
            }
            case OP_NOT_SET -> throw new InvalidProgramException(where + ": no operation (dense, conv2d, pool or flatten)");
        };
    }

    private DenseLayer dense(String where, Layer layer, Shape in, Shape out, int inBound) throws InvalidProgramException {
        DenseOp op = layer.getDense();
        int nIn = op.getInFeatures();
        int nOut = op.getOutFeatures();
        if (nIn != in.size()) {
            throw new InvalidProgramException(where + ": dense.in_features is " + nIn + " but its input has "
                    + in.size() + " elements (" + in + ")");
        }
        if (!out.equals(Shape.vector(nOut))) {
            throw new InvalidProgramException(where + ": output_shape " + out + " does not match dense.out_features " + nOut);
        }
        byte[] w = int8(where + " dense.weights", op.getWeights(), (long) nIn * nOut, "[out=" + nOut + "][in=" + nIn + "]");
        float[] scales = scales(where + " dense.weight_scale", op.getWeightScaleList(), nOut);
        byte[] rec = null;
        if (!op.getRecurrentWeights().isEmpty()) {
            rec = int8(where + " dense.recurrent_weights", op.getRecurrentWeights(), (long) nOut * nOut,
                    "[out=" + nOut + "][out=" + nOut + "]");
        }
        NeuronParams neurons = neurons(where, layer.getNeurons(), out, nOut);
        // Worst-case synaptic sum per neuron: it must stay in the state range after the input shift.
        for (int o = 0; o < nOut; o++) {
            long worst = 0;
            for (int j = 0; j < nIn; j++) {
                worst += Math.abs(w[o * nIn + j]);
            }
            worst *= inBound;
            if (rec != null) {
                for (int k = 0; k < nOut; k++) {
                    worst += Math.abs(rec[o * nOut + k]);
                }
            }
            checkDrive(where, o, worst, neurons.inputShift);
        }
        return new DenseLayer(layer.getName(), nIn, nOut, w, rec, scales, neurons);
    }

    private ConvLayer conv(String where, Layer layer, Shape in, Shape out, int inBound) throws InvalidProgramException {
        Conv2dOp op = layer.getConv2D();
        if (op.getInChannels() != in.channels()) {
            throw new InvalidProgramException(where + ": conv2d.in_channels is " + op.getInChannels()
                    + " but its input is " + in);
        }
        if (op.getOutChannels() != out.channels()) {
            throw new InvalidProgramException(where + ": conv2d.out_channels is " + op.getOutChannels()
                    + " but output_shape is " + out);
        }
        int groups = op.getGroups();
        if (groups < 1 || in.channels() % groups != 0 || out.channels() % groups != 0) {
            throw new InvalidProgramException(where + ": conv2d.groups " + groups + " must be >= 1 and divide "
                    + in.channels() + " input and " + out.channels() + " output channels");
        }
        int kh = op.getKernelH();
        int kw = op.getKernelW();
        int sh = op.getStrideH();
        int sw = op.getStrideW();
        int ph = op.getPaddingH();
        int pw = op.getPaddingW();
        window(where + " conv2d", kh, kw, sh, sw, ph, pw);
        int oh = outSize(in.height(), kh, sh, ph);
        int ow = outSize(in.width(), kw, sw, pw);
        if (oh != out.height() || ow != out.width()) {
            throw new InvalidProgramException(where + ": conv2d of " + in + " with kernel " + kh + "x" + kw
                    + ", stride " + sh + "x" + sw + ", padding " + ph + "x" + pw + " gives " + out.channels() + "x"
                    + oh + "x" + ow + ", output_shape declares " + out);
        }
        int cinG = in.channels() / groups;
        long volume = (long) cinG * kh * kw;
        byte[] w = int8(where + " conv2d.weights", op.getWeights(), out.channels() * volume,
                "[out=" + out.channels() + "][in/groups=" + cinG + "][" + kh + "][" + kw + "]");
        float[] scales = scales(where + " conv2d.weight_scale", op.getWeightScaleList(), out.channels());
        NeuronParams neurons = neurons(where, layer.getNeurons(), out, out.size());
        for (int co = 0; co < out.channels(); co++) {
            long worst = 0;
            for (int i = 0; i < volume; i++) {
                worst += Math.abs(w[(int) (co * volume + i)]);
            }
            checkDrive(where, co, worst * inBound, neurons.inputShift);
        }
        return new ConvLayer(layer.getName(), in, out, kh, kw, sh, sw, ph, pw, groups, w, scales, neurons);
    }

    private PoolLayer pool(String where, Pool2dOp op, String name, Shape in, Shape out, int inBound)
            throws InvalidProgramException {
        if (op.getKind() != Pool2dOp.Kind.SUM && op.getKind() != Pool2dOp.Kind.AVERAGE) {
            throw new InvalidProgramException(where + ": pool.kind must be SUM or AVERAGE, found " + op.getKind());
        }
        window(where + " pool", op.getKernelH(), op.getKernelW(), op.getStrideH(), op.getStrideW(),
                op.getPaddingH(), op.getPaddingW());
        int oh = outSize(in.height(), op.getKernelH(), op.getStrideH(), op.getPaddingH());
        int ow = outSize(in.width(), op.getKernelW(), op.getStrideW(), op.getPaddingW());
        if (out.channels() != in.channels() || oh != out.height() || ow != out.width()) {
            throw new InvalidProgramException(where + ": pooling " + in + " with kernel " + op.getKernelH() + "x"
                    + op.getKernelW() + ", stride " + op.getStrideH() + "x" + op.getStrideW() + " gives "
                    + in.channels() + "x" + oh + "x" + ow + ", output_shape declares " + out);
        }
        int bound = (int) Math.min(PoolLayer.MAX_OUTPUT, (long) inBound * op.getKernelH() * op.getKernelW());
        return new PoolLayer(name, in, out, op.getKind() == Pool2dOp.Kind.AVERAGE, op.getKernelH(), op.getKernelW(),
                op.getStrideH(), op.getStrideW(), op.getPaddingH(), op.getPaddingW(), bound);
    }

    private static void window(String where, int kh, int kw, int sh, int sw, int ph, int pw)
            throws InvalidProgramException {
        if (kh < 1 || kw < 1 || kh > 64 || kw > 64) {
            throw new InvalidProgramException(where + ": kernel " + kh + "x" + kw + " must be 1..64 in each dimension");
        }
        if (sh < 1 || sw < 1 || sh > 64 || sw > 64) {
            throw new InvalidProgramException(where + ": stride " + sh + "x" + sw + " must be 1..64 in each dimension");
        }
        if (ph >= kh || pw >= kw) {
            throw new InvalidProgramException(where + ": padding " + ph + "x" + pw + " must be smaller than the kernel "
                    + kh + "x" + kw);
        }
    }

    private static int outSize(int in, int k, int s, int p) {
        int span = in + 2 * p - k;
        return span < 0 ? 0 : span / s + 1;
    }

    private static byte[] int8(String where, ByteString bytes, long expected, String layout) throws InvalidProgramException {
        if (bytes.size() != expected) {
            throw new InvalidProgramException(where + " has " + bytes.size() + " bytes, expected " + expected + " "
                    + layout);
        }
        byte[] w = bytes.toByteArray();
        for (int i = 0; i < w.length; i++) {
            if (w[i] == Byte.MIN_VALUE) {
                throw new InvalidProgramException(where + "[" + i + "] is -128; int8 weights must be in -127..127");
            }
        }
        return w;
    }

    private static float[] scales(String where, List<Float> values, int expected) throws InvalidProgramException {
        if (values.size() != expected) {
            throw new InvalidProgramException(where + " has " + values.size() + " values, expected " + expected
                    + " (one per output channel)");
        }
        float[] s = new float[expected];
        for (int i = 0; i < expected; i++) {
            float v = values.get(i);
            if (!(v > 0) || Float.isInfinite(v)) {
                throw new InvalidProgramException(where + "[" + i + "] is " + v + "; scales must be positive and finite");
            }
            s[i] = v;
        }
        return s;
    }

    private static void checkDrive(String where, int neuron, long worst, int shift) throws InvalidProgramException {
        if (worst > (NeuronParams.STATE_MAX >> shift)) {
            throw new InvalidProgramException(where + ": worst-case synaptic sum of output " + neuron + " is " + worst
                    + ", which shifted left by neurons.input_shift=" + shift + " exceeds the state range 2^30-1;"
                    + " lower input_shift or the weights");
        }
    }

    private static NeuronParams neurons(String where, NeuronPopulation p, Shape out, int n) throws InvalidProgramException {
        String at = where + " neurons";
        NeuronParams.Model model = switch (p.getModel()) {
            case IF -> NeuronParams.Model.IF;
            case LIF -> NeuronParams.Model.LIF;
            case CUBA_LIF -> NeuronParams.Model.CUBA_LIF;
            case LI -> NeuronParams.Model.LI;
            default -> throw new InvalidProgramException(at + ".model must be IF, LIF, CUBA_LIF or LI, found " + p.getModel());
        };
        if (model != NeuronParams.Model.LI && p.getReset() != NeuronPopulation.Reset.ZERO
                && p.getReset() != NeuronPopulation.Reset.SUBTRACT) {
            throw new InvalidProgramException(at + ".reset must be ZERO or SUBTRACT, found " + p.getReset());
        }
        if (p.getInputShift() > 30) {
            throw new InvalidProgramException(at + ".input_shift " + p.getInputShift() + " exceeds 30");
        }
        int[] threshold = expand(at + ".threshold", p.getThresholdList(), out, n, model == NeuronParams.Model.LI, 1);
        for (int k = 0; k < n; k++) {
            if (model != NeuronParams.Model.LI && (threshold[k] < 1 || threshold[k] > NeuronParams.STATE_MAX)) {
                throw new InvalidProgramException(at + ".threshold of neuron " + k + " is " + threshold[k]
                        + ", expected 1..2^30-1");
            }
        }
        int[] bias = expand(at + ".bias", p.getBiasList(), out, n, true, 0);
        for (int k = 0; k < n; k++) {
            if (Math.abs((long) bias[k]) > NeuronParams.DRIVE_MAX) {
                throw new InvalidProgramException(at + ".bias of neuron " + k + " is " + bias[k]
                        + ", outside +-(2^30-1)");
            }
        }
        boolean leaky = model != NeuronParams.Model.IF;
        FixedPoint vLeak = leak(at + ".membrane_leak", p.hasMembraneLeak() ? p.getMembraneLeak() : null, leaky);
        FixedPoint iLeak = leak(at + ".current_leak", p.hasCurrentLeak() ? p.getCurrentLeak() : null,
                model == NeuronParams.Model.CUBA_LIF);
        if (p.getHasFloor() && (p.getFloor() > 0 || p.getFloor() < -NeuronParams.STATE_MAX)) {
            throw new InvalidProgramException(at + ".floor is " + p.getFloor() + ", expected -(2^30-1)..0");
        }
        return new NeuronParams(model, p.getReset() == NeuronPopulation.Reset.SUBTRACT, p.getInputShift(),
                threshold, bias, vLeak.getMultiplier(), vLeak.getShift(), iLeak.getMultiplier(), iLeak.getShift(),
                p.getHasFloor(), p.getFloor());
    }

    private static FixedPoint leak(String where, FixedPoint leak, boolean required) throws InvalidProgramException {
        if (leak == null) {
            if (required) {
                throw new InvalidProgramException(where + " is required for this neuron model");
            }
            return FixedPoint.newBuilder().setMultiplier(1).setShift(0).build();
        }
        if (leak.getShift() > NeuronParams.LEAK_MAX_SHIFT || leak.getMultiplier() > NeuronParams.LEAK_MAX_MULTIPLIER
                || leak.getMultiplier() > (1L << leak.getShift())) {
            throw new InvalidProgramException(where + " is " + leak.getMultiplier() + "/2^" + leak.getShift()
                    + "; expected shift 0..15 and multiplier 0..min(32767, 2^shift) (a factor <= 1)");
        }
        return leak;
    }

    /** Expands a per-layer, per-channel or per-neuron list to one value per neuron. */
    private static int[] expand(String where, List<Integer> values, Shape out, int n, boolean mayBeEmpty, int fill)
            throws InvalidProgramException {
        int[] result = new int[n];
        int per = out.pixels();
        if (values.isEmpty()) {
            if (!mayBeEmpty) {
                throw new InvalidProgramException(where + " is empty; give 1 value, one per channel ("
                        + out.channels() + ") or one per neuron (" + n + ")");
            }
            java.util.Arrays.fill(result, fill);
        } else if (values.size() == 1) {
            java.util.Arrays.fill(result, values.get(0));
        } else if (values.size() == out.channels()) {
            for (int k = 0; k < n; k++) {
                result[k] = values.get(k / per);
            }
        } else if (values.size() == n) {
            for (int k = 0; k < n; k++) {
                result[k] = values.get(k);
            }
        } else {
            throw new InvalidProgramException(where + " has " + values.size() + " values; expected 1, one per channel ("
                    + out.channels() + ") or one per neuron (" + n + ")");
        }
        return result;
    }

    private static ExecutionPlan.ReadoutKind readoutKind(ReadoutSpec spec) throws InvalidProgramException {
        return switch (spec.getKind()) {
            case SPIKE_COUNT -> ExecutionPlan.ReadoutKind.SPIKE_COUNT;
            case MEMBRANE -> ExecutionPlan.ReadoutKind.MEMBRANE;
            case FIRST_SPIKE -> ExecutionPlan.ReadoutKind.FIRST_SPIKE;
            default -> throw new InvalidProgramException("readout.kind must be SPIKE_COUNT, MEMBRANE or FIRST_SPIKE, found "
                    + spec.getKind());
        };
    }
}
