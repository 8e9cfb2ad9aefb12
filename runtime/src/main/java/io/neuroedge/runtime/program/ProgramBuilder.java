package io.neuroedge.runtime.program;

import com.google.protobuf.ByteString;
import io.neuroedge.proto.program.Conv2dOp;
import io.neuroedge.proto.program.DenseOp;
import io.neuroedge.proto.program.EventEncoding;
import io.neuroedge.proto.program.EventFilters;
import io.neuroedge.proto.program.FlattenOp;
import io.neuroedge.proto.program.Header;
import io.neuroedge.proto.program.InputSpec;
import io.neuroedge.proto.program.Layer;
import io.neuroedge.proto.program.MemoryPlan;
import io.neuroedge.proto.program.NeuronPopulation;
import io.neuroedge.proto.program.Pool2dOp;
import io.neuroedge.proto.program.ProgramBody;
import io.neuroedge.proto.program.ReadoutSpec;
import io.neuroedge.runtime.input.EventFilterSpec;

/**
 * Assembles a {@link ProgramBody} layer by layer, deriving each layer's input and output shapes and
 * filling in the memory plan, so writers (the compiler, tests, synthetic benchmarks) cannot get
 * those wrong. Validation is the loader's job: {@link #build()} runs the verifier and fails with its
 * message.
 */
public final class ProgramBuilder {

    private final ProgramBody.Builder body = ProgramBody.newBuilder();
    private Shape current;

    public ProgramBuilder(String name, Shape input, int maxCount) {
        body.setHeader(Header.newBuilder().setFormatVersion(SpikePrograms.FORMAT_VERSION).setName(name)
                .setToolVersion(toolVersion()));
        body.setInput(InputSpec.newBuilder().setShape(proto(input)).setMaxCount(maxCount));
        body.setReadout(ReadoutSpec.newBuilder().setKind(ReadoutSpec.Kind.SPIKE_COUNT));
        current = input;
    }

    static String toolVersion() {
        String v = ProgramBuilder.class.getPackage().getImplementationVersion();
        return "neuroedge " + (v == null ? "dev" : v);
    }

    /** Maps DVS events onto the input: polarity channels, crop, downsampling and the step length. */
    public ProgramBuilder events(int sensorWidth, int sensorHeight, int offChannel, int onChannel, int cropX, int cropY,
                                 int downsampleShift, long binUs) {
        body.getInputBuilder().setEvents(EventEncoding.newBuilder().setSensorWidth(sensorWidth)
                .setSensorHeight(sensorHeight).setOffChannel(offChannel).setOnChannel(onChannel).setCropX(cropX)
                .setCropY(cropY).setDownsampleShift(downsampleShift).setBinUs(binUs));
        return this;
    }

    /**
     * The event filters every runner of the program applies before binning (needs {@link #events}
     * first); {@link EventFilterSpec#NONE} removes them.
     */
    public ProgramBuilder eventFilters(EventFilterSpec filters) {
        if (!body.getInputBuilder().hasEvents()) {
            throw new IllegalStateException("event filters need an event encoding: call events(...) first");
        }
        setFilters(body.getInputBuilder().getEventsBuilder(), filters);
        return this;
    }

    /**
     * {@code body} with its event encoding's filters replaced by {@code filters} and its memory plan
     * recomputed (the per-pixel filters' state counts in it), e.g. to add filters to a compiled program.
     *
     * @throws IllegalArgumentException the program has no event encoding to filter
     */
    public static ProgramBody withEventFilters(ProgramBody body, EventFilterSpec filters) throws InvalidProgramException {
        if (!body.getInput().hasEvents()) {
            throw new IllegalArgumentException("event filters need an event-camera input; program '"
                    + body.getHeader().getName() + "' reads " + (body.getInput().hasShape() ? "spikes or images" : "nothing"));
        }
        ProgramBody.Builder b = body.toBuilder();
        setFilters(b.getInputBuilder().getEventsBuilder(), filters);
        return withMemoryPlan(b);
    }

    private static void setFilters(EventEncoding.Builder events, EventFilterSpec filters) {
        if (filters.isNone()) {
            events.clearFilters();
        } else {
            // the proto enum names the same four modes
            events.setFilters(EventFilters.newBuilder()
                    .setPolarity(EventFilters.Polarity.valueOf(filters.polarity().name()))
                    .setRefractoryUs((int) filters.refractoryUs())
                    .setBackgroundWindowUs((int) filters.backgroundWindowUs()));
        }
    }

    public ProgramBuilder header(String createdBy, byte[] sourceModelSha256) {
        body.getHeaderBuilder().setCreatedBy(createdBy).setSourceModelSha256(ByteString.copyFrom(sourceModelSha256));
        return this;
    }

    /** Dense layer over the (flattened) current activation. */
    public ProgramBuilder dense(String name, int out, byte[] weights, float[] scales, NeuronPopulation neurons) {
        return dense(name, out, weights, scales, null, neurons);
    }

    /** Dense layer with recurrent weights [out][out] (the population's previous-step spikes). */
    public ProgramBuilder dense(String name, int out, byte[] weights, float[] scales, byte[] recurrent,
                                NeuronPopulation neurons) {
        DenseOp.Builder op = DenseOp.newBuilder().setInFeatures(current.size()).setOutFeatures(out)
                .setWeights(ByteString.copyFrom(weights));
        for (float s : scales) {
            op.addWeightScale(s);
        }
        if (recurrent != null) {
            op.setRecurrentWeights(ByteString.copyFrom(recurrent));
        }
        return add(Layer.newBuilder().setName(name).setDense(op).setNeurons(neurons), Shape.vector(out));
    }

    public ProgramBuilder conv2d(String name, int outChannels, int kernel, int stride, int padding, int groups,
                                 byte[] weights, float[] scales, NeuronPopulation neurons) {
        Conv2dOp.Builder op = Conv2dOp.newBuilder().setInChannels(current.channels()).setOutChannels(outChannels)
                .setKernelH(kernel).setKernelW(kernel).setStrideH(stride).setStrideW(stride)
                .setPaddingH(padding).setPaddingW(padding).setGroups(groups).setWeights(ByteString.copyFrom(weights));
        for (float s : scales) {
            op.addWeightScale(s);
        }
        Shape out = new Shape(outChannels, outSize(current.height(), kernel, stride, padding),
                outSize(current.width(), kernel, stride, padding));
        return add(Layer.newBuilder().setName(name).setConv2D(op).setNeurons(neurons), out);
    }

    public ProgramBuilder pool(String name, boolean average, int kernel, int stride, int padding) {
        Pool2dOp.Builder op = Pool2dOp.newBuilder()
                .setKind(average ? Pool2dOp.Kind.AVERAGE : Pool2dOp.Kind.SUM)
                .setKernelH(kernel).setKernelW(kernel).setStrideH(stride).setStrideW(stride)
                .setPaddingH(padding).setPaddingW(padding);
        Shape out = new Shape(current.channels(), outSize(current.height(), kernel, stride, padding),
                outSize(current.width(), kernel, stride, padding));
        return add(Layer.newBuilder().setName(name).setPool(op), out);
    }

    public ProgramBuilder flatten(String name) {
        return add(Layer.newBuilder().setName(name).setFlatten(FlattenOp.getDefaultInstance()), Shape.vector(current.size()));
    }

    public ProgramBuilder readout(ReadoutSpec.Kind kind, String... labels) {
        body.setReadout(ReadoutSpec.newBuilder().setKind(kind).addAllLabels(java.util.List.of(labels)));
        return this;
    }

    /** Shape of the last layer's output (or of the input before any layer). */
    public Shape currentShape() {
        return current;
    }

    private ProgramBuilder add(Layer.Builder layer, Shape out) {
        layer.setInputShape(proto(current)).setOutputShape(proto(out));
        body.addLayers(layer);
        current = out;
        return this;
    }

    /** The finished body with its memory plan; throws with the verifier's message if it is invalid. */
    public ProgramBody build() throws InvalidProgramException {
        return withMemoryPlan(body);
    }

    /** The body with the memory plan the loader computes for it. */
    private static ProgramBody withMemoryPlan(ProgramBody.Builder body) throws InvalidProgramException {
        MemoryFootprint m = new ProgramLoader().footprint(body.build());
        body.setMemory(MemoryPlan.newBuilder().setWeightBytes(m.weightBytes()).setStateBytes(m.stateBytes())
                .setScratchBytes(m.scratchBytes()));
        return body.build();
    }

    /** Builds, seals and loads: the plan exactly as a device would see it. */
    public ExecutionPlan buildPlan() throws InvalidProgramException {
        return new ProgramLoader().load(SpikePrograms.seal(build()).toByteArray());
    }

    private static int outSize(int in, int k, int s, int p) {
        return (in + 2 * p - k) / s + 1;
    }

    static io.neuroedge.proto.program.Shape proto(Shape s) {
        return io.neuroedge.proto.program.Shape.newBuilder().setChannels(s.channels()).setHeight(s.height())
                .setWidth(s.width()).build();
    }

    /** Neuron population of the given model with one threshold for the whole layer. */
    public static NeuronPopulation.Builder neurons(NeuronPopulation.Model model, NeuronPopulation.Reset reset,
                                                   int inputShift, int threshold) {
        return NeuronPopulation.newBuilder().setModel(model).setReset(reset).setInputShift(inputShift)
                .addThreshold(threshold);
    }
}
