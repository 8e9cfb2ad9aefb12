package io.neuroedge.runtime.program;

import io.neuroedge.proto.program.Conv2dOp;
import io.neuroedge.proto.program.DenseOp;
import io.neuroedge.proto.program.EventEncoding;
import io.neuroedge.proto.program.EventFilters;
import io.neuroedge.proto.program.InputSpec;
import io.neuroedge.proto.program.Layer;
import io.neuroedge.proto.program.MemoryPlan;
import io.neuroedge.proto.program.NeuronPopulation;
import io.neuroedge.proto.program.Pool2dOp;
import io.neuroedge.proto.program.ProgramBody;
import io.neuroedge.proto.program.ReadoutSpec;
import io.neuroedge.runtime.input.EventFilterSpec;
import io.neuroedge.runtime.input.PolarityFilter;

import java.util.List;
import java.util.Optional;

/**
 * Second pass of loading, for format version 1 (a chain of layers): the body's structure from the
 * layer descriptions alone, so that nothing proportional to a layer's size is allocated or computed
 * before the device's limits are checked. Input and event encoding, each layer's shapes and scalar
 * parameters, the chain from one layer to the next, the readout, the declared memory plan against
 * what the plan needs, and the device's limits. A later format (populations and projections) gets a
 * structure pass of its own beside this one.
 */
final class StructurePass {

    /** Longest time step a program may declare: one hour. */
    static final long MAX_BIN_US = 3_600_000_000L;

    /** What the structure pass established: the shapes around every layer, the readout and the memory. */
    record Structure(InputPlan input, Shape[] inputs, Shape[] outputs, ExecutionPlan.ReadoutKind readout,
                     List<String> labels, MemoryFootprint memory) {
    }

    private final ProgramLimits limits;

    StructurePass(ProgramLimits limits) {
        this.limits = limits;
    }

    /** Checks the body's structure; {@code checkMemory}: also the declared memory plan. */
    Structure check(ProgramBody body, boolean checkMemory) throws InvalidProgramException {
        InputPlan input = verifyInput(body.getInput());
        int layerCount = body.getLayersCount();
        if (layerCount == 0) {
            throw new InvalidProgramException("program has no layers");
        }
        if (layerCount > limits.maxLayers()) {
            throw new InvalidProgramException("program has " + layerCount + " layers, over the limit of " + limits.maxLayers());
        }
        // Shapes and memory from the layer descriptions alone, so that nothing proportional
        // to a layer's size is allocated or computed before the device's limits are checked.
        MemoryFootprint.Accumulator need = new MemoryFootprint.Accumulator(input.shape().size());
        input.events().ifPresent(m -> need.eventFilters(m.filters(), m.sensorWidth(), m.sensorHeight()));
        Shape[] inputs = new Shape[layerCount];
        Shape[] outputs = new Shape[layerCount];
        Shape shape = input.shape();
        for (int i = 0; i < layerCount; i++) {
            inputs[i] = shape;
            shape = checkShapes(i, body.getLayers(i), shape, need);
            outputs[i] = shape;
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
        return new Structure(input, inputs, outputs, readout, labels, memory);
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
            int sensorWidth = ProgramFields.u32(where + ".sensor_width", e.getSensorWidth(), 65536);
            int sensorHeight = ProgramFields.u32(where + ".sensor_height", e.getSensorHeight(), 65536);
            if (sensorWidth == 0 || sensorHeight == 0) {
                throw new InvalidProgramException(where + ": sensor size " + sensorWidth + "x" + sensorHeight
                        + " must be 1..65536 in each dimension");
            }
            long binUs = e.getBinUs();
            if (binUs <= 0 || binUs > MAX_BIN_US) {
                throw new InvalidProgramException(where + ".bin_us is " + Long.toUnsignedString(binUs)
                        + ", expected 1.." + MAX_BIN_US + " (one hour)");
            }
            int shift = ProgramFields.u32(where + ".downsample_shift", e.getDownsampleShift(), 15);
            int off = ProgramFields.u32(where + ".off_channel", e.getOffChannel(), shape.channels() - 1);
            int on = ProgramFields.u32(where + ".on_channel", e.getOnChannel(), shape.channels() - 1);
            int cropX = ProgramFields.u32(where + ".crop_x", e.getCropX(), sensorWidth - 1);
            int cropY = ProgramFields.u32(where + ".crop_y", e.getCropY(), sensorHeight - 1);
            long spanX = (long) cropX + ((long) shape.width() << shift);
            long spanY = (long) cropY + ((long) shape.height() << shift);
            if (spanX > sensorWidth || spanY > sensorHeight) {
                throw new InvalidProgramException(where + ": crop (" + cropX + "," + cropY + ") plus input "
                        + shape.width() + "x" + shape.height() + " << " + shift + " reaches " + spanX + "x" + spanY
                        + ", beyond the sensor " + sensorWidth + "x" + sensorHeight);
            }
            EventFilterSpec filters = e.hasFilters() ? verifyFilters(where + ".filters", e.getFilters())
                    : EventFilterSpec.NONE;
            events = Optional.of(new InputPlan.EventMapping(sensorWidth, sensorHeight, off, on, cropX, cropY, shift,
                    binUs, filters));
        }
        return new InputPlan(shape, spec.getMaxCount(), events);
    }

    private static EventFilterSpec verifyFilters(String where, EventFilters f) throws InvalidProgramException {
        PolarityFilter.Mode polarity = switch (f.getPolarity()) {
            case BOTH -> PolarityFilter.Mode.BOTH;
            case ON_ONLY -> PolarityFilter.Mode.ON_ONLY;
            case OFF_ONLY -> PolarityFilter.Mode.OFF_ONLY;
            case MERGE -> PolarityFilter.Mode.MERGE;
            case UNRECOGNIZED -> throw new InvalidProgramException(where + ".polarity is " + f.getPolarityValue()
                    + ", expected 0..3 (BOTH, ON_ONLY, OFF_ONLY, MERGE)");
        };
        long max = EventFilterSpec.MAX_PERIOD_US;
        long refractory = Integer.toUnsignedLong(f.getRefractoryUs());
        long window = Integer.toUnsignedLong(f.getBackgroundWindowUs());
        if (refractory > max) {
            throw new InvalidProgramException(where + ".refractory_us is " + refractory + ", expected 0.." + max);
        }
        if (window > max) {
            throw new InvalidProgramException(where + ".background_window_us is " + window + ", expected 0.." + max);
        }
        return new EventFilterSpec(polarity, refractory, window);
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
        String where = ProgramFields.where(index, layer);
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
                int nIn = ProgramFields.u32(where + " dense.in_features", op.getInFeatures(), limits.maxLayerSize());
                int nOut = ProgramFields.u32(where + " dense.out_features", op.getOutFeatures(), limits.maxLayerSize());
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
                int groups = ProgramFields.u32(where + " conv2d.groups", op.getGroups(), in.channels());
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

    /** Checks a pooling/convolution window (all fields unsigned) and returns the output shape it gives. */
    private static Shape window(String where, Shape in, int outChannels, int kh, int kw, int sh, int sw, int ph, int pw)
            throws InvalidProgramException {
        kh = ProgramFields.u32(where + " kernel_h", kh, 64);
        kw = ProgramFields.u32(where + " kernel_w", kw, 64);
        sh = ProgramFields.u32(where + " stride_h", sh, 64);
        sw = ProgramFields.u32(where + " stride_w", sw, 64);
        ph = ProgramFields.u32(where + " padding_h", ph, 63);
        pw = ProgramFields.u32(where + " padding_w", pw, 63);
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
