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

    /** Longest time step a program may declare: one hour. */
    static final long MAX_BIN_US = 3_600_000_000L;

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
        // Pass 1: shapes and memory from the layer descriptions alone, so that nothing proportional
        // to a layer's size is allocated or computed before the device's limits are checked.
        MemoryFootprint.Accumulator need = new MemoryFootprint.Accumulator(input.shape().size());
        Shape[] inputs = new Shape[layerCount];
        Shape shape = input.shape();
        for (int i = 0; i < layerCount; i++) {
            inputs[i] = shape;
            shape = checkShapes(i, body.getLayers(i), shape, need);
        }
        Layer last = body.getLayers(layerCount - 1);
        if (!last.hasNeurons()) {
            throw new InvalidProgramException("the last layer '" + last.getName()
                    + "' must have a neuron population to read out, it is a " + last.getOpCase());
        }
        ExecutionPlan.ReadoutKind readout = readoutKind(body.getReadout());
        List<String> labels = body.getReadout().getLabelsList();
        if (!labels.isEmpty() && labels.size() != shape.size()) {
            throw new InvalidProgramException("readout.labels has " + labels.size() + " names for "
                    + shape.size() + " output neurons");
        }
        MemoryFootprint memory = need.finish(shape.size(), readout == ExecutionPlan.ReadoutKind.MEMBRANE_SUM);
        if (checkMemory) {
            checkMemory(body.getMemory(), memory);
        }
        if (memory.total() > limits.maxTotalBytes()) {
            throw new InvalidProgramException("program needs " + memory.total() + " bytes of memory, over the limit of "
                    + limits.maxTotalBytes());
        }
        // Pass 2: contents (weights, scales, neuron parameters, overflow bounds) and the plan itself.
        List<LayerPlan> layers = new ArrayList<>(layerCount);
        int bound = input.maxCount();
        for (int i = 0; i < layerCount; i++) {
            LayerPlan layer = buildLayer(i, body.getLayers(i), inputs[i], bound);
            layers.add(layer);
            bound = layer.outputBound();
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
            // all fields are unsigned: u32 rejects values that Java reads as negative
            int sensorWidth = u32(where + ".sensor_width", e.getSensorWidth(), 65536);
            int sensorHeight = u32(where + ".sensor_height", e.getSensorHeight(), 65536);
            if (sensorWidth == 0 || sensorHeight == 0) {
                throw new InvalidProgramException(where + ": sensor size " + sensorWidth + "x" + sensorHeight
                        + " must be 1..65536 in each dimension");
            }
            long binUs = e.getBinUs();
            if (binUs <= 0 || binUs > MAX_BIN_US) {
                throw new InvalidProgramException(where + ".bin_us is " + Long.toUnsignedString(binUs)
                        + ", expected 1.." + MAX_BIN_US + " (one hour)");
            }
            int shift = u32(where + ".downsample_shift", e.getDownsampleShift(), 15);
            int off = u32(where + ".off_channel", e.getOffChannel(), shape.channels() - 1);
            int on = u32(where + ".on_channel", e.getOnChannel(), shape.channels() - 1);
            int cropX = u32(where + ".crop_x", e.getCropX(), sensorWidth - 1);
            int cropY = u32(where + ".crop_y", e.getCropY(), sensorHeight - 1);
            long spanX = (long) cropX + ((long) shape.width() << shift);
            long spanY = (long) cropY + ((long) shape.height() << shift);
            if (spanX > sensorWidth || spanY > sensorHeight) {
                throw new InvalidProgramException(where + ": crop (" + cropX + "," + cropY + ") plus input "
                        + shape.width() + "x" + shape.height() + " << " + shift + " reaches " + spanX + "x" + spanY
                        + ", beyond the sensor " + sensorWidth + "x" + sensorHeight);
            }
            events = Optional.of(new InputPlan.EventMapping(sensorWidth, sensorHeight, off, on, cropX, cropY, shift,
                    binUs));
        }
        return new InputPlan(shape, spec.getMaxCount(), events);
    }

    private Shape shape(String where, io.neuroedge.proto.program.Shape s) throws InvalidProgramException {
        // dimensions are unsigned; each is below 2^32, so a product of two cannot overflow a long
        long c = Integer.toUnsignedLong(s.getChannels());
        long h = Integer.toUnsignedLong(s.getHeight());
        long w = Integer.toUnsignedLong(s.getWidth());
        if (c == 0 || h == 0 || w == 0) {
            throw new InvalidProgramException(where + " " + c + "x" + h + "x" + w + " has a zero dimension");
        }
        if (c * h > limits.maxLayerSize() || c * h * w > limits.maxLayerSize()) {
            throw new InvalidProgramException(where + " " + c + "x" + h + "x" + w + " has more elements than the limit of "
                    + limits.maxLayerSize());
        }
        return new Shape((int) c, (int) h, (int) w);
    }

    /** Checks a layer's declared shapes and scalar parameters, adds its memory, returns its output shape. */
    private Shape checkShapes(int index, Layer layer, Shape in, MemoryFootprint.Accumulator need)
            throws InvalidProgramException {
        String where = where(index, layer);
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
        boolean cuba = layer.getNeurons().getModel() == NeuronPopulation.Model.CUBA_LIF;
        switch (layer.getOpCase()) {
            case DENSE -> {
                DenseOp op = layer.getDense();
                int nIn = u32(where + " dense.in_features", op.getInFeatures(), limits.maxLayerSize());
                int nOut = u32(where + " dense.out_features", op.getOutFeatures(), limits.maxLayerSize());
                if (nIn != in.size()) {
                    throw new InvalidProgramException(where + ": dense.in_features is " + nIn + " but its input has "
                            + in.size() + " elements (" + in + ")");
                }
                if (nOut == 0 || !out.equals(Shape.vector(nOut))) {
                    throw new InvalidProgramException(where + ": output_shape " + out
                            + " does not match dense.out_features " + nOut);
                }
                need.dense(nIn, nOut, !op.getRecurrentWeights().isEmpty(), cuba);
            }
            case CONV2D -> {
                Conv2dOp op = layer.getConv2D();
                if (op.getInChannels() != in.channels()) {
                    throw new InvalidProgramException(where + ": conv2d.in_channels is "
                            + Integer.toUnsignedString(op.getInChannels()) + " but its input is " + in);
                }
                if (op.getOutChannels() != out.channels()) {
                    throw new InvalidProgramException(where + ": conv2d.out_channels is "
                            + Integer.toUnsignedString(op.getOutChannels()) + " but output_shape is " + out);
                }
                int groups = u32(where + " conv2d.groups", op.getGroups(), in.channels());
                if (groups < 1 || in.channels() % groups != 0 || out.channels() % groups != 0) {
                    throw new InvalidProgramException(where + ": conv2d.groups " + groups + " must be >= 1 and divide "
                            + in.channels() + " input and " + out.channels() + " output channels");
                }
                Shape expected = window(where + " conv2d", in, out.channels(), op.getKernelH(), op.getKernelW(),
                        op.getStrideH(), op.getStrideW(), op.getPaddingH(), op.getPaddingW());
                if (!expected.equals(out)) {
                    throw new InvalidProgramException(where + ": conv2d of " + in + " with kernel " + op.getKernelH()
                            + "x" + op.getKernelW() + ", stride " + op.getStrideH() + "x" + op.getStrideW()
                            + ", padding " + op.getPaddingH() + "x" + op.getPaddingW() + " gives " + expected
                            + ", output_shape declares " + out);
                }
                need.conv(in, out, op.getKernelH(), op.getKernelW(), groups, cuba);
            }
            case POOL -> {
                Pool2dOp op = layer.getPool();
                if (op.getKind() != Pool2dOp.Kind.SUM && op.getKind() != Pool2dOp.Kind.AVERAGE) {
                    throw new InvalidProgramException(where + ": pool.kind must be SUM or AVERAGE, found " + op.getKind());
                }
                Shape expected = window(where + " pool", in, in.channels(), op.getKernelH(), op.getKernelW(),
                        op.getStrideH(), op.getStrideW(), op.getPaddingH(), op.getPaddingW());
                if (!expected.equals(out)) {
                    throw new InvalidProgramException(where + ": pooling " + in + " with kernel " + op.getKernelH() + "x"
                            + op.getKernelW() + ", stride " + op.getStrideH() + "x" + op.getStrideW() + " gives "
                            + expected + ", output_shape declares " + out);
                }
                need.pool(out.size());
            }
            case FLATTEN -> {
                if (out.size() != in.size() || out.height() != 1 || out.width() != 1) {
                    throw new InvalidProgramException(where + ": flatten of " + in + " must output "
                            + in.size() + "x1x1, declared " + out);
                }
            }
            case OP_NOT_SET -> throw new InvalidProgramException(where + ": no operation (dense, conv2d, pool or flatten)");
        }
        return out;
    }

    private static String where(int index, Layer layer) {
        return "layer " + index + " '" + layer.getName() + "'";
    }

    /** Builds a layer whose shapes pass 1 has checked: verifies its contents. */
    private LayerPlan buildLayer(int index, Layer layer, Shape in, int inBound) throws InvalidProgramException {
        String where = where(index, layer);
        Shape out = shape(where + " output_shape", layer.getOutputShape());
        return switch (layer.getOpCase()) {
            case DENSE -> dense(where, layer, in, out, inBound);
            case CONV2D -> conv(where, layer, in, out, inBound);
            case POOL -> {
                Pool2dOp op = layer.getPool();
                int bound = (int) Math.min(PoolLayer.MAX_OUTPUT, (long) inBound * op.getKernelH() * op.getKernelW());
                yield new PoolLayer(layer.getName(), in, out, op.getKind() == Pool2dOp.Kind.AVERAGE, op.getKernelH(),
                        op.getKernelW(), op.getStrideH(), op.getStrideW(), op.getPaddingH(), op.getPaddingW(), bound);
            }
            case FLATTEN -> new FlattenLayer(layer.getName(), in, out, inBound);
            case OP_NOT_SET -> throw new IllegalStateException("checked in pass 1");
        };
    }

    private DenseLayer dense(String where, Layer layer, Shape in, Shape out, int inBound) throws InvalidProgramException {
        DenseOp op = layer.getDense();
        int nIn = in.size();
        int nOut = out.size();
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
        int groups = op.getGroups();
        int kh = op.getKernelH();
        int kw = op.getKernelW();
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
        return new ConvLayer(layer.getName(), in, out, kh, kw, op.getStrideH(), op.getStrideW(), op.getPaddingH(),
                op.getPaddingW(), groups, w, scales, neurons);
    }

    /** An unsigned proto field as an int, rejected above {@code max} (values >= 2^31 read as negative). */
    private static int u32(String where, int raw, long max) throws InvalidProgramException {
        long value = Integer.toUnsignedLong(raw);
        if (value > max) {
            throw new InvalidProgramException(where + " is " + value + ", over the maximum of " + max);
        }
        return (int) value;
    }

    /** Checks a pooling/convolution window (all fields unsigned) and returns the output shape it gives. */
    private static Shape window(String where, Shape in, int outChannels, int kh, int kw, int sh, int sw, int ph, int pw)
            throws InvalidProgramException {
        kh = u32(where + " kernel_h", kh, 64);
        kw = u32(where + " kernel_w", kw, 64);
        sh = u32(where + " stride_h", sh, 64);
        sw = u32(where + " stride_w", sw, 64);
        ph = u32(where + " padding_h", ph, 63);
        pw = u32(where + " padding_w", pw, 63);
        if (kh < 1 || kw < 1) {
            throw new InvalidProgramException(where + ": kernel " + kh + "x" + kw + " must be 1..64 in each dimension");
        }
        if (sh < 1 || sw < 1) {
            throw new InvalidProgramException(where + ": stride " + sh + "x" + sw + " must be 1..64 in each dimension");
        }
        if (ph >= kh || pw >= kw) {
            throw new InvalidProgramException(where + ": padding " + ph + "x" + pw + " must be smaller than the kernel "
                    + kh + "x" + kw);
        }
        int oh = outSize(in.height(), kh, sh, ph);
        int ow = outSize(in.width(), kw, sw, pw);
        if (oh < 1 || ow < 1) {
            throw new InvalidProgramException(where + ": kernel " + kh + "x" + kw + " with padding " + ph + "x" + pw
                    + " does not fit the input " + in);
        }
        return new Shape(outChannels, oh, ow);
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
        u32(at + ".input_shift", p.getInputShift(), 30);
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
        int[] floor = null;
        if (p.getFloorCount() > 0) {
            floor = expand(at + ".floor", p.getFloorList(), out, n, false, 0);
            for (int k = 0; k < n; k++) {
                if (floor[k] > 0 || floor[k] < -NeuronParams.STATE_MAX) {
                    throw new InvalidProgramException(at + ".floor of neuron " + k + " is " + floor[k]
                            + ", expected -(2^30-1)..0");
                }
            }
        }
        NeuronParams params = new NeuronParams(model, p.getReset() == NeuronPopulation.Reset.SUBTRACT,
                p.getInputShift(), threshold, bias, vLeak.getMultiplier(), vLeak.getShift(), iLeak.getMultiplier(),
                iLeak.getShift(), floor);
        if (p.getCurrentBiasCount() > 0) {
            if (model != NeuronParams.Model.CUBA_LIF) {
                throw new InvalidProgramException(at + ".current_bias is given, but only CUBA_LIF neurons have a"
                        + " synaptic current");
            }
            int[] currentBias = expand(at + ".current_bias", p.getCurrentBiasList(), out, n, false, 0);
            for (int k = 0; k < n; k++) {
                if (Math.abs((long) currentBias[k]) > NeuronParams.DRIVE_MAX) {
                    throw new InvalidProgramException(at + ".current_bias of neuron " + k + " is " + currentBias[k]
                            + ", outside +-(2^30-1)");
                }
            }
            params = params.withCurrentBias(currentBias);
        }
        return params;
    }

    private static FixedPoint leak(String where, FixedPoint leak, boolean required) throws InvalidProgramException {
        if (leak == null) {
            if (required) {
                throw new InvalidProgramException(where + " is required for this neuron model");
            }
            return FixedPoint.newBuilder().setMultiplier(1).setShift(0).build();
        }
        long multiplier = Integer.toUnsignedLong(leak.getMultiplier());
        long shift = Integer.toUnsignedLong(leak.getShift());
        if (shift > NeuronParams.LEAK_MAX_SHIFT || multiplier > NeuronParams.LEAK_MAX_MULTIPLIER
                || multiplier > (1L << shift)) {
            throw new InvalidProgramException(where + " is " + multiplier + "/2^" + shift
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
            case MEMBRANE_SUM -> ExecutionPlan.ReadoutKind.MEMBRANE_SUM;
            default -> throw new InvalidProgramException("readout.kind must be SPIKE_COUNT, MEMBRANE, FIRST_SPIKE or MEMBRANE_SUM, found "
                    + spec.getKind());
        };
    }
}
