package io.neuroedge.runtime.program;

import com.google.protobuf.ByteString;
import io.neuroedge.proto.program.FixedPoint;
import io.neuroedge.proto.program.MemoryPlan;
import io.neuroedge.proto.program.NeuronPopulation;
import io.neuroedge.proto.program.Pool2dOp;
import io.neuroedge.proto.program.ProgramBody;
import io.neuroedge.proto.program.ReadoutSpec;
import io.neuroedge.proto.program.SpikeProgram;
import io.neuroedge.runtime.engine.Engine;
import io.neuroedge.runtime.input.EventBinner;
import io.neuroedge.runtime.simd.ScalarKernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;

import static io.neuroedge.runtime.program.TestPrograms.VALID_CONV;
import static io.neuroedge.runtime.program.TestPrograms.VALID_DENSE;
import static io.neuroedge.runtime.program.TestPrograms.VALID_FLATTEN;
import static io.neuroedge.runtime.program.TestPrograms.VALID_POOL;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The verifier: a valid program loads into the plan it describes; every malformed, corrupted,
 * inconsistent or over-limit program is rejected with an {@link InvalidProgramException} whose
 * message names the problem, and nothing else ever escapes the loader.
 */
class ProgramLoaderTest {

    private static final ProgramBody VALID = TestPrograms.validBody();

    // ================================================================ a valid program

    @Test
    void shouldLoadAValidProgramIntoTheDescribedPlan() throws Exception {
        byte[] sealed = SpikePrograms.seal(VALID).toByteArray();

        ExecutionPlan plan = new ProgramLoader().load(sealed);

        byte[] body = SpikeProgram.parseFrom(sealed).getBody().toByteArray();
        String expectedDigest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        assertEquals("valid", plan.name());
        assertEquals(expectedDigest, plan.digest());
        assertEquals(64, plan.digest().length());
        assertTrue(plan.toolVersion().startsWith("neuroedge "), plan.toolVersion());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest("model".getBytes())),
                plan.sourceModelDigest());

        assertEquals(new Shape(2, 6, 6), plan.input().shape());
        assertEquals(3, plan.input().maxCount());
        assertEquals(new InputPlan.EventMapping(20, 16, 0, 1, 2, 3, 1, 1000), plan.input().events().orElseThrow());

        assertEquals(4, plan.layers().size());
        ConvLayer conv = assertInstanceOf(ConvLayer.class, plan.layers().get(VALID_CONV));
        assertEquals("conv", conv.name());
        assertEquals(new Shape(2, 6, 6), conv.inputShape());
        assertEquals(new Shape(4, 6, 6), conv.outputShape());
        assertEquals(2, conv.groups());
        assertEquals(9, conv.kernelVolume());
        assertEquals(NeuronParams.Model.LIF, conv.neurons().model);
        assertEquals(15, conv.neurons().membraneLeakMultiplier);
        assertEquals(4, conv.neurons().membraneLeakShift);
        PoolLayer pool = assertInstanceOf(PoolLayer.class, plan.layers().get(VALID_POOL));
        assertEquals(new Shape(4, 3, 3), pool.outputShape());
        assertFalse(pool.average());
        assertEquals(4, pool.outputBound(), "a 2x2 sum of spikes is at most 4");
        FlattenLayer flat = assertInstanceOf(FlattenLayer.class, plan.layers().get(VALID_FLATTEN));
        assertEquals(Shape.vector(36), flat.outputShape());
        DenseLayer dense = assertInstanceOf(DenseLayer.class, plan.layers().get(VALID_DENSE));
        assertEquals(36, dense.inFeatures());
        assertEquals(5, dense.outFeatures());
        assertTrue(dense.isRecurrent());
        NeuronParams cuba = dense.neurons();
        assertEquals(NeuronParams.Model.CUBA_LIF, cuba.model);
        assertTrue(cuba.resetBySubtraction);
        assertEquals(3, cuba.inputShift);
        assertEquals(List.of(900, 1000, 1100, 1200, 1300),
                List.of(cuba.threshold(0), cuba.threshold(1), cuba.threshold(2), cuba.threshold(3), cuba.threshold(4)));
        assertEquals(-5, cuba.bias(4), "one bias value applies to every neuron");
        assertTrue(cuba.hasFloor);
        assertEquals(-4000, cuba.floor(0));
        assertArrayEquals(VALID.getLayers(VALID_DENSE).getDense().getWeights().toByteArray(), dense.weights());

        assertEquals(ExecutionPlan.ReadoutKind.SPIKE_COUNT, plan.readout());
        assertEquals(List.of("a", "b", "c", "d", "e"), plan.labels());
        assertEquals(5, plan.outputSize());

        MemoryPlan declared = VALID.getMemory();
        assertEquals(new MemoryFootprint(declared.getWeightBytes(), declared.getStateBytes(),
                declared.getScratchBytes()), plan.memory());
        assertTrue(plan.memory().weightBytes() > 0 && plan.memory().stateBytes() > 0
                && plan.memory().scratchBytes() > 0);
    }

    @Test
    void shouldExpandPerChannelThresholdsToEveryPixelOfTheChannel() throws Exception {
        ProgramBody.Builder b = VALID.toBuilder();
        b.getLayersBuilder(VALID_CONV).getNeuronsBuilder().clearThreshold()
                .addThreshold(10).addThreshold(20).addThreshold(30).addThreshold(40);
        ConvLayer conv = (ConvLayer) load(b).layers().get(VALID_CONV);
        // 4 channels of 6x6 = 36 pixels each
        assertEquals(10, conv.neurons().threshold(0));
        assertEquals(10, conv.neurons().threshold(35));
        assertEquals(20, conv.neurons().threshold(36));
        assertEquals(40, conv.neurons().threshold(143));
    }

    @Test
    void shouldTransposeWeightsConsistently() throws Exception {
        ExecutionPlan plan = load(VALID.toBuilder());
        DenseLayer dense = (DenseLayer) plan.layers().get(VALID_DENSE);
        for (int o = 0; o < 5; o++) {
            for (int j = 0; j < 36; j++) {
                assertEquals(dense.weights()[o * 36 + j], dense.weightsByInput()[j * 5 + o]);
            }
        }
    }

    @Test
    void shouldRoundTripThroughAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("valid.nsp");
        SpikePrograms.write(VALID, file);

        ExecutionPlan fromFile = new ProgramLoader().load(file);

        assertEquals(new ProgramLoader().load(SpikePrograms.seal(VALID).toByteArray()).digest(), fromFile.digest());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void shouldNameTheFileWhenAFileIsRejected(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.nsp");
        Files.write(file, new byte[] {1, 2, 3});
        InvalidProgramException e = assertThrows(InvalidProgramException.class, () -> new ProgramLoader().load(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }

    @Test
    void shouldRejectAFileLargerThanTheLimit(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("big.nsp");
        Files.write(file, new byte[1000]);
        ProgramLimits limits = new ProgramLimits(999, 256, 1 << 24, 1L << 30);
        assertMessage(assertThrows(InvalidProgramException.class, () -> new ProgramLoader(limits).load(file)),
                "1000 bytes", "over the limit of 999");
    }

    // ================================================================ the container

    @Test
    void shouldRejectEmptyBytes() {
        assertMessage(reject(new byte[0]), "empty");
    }

    @Test
    void shouldRejectGarbage() {
        byte[] garbage = new byte[1000];
        new SplittableRandom(7).nextBytes(garbage);
        assertMessage(reject(garbage), "not a spike program");
    }

    @Test
    void shouldRejectTextThatIsNotAProgram() {
        assertMessage(reject("hello, world\n".getBytes()), "not a spike program");
    }

    @Test
    void shouldRejectEveryTruncationWithAnInvalidProgramException() {
        byte[] sealed = SpikePrograms.seal(VALID).toByteArray();
        for (int length = 0; length < sealed.length; length++) {
            byte[] cut = Arrays.copyOf(sealed, length);
            int at = length;
            InvalidProgramException e = assertThrows(InvalidProgramException.class,
                    () -> new ProgramLoader().load(cut), () -> "cut at " + at + " of " + sealed.length);
            assertFalse(e.getMessage().isBlank());
        }
    }

    @Test
    void shouldRejectAFlippedByteInTheBodyAsADigestMismatch() {
        byte[] sealed = SpikePrograms.seal(VALID).toByteArray();
        int bodyStart = indexOf(sealed, VALID.toByteArray());
        assertTrue(bodyStart > 0);
        for (int offset : new int[] {0, 17, VALID.getSerializedSize() / 2, VALID.getSerializedSize() - 1}) {
            byte[] corrupt = sealed.clone();
            corrupt[bodyStart + offset] ^= 0x01;
            assertMessage(reject(corrupt), "digest mismatch", "corrupted");
        }
    }

    @Test
    void shouldRejectADigestOfTheWrongLength() {
        SpikeProgram p = SpikePrograms.seal(VALID).toBuilder().setBodySha256(ByteString.copyFrom(new byte[31])).build();
        assertMessage(reject(p.toByteArray()), "body_sha256 must be 32 bytes, found 31");
    }

    @Test
    void shouldRejectTheWrongMagic() {
        SpikeProgram p = SpikePrograms.seal(VALID).toBuilder().setMagic(0x12345678).build();
        assertMessage(reject(p.toByteArray()), "magic is 0x12345678", "expected 0x4E535031");
    }

    @Test
    void shouldRejectANewerFormatVersion() {
        SpikeProgram p = SpikePrograms.seal(VALID).toBuilder().setFormatVersion(2).build();
        assertMessage(reject(p.toByteArray()), "format version 2 is not supported", "upgrade the runtime");
    }

    @Test
    void shouldRejectFormatVersionZero() {
        SpikeProgram p = SpikePrograms.seal(VALID).toBuilder().setFormatVersion(0).build();
        InvalidProgramException e = reject(p.toByteArray());
        assertMessage(e, "format version 0 is not supported");
        assertFalse(e.getMessage().contains("upgrade"), e.getMessage());
    }

    @Test
    void shouldRejectAHeaderVersionThatDiffersFromTheContainer() {
        ProgramBody.Builder b = VALID.toBuilder();
        b.getHeaderBuilder().setFormatVersion(2);
        assertMessage(reject(b), "header.format_version 2 differs from the container's 1");
    }

    @Test
    void shouldRejectABodyThatDoesNotParse() {
        byte[] body = {(byte) 0x0A, (byte) 0xFF};   // field 1, length-delimited, truncated varint length
        SpikeProgram p = SpikeProgram.newBuilder().setMagic(SpikePrograms.MAGIC).setFormatVersion(1)
                .setBody(ByteString.copyFrom(body)).setBodySha256(ByteString.copyFrom(SpikePrograms.sha256(body)))
                .build();
        assertMessage(reject(p.toByteArray()), "program body does not parse");
    }

    // ================================================================ limits

    @Test
    void shouldRejectAProgramLargerThanTheFileLimit() {
        byte[] sealed = SpikePrograms.seal(VALID).toByteArray();
        ProgramLimits limits = new ProgramLimits(sealed.length - 1, 256, 1 << 24, 1L << 30);
        assertMessage(reject(sealed, limits), sealed.length + " bytes", "over the limit of " + (sealed.length - 1));
        assertDoesLoad(sealed, new ProgramLimits(sealed.length, 256, 1 << 24, 1L << 30));
    }

    @Test
    void shouldRejectAProgramNeedingMoreMemoryThanTheDeviceHas() throws Exception {
        byte[] sealed = SpikePrograms.seal(VALID).toByteArray();
        long total = new ProgramLoader().load(sealed).memory().total();
        ProgramLimits limits = new ProgramLimits(1 << 20, 256, 1 << 24, total - 1);
        assertMessage(reject(sealed, limits), "needs " + total + " bytes of memory", "over the limit of " + (total - 1));
        assertDoesLoad(sealed, new ProgramLimits(1 << 20, 256, 1 << 24, total));
    }

    @Test
    void shouldRejectMoreLayersThanTheLimit() {
        byte[] sealed = SpikePrograms.seal(VALID).toByteArray();
        assertMessage(reject(sealed, new ProgramLimits(1 << 20, 3, 1 << 24, 1L << 30)),
                "4 layers", "over the limit of 3");
        assertDoesLoad(sealed, new ProgramLimits(1 << 20, 4, 1 << 24, 1L << 30));
    }

    @Test
    void shouldRejectALayerLargerThanTheLayerSizeLimit() {
        byte[] sealed = SpikePrograms.seal(VALID).toByteArray();
        // the conv output 4x6x6 = 144 elements is the largest tensor
        assertMessage(reject(sealed, new ProgramLimits(1 << 20, 256, 143, 1L << 30)),
                "4x6x6", "more elements than the limit of 143");
        assertDoesLoad(sealed, new ProgramLimits(1 << 20, 256, 144, 1L << 30));
    }

    @Test
    void limitsShouldBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new ProgramLimits(0, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ProgramLimits(1, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ProgramLimits(1, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ProgramLimits(1, 1, 1, 0));
    }

    // ================================================================ input

    @Test
    void shouldRejectMaxCountOutsideOneTo127() {
        assertAll(
                () -> assertMessage(reject(VALID.toBuilder().setInput(VALID.getInput().toBuilder().setMaxCount(0))),
                        "input.max_count is 0, expected 1..127"),
                () -> assertMessage(reject(VALID.toBuilder().setInput(VALID.getInput().toBuilder().setMaxCount(128))),
                        "input.max_count is 128, expected 1..127"));
    }

    @Test
    void shouldAcceptMaxCount127() throws Exception {
        ProgramBody.Builder b = VALID.toBuilder();
        b.getInputBuilder().setMaxCount(127);
        b.getLayersBuilder(VALID_CONV).getNeuronsBuilder().setInputShift(0);
        b.getLayersBuilder(VALID_DENSE).getNeuronsBuilder().setInputShift(0);
        assertEquals(127, load(b).input().maxCount());
    }

    @Test
    void shouldRejectAMissingInputShape() {
        ProgramBody.Builder b = VALID.toBuilder();
        b.getInputBuilder().clearShape();
        assertMessage(reject(b), "input.shape is missing");
    }

    @Test
    void shouldRejectAZeroDimension() {
        ProgramBody.Builder b = VALID.toBuilder();
        b.getInputBuilder().getShapeBuilder().setHeight(0);
        assertMessage(reject(b), "input.shape 2x0x6 has a zero dimension");
    }

    @Test
    void shouldRejectACropBeyondTheSensor() {
        ProgramBody.Builder b = VALID.toBuilder();
        // crop_x 9 + (6 << 1) = 21 > sensor width 20
        b.getInputBuilder().getEventsBuilder().setCropX(9);
        assertMessage(reject(b), "crop (9,3)", "reaches 21x15", "beyond the sensor 20x16");
        b.getInputBuilder().getEventsBuilder().setCropX(8);   // 8 + 12 = 20: exactly fits
        assertDoesLoad(b);
    }

    @Test
    void shouldRejectADownsampledWindowBeyondTheSensor() {
        ProgramBody.Builder b = VALID.toBuilder();
        // 6 << 2 = 24 > 20
        b.getInputBuilder().getEventsBuilder().setDownsampleShift(2);
        assertMessage(reject(b), "beyond the sensor");
    }

    @Test
    void shouldRejectBadEventEncodings() {
        assertAll(
                () -> assertMessage(reject(events(e -> e.setSensorWidth(0))), "sensor size 0x16"),
                () -> assertMessage(reject(events(e -> e.setSensorHeight(65537))), "sensor_height is 65537, over the maximum of 65536"),
                () -> assertMessage(reject(events(e -> e.setBinUs(0))), "bin_us is 0, expected 1..3600000000"),
                () -> assertMessage(reject(events(e -> e.setDownsampleShift(16))), "downsample_shift is 16, over the maximum of 15"),
                () -> assertMessage(reject(events(e -> e.setOnChannel(2))),
                        "on_channel is 2, over the maximum of 1"),
                () -> assertMessage(reject(events(e -> e.setOffChannel(5))), "off_channel is 5, over the maximum of 1"));
    }

    // ================================================================ layer structure

    @Test
    void shouldRejectAProgramWithoutLayers() {
        assertMessage(reject(VALID.toBuilder().clearLayers()), "program has no layers");
    }

    @Test
    void shouldRejectALayerWithoutAnOperation() {
        ProgramBody.Builder b = VALID.toBuilder();
        b.setLayers(VALID_FLATTEN, b.getLayers(VALID_FLATTEN).toBuilder().clearOp());
        assertMessage(reject(b), "layer 2 'flat'", "no operation");
    }

    @Test
    void shouldRejectAMissingOutputShape() {
        ProgramBody.Builder b = VALID.toBuilder();
        b.getLayersBuilder(VALID_POOL).clearOutputShape();
        assertMessage(reject(b), "layer 1 'pool'", "output_shape is missing");
    }

    @Test
    void shouldRejectADeclaredInputShapeThatDiffersFromThePreviousOutput() {
        ProgramBody.Builder b = VALID.toBuilder();
        b.getLayersBuilder(VALID_POOL).getInputShapeBuilder().setChannels(3);
        assertMessage(reject(b), "layer 1 'pool'", "input_shape is 3x6x6 but the previous layer produces 4x6x6");
    }

    @Test
    void shouldAcceptALayerWithoutADeclaredInputShape() throws Exception {
        ProgramBody.Builder b = VALID.toBuilder();
        b.getLayersBuilder(VALID_POOL).clearInputShape();
        assertEquals(new Shape(4, 6, 6), load(b).layers().get(VALID_POOL).inputShape());
    }

    @Test
    void shouldRejectTheLastLayerBeingAPool() {
        ProgramBody.Builder b = VALID.toBuilder().removeLayers(VALID_DENSE).removeLayers(VALID_FLATTEN);
        assertMessage(reject(b), "last layer 'pool'", "must have a neuron population to read out");
    }

    @Test
    void shouldRejectTheLastLayerBeingAFlatten() {
        ProgramBody.Builder b = VALID.toBuilder().removeLayers(VALID_DENSE);
        assertMessage(reject(b), "last layer 'flat'", "must have a neuron population");
    }

    @Test
    void shouldRejectAFlattenWithTheWrongOutput() {
        ProgramBody.Builder b = VALID.toBuilder();
        b.getLayersBuilder(VALID_FLATTEN).getOutputShapeBuilder().setChannels(6).setHeight(6).setWidth(1);
        assertMessage(reject(b), "layer 2 'flat'", "must output 36x1x1, declared 6x6x1");
    }

    // ================================================================ weights

    @Test
    void shouldRejectAWeightOfMinus128() {
        ProgramBody.Builder b = VALID.toBuilder();
        byte[] w = VALID.getLayers(VALID_DENSE).getDense().getWeights().toByteArray();
        w[17] = Byte.MIN_VALUE;
        b.getLayersBuilder(VALID_DENSE).getDenseBuilder().setWeights(ByteString.copyFrom(w));
        assertMessage(reject(b), "layer 3 'fc' dense.weights[17] is -128", "-127..127");
    }

    @Test
    void shouldRejectAConvWeightOfMinus128() {
        ProgramBody.Builder b = VALID.toBuilder();
        byte[] w = VALID.getLayers(VALID_CONV).getConv2D().getWeights().toByteArray();
        w[0] = Byte.MIN_VALUE;
        b.getLayersBuilder(VALID_CONV).getConv2DBuilder().setWeights(ByteString.copyFrom(w));
        assertMessage(reject(b), "conv2d.weights[0] is -128");
    }

    @Test
    void shouldRejectARecurrentWeightOfMinus128() {
        ProgramBody.Builder b = VALID.toBuilder();
        byte[] w = new byte[25];
        w[24] = Byte.MIN_VALUE;
        b.getLayersBuilder(VALID_DENSE).getDenseBuilder().setRecurrentWeights(ByteString.copyFrom(w));
        assertMessage(reject(b), "dense.recurrent_weights[24] is -128");
    }

    @Test
    void shouldRejectWeightsOfTheWrongLength() {
        ProgramBody.Builder b = VALID.toBuilder();
        b.getLayersBuilder(VALID_DENSE).getDenseBuilder().setWeights(ByteString.copyFrom(new byte[179]));
        assertMessage(reject(b), "dense.weights has 179 bytes, expected 180", "[out=5][in=36]");

        ProgramBody.Builder c = VALID.toBuilder();
        c.getLayersBuilder(VALID_CONV).getConv2DBuilder().setWeights(ByteString.copyFrom(new byte[72]));
        assertMessage(reject(c), "conv2d.weights has 72 bytes, expected 36", "[out=4][in/groups=1][3][3]");

        ProgramBody.Builder r = VALID.toBuilder();
        r.getLayersBuilder(VALID_DENSE).getDenseBuilder().setRecurrentWeights(ByteString.copyFrom(new byte[24]));
        assertMessage(reject(r), "dense.recurrent_weights has 24 bytes, expected 25");
    }

    @Test
    void shouldRejectBadWeightScales() {
        assertAll(
                () -> assertMessage(reject(denseScales(0f, 1f, 1f, 1f, 1f)), "dense.weight_scale[0] is 0.0",
                        "positive and finite"),
                () -> assertMessage(reject(denseScales(1f, 1f, Float.NaN, 1f, 1f)), "dense.weight_scale[2] is NaN"),
                () -> assertMessage(reject(denseScales(1f, -1f, 1f, 1f, 1f)), "dense.weight_scale[1] is -1.0"),
                () -> assertMessage(reject(denseScales(1f, 1f, 1f, 1f, Float.POSITIVE_INFINITY)),
                        "dense.weight_scale[4] is Infinity"),
                () -> assertMessage(reject(denseScales(1f, 1f, 1f)), "dense.weight_scale has 3 values, expected 5"),
                () -> {
                    ProgramBody.Builder b = VALID.toBuilder();
                    b.getLayersBuilder(VALID_CONV).getConv2DBuilder().clearWeightScale().addWeightScale(1f);
                    assertMessage(reject(b), "conv2d.weight_scale has 1 values, expected 4");
                });
    }

    // ================================================================ dense and conv geometry

    @Test
    void shouldRejectDenseInFeaturesThatDoNotMatchTheInput() {
        ProgramBody.Builder b = VALID.toBuilder();
        b.getLayersBuilder(VALID_DENSE).getDenseBuilder().setInFeatures(35);
        assertMessage(reject(b), "layer 3 'fc': dense.in_features is 35 but its input has 36 elements");
    }

    @Test
    void shouldRejectDenseOutputShapeThatDoesNotMatchOutFeatures() {
        ProgramBody.Builder b = VALID.toBuilder();
        b.getLayersBuilder(VALID_DENSE).getOutputShapeBuilder().setChannels(6);
        assertMessage(reject(b), "output_shape 6x1x1 does not match dense.out_features 5");
    }

    @Test
    void shouldRejectAConvOutputShapeThatDoesNotMatchTheGeometry() {
        ProgramBody.Builder b = VALID.toBuilder();
        b.getLayersBuilder(VALID_CONV).getOutputShapeBuilder().setHeight(5).setWidth(5);
        assertMessage(reject(b), "layer 0 'conv'", "gives 4x6x6", "output_shape declares 4x5x5");
    }

    @Test
    void shouldRejectConvChannelsThatDoNotMatchTheShapes() {
        ProgramBody.Builder b = VALID.toBuilder();
        b.getLayersBuilder(VALID_CONV).getConv2DBuilder().setInChannels(3);
        assertMessage(reject(b), "conv2d.in_channels is 3 but its input is 2x6x6");
        ProgramBody.Builder c = VALID.toBuilder();
        c.getLayersBuilder(VALID_CONV).getConv2DBuilder().setOutChannels(8);
        assertMessage(reject(c), "conv2d.out_channels is 8 but output_shape is 4x6x6");
    }

    @Test
    void shouldRejectGroupsThatDoNotDivideTheChannels() {
        ProgramBody.Builder b = VALID.toBuilder();
        b.getLayersBuilder(VALID_CONV).getConv2DBuilder().setGroups(3);
        assertMessage(reject(b), "conv2d.groups is 3, over the maximum of 2");
        ProgramBody.Builder z = VALID.toBuilder();
        z.getLayersBuilder(VALID_CONV).getConv2DBuilder().setGroups(0);
        assertMessage(reject(z), "conv2d.groups 0");
    }

    @Test
    void shouldRejectPaddingAsLargeAsTheKernel() {
        ProgramBody.Builder b = VALID.toBuilder();
        b.getLayersBuilder(VALID_CONV).getConv2DBuilder().setPaddingW(3);
        assertMessage(reject(b), "conv2d: padding 1x3 must be smaller than the kernel 3x3");
        ProgramBody.Builder p = VALID.toBuilder();
        p.getLayersBuilder(VALID_POOL).getPoolBuilder().setPaddingH(2);
        assertMessage(reject(p), "pool: padding 2x0 must be smaller than the kernel 2x2");
    }

    @Test
    void shouldRejectKernelsAndStridesOutOfRange() {
        assertAll(
                () -> assertMessage(reject(conv(c -> c.setKernelH(0))), "kernel 0x3 must be 1..64"),
                () -> assertMessage(reject(conv(c -> c.setKernelW(65))), "kernel_w is 65, over the maximum of 64"),
                () -> assertMessage(reject(conv(c -> c.setStrideH(0))), "stride 0x1 must be 1..64"),
                () -> assertMessage(reject(conv(c -> c.setStrideW(65))), "stride_w is 65, over the maximum of 64"));
    }

    @Test
    void shouldRejectAPoolWithoutAKind() {
        ProgramBody.Builder b = VALID.toBuilder();
        b.getLayersBuilder(VALID_POOL).getPoolBuilder().setKind(Pool2dOp.Kind.KIND_UNSPECIFIED);
        assertMessage(reject(b), "layer 1 'pool': pool.kind must be SUM or AVERAGE, found KIND_UNSPECIFIED");
    }

    @Test
    void shouldRejectAPoolThatChangesTheChannelsOrDeclaresTheWrongSize() {
        ProgramBody.Builder b = VALID.toBuilder();
        b.getLayersBuilder(VALID_POOL).getOutputShapeBuilder().setWidth(2);
        assertMessage(reject(b), "pooling 4x6x6 with kernel 2x2, stride 2x2 gives 4x3x3, output_shape declares 4x3x2");
    }

    // ================================================================ neurons

    @Test
    void shouldRejectADenseLayerWithoutNeurons() {
        ProgramBody.Builder b = VALID.toBuilder();
        b.getLayersBuilder(VALID_DENSE).clearNeurons();
        assertMessage(reject(b), "layer 3 'fc': dense and conv2d layers need a neuron population");
    }

    @Test
    void shouldRejectAPoolWithNeurons() {
        ProgramBody.Builder b = VALID.toBuilder();
        b.getLayersBuilder(VALID_POOL).setNeurons(VALID.getLayers(VALID_CONV).getNeurons());
        assertMessage(reject(b), "layer 1 'pool': only dense and conv2d layers may have a neuron population");
    }

    @Test
    void shouldRejectAnUnspecifiedModelOrReset() {
        ProgramBody.Builder b = VALID.toBuilder();
        b.getLayersBuilder(VALID_CONV).getNeuronsBuilder().setModel(NeuronPopulation.Model.MODEL_UNSPECIFIED);
        assertMessage(reject(b), "layer 0 'conv' neurons.model must be IF, LIF, CUBA_LIF or LI");
        ProgramBody.Builder r = VALID.toBuilder();
        r.getLayersBuilder(VALID_CONV).getNeuronsBuilder().setReset(NeuronPopulation.Reset.RESET_UNSPECIFIED);
        assertMessage(reject(r), "neurons.reset must be ZERO or SUBTRACT");
    }

    @Test
    void shouldAcceptLeakyIntegratorsWithoutResetOrThreshold() throws Exception {
        ProgramBody.Builder b = VALID.toBuilder();
        b.getLayersBuilder(VALID_DENSE).getNeuronsBuilder().setModel(NeuronPopulation.Model.LI)
                .setReset(NeuronPopulation.Reset.RESET_UNSPECIFIED).clearThreshold();
        fillMemoryPlan(b);   // LI keeps no synaptic current: less state than CUBA_LIF
        DenseLayer dense = (DenseLayer) load(b).layers().get(VALID_DENSE);
        assertFalse(dense.neurons().spiking());
    }

    @Test
    void shouldRejectAThresholdOfZero() {
        ProgramBody.Builder b = VALID.toBuilder();
        b.getLayersBuilder(VALID_CONV).getNeuronsBuilder().setThreshold(0, 0);
        assertMessage(reject(b), "layer 0 'conv' neurons.threshold of neuron 0 is 0, expected 1..2^30-1");
    }

    @Test
    void shouldRejectThresholdsOutOfRange() {
        ProgramBody.Builder neg = VALID.toBuilder();
        neg.getLayersBuilder(VALID_DENSE).getNeuronsBuilder().setThreshold(3, -7);
        assertMessage(reject(neg), "threshold of neuron 3 is -7");
        ProgramBody.Builder big = VALID.toBuilder();
        big.getLayersBuilder(VALID_DENSE).getNeuronsBuilder().setThreshold(4, 1 << 30);
        assertMessage(reject(big), "threshold of neuron 4 is 1073741824");
    }

    @Test
    void shouldRejectAMissingThresholdForSpikingNeurons() {
        ProgramBody.Builder b = VALID.toBuilder();
        b.getLayersBuilder(VALID_CONV).getNeuronsBuilder().clearThreshold();
        assertMessage(reject(b), "neurons.threshold is empty", "one per channel (4) or one per neuron (144)");
    }

    @Test
    void shouldRejectAThresholdListOfTheWrongLength() {
        ProgramBody.Builder b = VALID.toBuilder();
        b.getLayersBuilder(VALID_CONV).getNeuronsBuilder().clearThreshold().addThreshold(5).addThreshold(6)
                .addThreshold(7);
        assertMessage(reject(b), "neurons.threshold has 3 values; expected 1, one per channel (4) or one per neuron (144)");
    }

    @Test
    void shouldRejectABiasListOfTheWrongLength() {
        ProgramBody.Builder b = VALID.toBuilder();
        b.getLayersBuilder(VALID_DENSE).getNeuronsBuilder().clearBias().addBias(1).addBias(2);
        assertMessage(reject(b), "neurons.bias has 2 values");
    }

    @Test
    void shouldRejectABiasOutOfRange() {
        ProgramBody.Builder b = VALID.toBuilder();
        b.getLayersBuilder(VALID_DENSE).getNeuronsBuilder().setBias(0, 1 << 30);
        assertMessage(reject(b), "neurons.bias of neuron 0 is 1073741824, outside +-(2^30-1)");
        ProgramBody.Builder n = VALID.toBuilder();
        n.getLayersBuilder(VALID_DENSE).getNeuronsBuilder().setBias(0, Integer.MIN_VALUE);
        assertMessage(reject(n), "bias of neuron 0 is -2147483648");
        ProgramBody.Builder ok = VALID.toBuilder();
        ok.getLayersBuilder(VALID_DENSE).getNeuronsBuilder().setBias(0, -NeuronParams.DRIVE_MAX);
        assertDoesLoad(ok);
    }

    @Test
    void shouldRejectALeakGreaterThanOne() {
        ProgramBody.Builder b = VALID.toBuilder();
        b.getLayersBuilder(VALID_CONV).getNeuronsBuilder().setMembraneLeak(TestPrograms.leak(5, 2));
        assertMessage(reject(b), "neurons.membrane_leak is 5/2^2", "a factor <= 1");
        ProgramBody.Builder c = VALID.toBuilder();
        c.getLayersBuilder(VALID_DENSE).getNeuronsBuilder().setCurrentLeak(TestPrograms.leak(2, 0));
        assertMessage(reject(c), "neurons.current_leak is 2/2^0");
    }

    @Test
    void shouldRejectLeakFieldsOutOfRange() {
        ProgramBody.Builder s = VALID.toBuilder();
        s.getLayersBuilder(VALID_CONV).getNeuronsBuilder().setMembraneLeak(TestPrograms.leak(1, 16));
        assertMessage(reject(s), "membrane_leak is 1/2^16");
        ProgramBody.Builder m = VALID.toBuilder();
        m.getLayersBuilder(VALID_CONV).getNeuronsBuilder().setMembraneLeak(TestPrograms.leak(32768, 15));
        assertMessage(reject(m), "membrane_leak is 32768/2^15");
    }

    @Test
    void shouldAcceptTheLargestLeaks() throws Exception {
        ProgramBody.Builder b = VALID.toBuilder();
        b.getLayersBuilder(VALID_CONV).getNeuronsBuilder().setMembraneLeak(TestPrograms.leak(32767, 15));
        b.getLayersBuilder(VALID_DENSE).getNeuronsBuilder().setCurrentLeak(TestPrograms.leak(1 << 14, 14));
        ConvLayer conv = (ConvLayer) load(b).layers().get(VALID_CONV);
        assertEquals(32767, conv.neurons().membraneLeakMultiplier);
    }

    @Test
    void shouldRequireTheLeaksOfTheModel() {
        ProgramBody.Builder b = VALID.toBuilder();
        b.getLayersBuilder(VALID_CONV).getNeuronsBuilder().clearMembraneLeak();
        assertMessage(reject(b), "layer 0 'conv' neurons.membrane_leak is required for this neuron model");
        ProgramBody.Builder c = VALID.toBuilder();
        c.getLayersBuilder(VALID_DENSE).getNeuronsBuilder().clearCurrentLeak();
        assertMessage(reject(c), "layer 3 'fc' neurons.current_leak is required for this neuron model");
        ProgramBody.Builder li = VALID.toBuilder();
        li.getLayersBuilder(VALID_CONV).getNeuronsBuilder().setModel(NeuronPopulation.Model.LI).clearMembraneLeak();
        assertMessage(reject(li), "membrane_leak is required");
    }

    @Test
    void shouldNotRequireALeakForIfNeurons() throws Exception {
        ProgramBody.Builder b = VALID.toBuilder();
        b.getLayersBuilder(VALID_CONV).getNeuronsBuilder().setModel(NeuronPopulation.Model.IF).clearMembraneLeak();
        assertEquals(NeuronParams.Model.IF, ((ConvLayer) load(b).layers().get(VALID_CONV)).neurons().model);
    }

    @Test
    void shouldRejectAPositiveFloor() {
        ProgramBody.Builder b = VALID.toBuilder();
        b.getLayersBuilder(VALID_DENSE).getNeuronsBuilder().clearFloor().addFloor(1);
        assertMessage(reject(b), "neurons.floor of neuron 0 is 1, expected -(2^30-1)..0");
        ProgramBody.Builder low = VALID.toBuilder();
        low.getLayersBuilder(VALID_DENSE).getNeuronsBuilder().clearFloor().addFloor(-(1 << 30));
        assertMessage(reject(low), "neurons.floor of neuron 0 is -1073741824");
        ProgramBody.Builder count = VALID.toBuilder();
        count.getLayersBuilder(VALID_DENSE).getNeuronsBuilder().clearFloor().addFloor(-1).addFloor(-2).addFloor(-3);
        assertMessage(reject(count), "neurons.floor has 3 values");
    }

    @Test
    void shouldRejectACurrentBiasOutsideCubaNeuronsOrRange() throws InvalidProgramException {
        ProgramBody.Builder lif = VALID.toBuilder();
        lif.getLayersBuilder(VALID_CONV).getNeuronsBuilder().addCurrentBias(5);
        assertMessage(reject(lif), "current_bias is given, but only CUBA_LIF neurons have a synaptic current");
        ProgramBody.Builder big = VALID.toBuilder();
        big.getLayersBuilder(VALID_DENSE).getNeuronsBuilder().addCurrentBias(1 << 30);
        assertMessage(reject(big), "current_bias of neuron 0 is 1073741824, outside +-(2^30-1)");
        ProgramBody.Builder ok = VALID.toBuilder();
        ok.getLayersBuilder(VALID_DENSE).getNeuronsBuilder().addCurrentBias(-7);
        DenseLayer dense = (DenseLayer) load(ok).layers().get(VALID_DENSE);
        assertEquals(-7, dense.neurons().currentBias(dense.outFeatures() - 1));
    }

    @Test
    void shouldRejectAnInputShiftAboveThirty() {
        ProgramBody.Builder b = VALID.toBuilder();
        b.getLayersBuilder(VALID_CONV).getNeuronsBuilder().setInputShift(31);
        assertMessage(reject(b), "neurons.input_shift is 31, over the maximum of 30");
    }

    @Test
    void shouldRejectAnInputShiftThatCanOverflowTheDrive() {
        // dense: worst case per output = sum|w| * 4 (a 2x2 sum pool of spikes) + sum|recurrent| >> 2^30 / 2^25
        ProgramBody.Builder b = VALID.toBuilder();
        b.getLayersBuilder(VALID_DENSE).getNeuronsBuilder().setInputShift(25);
        assertMessage(reject(b), "layer 3 'fc'", "worst-case synaptic sum of output 0", "input_shift=25",
                "exceeds the state range 2^30-1");
        // conv: worst case per output channel = sum|w| (9 weights) * max_count 3
        ProgramBody.Builder c = VALID.toBuilder();
        c.getLayersBuilder(VALID_CONV).getNeuronsBuilder().setInputShift(30);
        assertMessage(reject(c), "layer 0 'conv'", "input_shift=30");
    }

    @Test
    void shouldAcceptTheLargestInputShiftThatCannotOverflow() throws Exception {
        // one input (max count 1), one output with weight 1: worst case 1, so shift 29 gives 2^29 <= 2^30-1
        ProgramBody ok = new ProgramBuilder("shift", Shape.vector(1), 1)
                .dense("d", 1, new byte[] {1}, new float[] {1f}, TestPrograms.ifNeurons(NeuronPopulation.Reset.ZERO, 29, 5))
                .build();
        assertDoesLoad(ok.toBuilder());
        // weight 2 at shift 29: 2^30 > 2^30-1
        ProgramBody.Builder bad = ok.toBuilder();
        bad.getLayersBuilder(0).getDenseBuilder().setWeights(ByteString.copyFrom(new byte[] {2}));
        assertMessage(reject(bad), "worst-case synaptic sum of output 0 is 2", "input_shift=29");
    }

    // ================================================================ readout and memory

    @Test
    void shouldRejectAnUnspecifiedReadout() {
        ProgramBody.Builder b = VALID.toBuilder()
                .setReadout(VALID.getReadout().toBuilder().setKind(ReadoutSpec.Kind.KIND_UNSPECIFIED));
        assertMessage(reject(b), "readout.kind must be SPIKE_COUNT, MEMBRANE, FIRST_SPIKE or MEMBRANE_SUM, found KIND_UNSPECIFIED");
    }

    @Test
    void shouldRejectLabelsThatDoNotMatchTheOutputs() {
        ProgramBody.Builder b = VALID.toBuilder().setReadout(VALID.getReadout().toBuilder().clearLabels()
                .addAllLabels(VALID.getReadout().getLabelsList().subList(0, 4)));
        assertMessage(reject(b), "readout.labels has 4 names for 5 output neurons");
    }

    @Test
    void shouldAcceptNoLabels() throws Exception {
        ProgramBody.Builder b = VALID.toBuilder().setReadout(VALID.getReadout().toBuilder().clearLabels());
        assertTrue(load(b).labels().isEmpty());
    }

    @Test
    void shouldRejectAMemoryPlanThatDeclaresTheWrongNumbers() {
        MemoryPlan m = VALID.getMemory();
        assertAll(
                () -> assertMessage(reject(VALID.toBuilder().setMemory(m.toBuilder().setStateBytes(m.getStateBytes() + 1))),
                        "memory plan declares weights/state/scratch", "but the program needs "
                                + m.getWeightBytes() + "/" + m.getStateBytes() + "/" + m.getScratchBytes()),
                () -> assertMessage(reject(VALID.toBuilder().setMemory(m.toBuilder().setWeightBytes(0))),
                        "memory plan declares weights/state/scratch 0/"),
                () -> assertMessage(reject(VALID.toBuilder().setMemory(m.toBuilder().setScratchBytes(-1L))),
                        "memory plan declares"),
                () -> assertMessage(reject(VALID.toBuilder().clearMemory()), "memory plan declares weights/state/scratch 0/0/0"));
    }

    @Test
    void footprintShouldIgnoreTheDeclaredMemoryButVerifyEverythingElse() throws Exception {
        assertEquals(load(VALID.toBuilder()).memory(), new ProgramLoader().footprint(VALID.toBuilder().clearMemory().build()));
        ProgramBody.Builder bad = VALID.toBuilder().clearMemory();
        bad.getLayersBuilder(VALID_CONV).getNeuronsBuilder().setThreshold(0, 0);
        assertThrows(InvalidProgramException.class, () -> new ProgramLoader().footprint(bad.build()));
    }

    // ================================================================ unsigned fields read as negative ints
    // proto uint32/uint64 fields arrive in Java as int/long; values >= 2^31 (2^63) become negative and
    // must be rejected like any other out-of-range value, never reach the engine, never throw anything
    // but InvalidProgramException.

    @Test
    void shouldRejectAnOutputShapeDimensionOfTwoToThe32MinusOne() {
        ProgramBody.Builder b = VALID.toBuilder();
        b.getLayersBuilder(VALID_DENSE).getOutputShapeBuilder().setChannels(-1);   // uint32 4294967295
        assertRejectedAsInvalid(b);
    }

    @Test
    void shouldRejectDenseOutFeaturesZero() {
        ProgramBody.Builder b = VALID.toBuilder();
        b.getLayersBuilder(VALID_DENSE).getDenseBuilder().setOutFeatures(0);
        assertRejectedAsInvalid(b);
    }

    @Test
    void shouldRejectAnInputShiftOfTwoToThe32MinusOne() {
        ProgramBody.Builder b = VALID.toBuilder();
        b.getLayersBuilder(VALID_CONV).getNeuronsBuilder().setInputShift(-1);
        assertRejectedAsInvalid(b);
    }

    @Test
    void shouldRejectALeakMultiplierOfTwoToThe32MinusOne() {
        ProgramBody.Builder b = VALID.toBuilder();
        b.getLayersBuilder(VALID_CONV).getNeuronsBuilder()
                .setMembraneLeak(FixedPoint.newBuilder().setMultiplier(-1).setShift(4));
        assertRejectedAsInvalid(b);
    }

    @Test
    void shouldRejectAPolarityChannelOfTwoToThe32MinusOne() {
        assertRejectedAsInvalid(events(e -> e.setOffChannel(-1)));
    }

    @Test
    void shouldRejectACropOfTwoToThe32MinusOne() {
        assertRejectedAsInvalid(events(e -> e.setCropX(-1)));
    }

    @Test
    void shouldRejectADownsampleShiftOfTwoToThe32MinusOne() {
        assertRejectedAsInvalid(events(e -> e.setDownsampleShift(-1)));
    }

    @Test
    void shouldRejectABinLengthOfTwoToThe64MinusOne() {
        assertRejectedAsInvalid(events(e -> e.setBinUs(-1L)));
    }

    @Test
    void shouldRejectConvPaddingOfTwoToThe32MinusOne() throws Exception {
        // 1x6x6, kernel 3, padding read as -1 would give a 1x2x2 output (a crop, not a padding)
        ProgramBody.Builder b = new ProgramBuilder("pad", new Shape(1, 6, 6), 1)
                .conv2d("conv", 1, 3, 1, 0, 1, new byte[9], new float[] {1f},
                        TestPrograms.ifNeurons(NeuronPopulation.Reset.ZERO, 0, 5))
                .build().toBuilder();
        b.getLayersBuilder(0).getConv2DBuilder().setPaddingH(-1).setPaddingW(-1);
        b.getLayersBuilder(0).getOutputShapeBuilder().setHeight(2).setWidth(2);
        fillMemoryPlan(b);
        assertRejectedAsInvalid(b);
    }

    @Test
    void shouldRejectPoolPaddingOfTwoToThe32MinusOne() throws Exception {
        ProgramBody.Builder b = new ProgramBuilder("pad", new Shape(1, 6, 6), 1)
                .pool("pool", false, 2, 1, 0)
                .dense("d", 1, new byte[25], new float[] {1f}, TestPrograms.ifNeurons(NeuronPopulation.Reset.ZERO, 0, 5))
                .build().toBuilder();
        // padding -1: (6 - 2 - 2) / 1 + 1 = 3
        b.getLayersBuilder(0).getPoolBuilder().setPaddingH(-1).setPaddingW(-1);
        b.getLayersBuilder(0).getOutputShapeBuilder().setHeight(3).setWidth(3);
        b.getLayersBuilder(1).getInputShapeBuilder().setHeight(3).setWidth(3);
        b.getLayersBuilder(1).getDenseBuilder().setInFeatures(9).setWeights(ByteString.copyFrom(new byte[9]));
        fillMemoryPlan(b);
        assertRejectedAsInvalid(b);
    }

    @Test
    void shouldRejectAnOversizedConvBeforeAllocatingItsTables() throws Exception {
        // A ~180-byte program whose 3x3 conv reads a 1x2048x2048 input needs ~160 MB, far over a
        // 1 MiB device. ProgramLimits promises such a program is rejected before its memory is
        // allocated; the loader can tell from the shapes alone, so rejecting it should cost about
        // the size of the file, not per-neuron threshold/bias arrays and a per-pixel fan-out table.
        ProgramBody.Builder b = new ProgramBuilder("huge", new Shape(1, 2048, 2048), 1)
                .conv2d("conv", 1, 3, 1, 1, 1, new byte[9], new float[] {1f},
                        TestPrograms.ifNeurons(NeuronPopulation.Reset.ZERO, 0, 5))
                .build().toBuilder();
        byte[] sealed = SpikePrograms.seal(b.build()).toByteArray();
        ProgramLimits device = new ProgramLimits(1 << 20, 256, 1 << 24, 1 << 20);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        reject(SpikePrograms.seal(VALID).toByteArray(), new ProgramLimits(1 << 20, 256, 1 << 24, 1));   // warm up

        long before = threads.getCurrentThreadAllocatedBytes();
        InvalidProgramException e = reject(sealed, device);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertMessage(e, "over the limit of " + (1 << 20));
        assertTrue(allocated < 4 << 20, "rejecting a " + sealed.length + "-byte program over the memory limit allocated "
                + allocated + " bytes");
    }

    // ================================================================ fuzzing

    @Test
    void shouldSurviveRandomByteMutationsAndTruncationsOfTheFile() {
        byte[] sealed = SpikePrograms.seal(VALID).toByteArray();
        SplittableRandom rnd = new SplittableRandom(20240607);
        int loaded = 0;
        List<String> escaped = new ArrayList<>();
        for (int trial = 0; trial < 2000; trial++) {
            byte[] bytes;
            if (rnd.nextInt(4) == 0) {
                bytes = Arrays.copyOf(sealed, rnd.nextInt(sealed.length));
            } else {
                bytes = sealed.clone();
                int at = rnd.nextInt(bytes.length);
                bytes[at] = (byte) (bytes[at] ^ (1 + rnd.nextInt(255)));
            }
            try {
                new ProgramLoader().load(bytes);
                loaded++;
            } catch (InvalidProgramException expected) {
                assertFalse(expected.getMessage().isBlank());
            } catch (RuntimeException e) {
                escaped.add("trial " + trial + ": " + e);
            }
        }
        assertTrue(escaped.isEmpty(), escaped.size() + " mutations escaped as runtime exceptions: " + escaped);
        assertTrue(loaded < 2000, "mutations must be noticed");
    }

    /**
     * Mutations behind the digest: the body is mutated and then resealed, as a buggy or hostile
     * writer would, so the mutation reaches the verifier. Every program must be rejected with an
     * InvalidProgramException or load, and a loaded program must run and bin events without failing.
     */
    @Test
    void shouldSurviveRandomMutationsOfTheBodyBehindAValidDigest() {
        byte[] body = VALID.toByteArray();
        SplittableRandom rnd = new SplittableRandom(99);
        Map<String, String> escaped = new TreeMap<>();
        int loaded = 0;
        for (int trial = 0; trial < 2000; trial++) {
            byte[] mutated = body.clone();
            int mutations = 1 + rnd.nextInt(2);
            for (int m = 0; m < mutations; m++) {
                int at = rnd.nextInt(mutated.length);
                mutated[at] = (byte) (rnd.nextInt(4) == 0 ? 0xFF : mutated[at] ^ (1 + rnd.nextInt(255)));
            }
            byte[] sealed = SpikeProgram.newBuilder().setMagic(SpikePrograms.MAGIC)
                    .setFormatVersion(SpikePrograms.FORMAT_VERSION).setBody(ByteString.copyFrom(mutated))
                    .setBodySha256(ByteString.copyFrom(SpikePrograms.sha256(mutated))).build().toByteArray();
            try {
                ExecutionPlan plan = new ProgramLoader().load(sealed);
                loaded++;
                exercise(plan);
            } catch (InvalidProgramException expected) {
                assertFalse(expected.getMessage().isBlank());
            } catch (RuntimeException e) {
                escaped.putIfAbsent(e.getClass().getSimpleName() + ": " + e.getMessage(), "trial " + trial);
            }
        }
        assertTrue(escaped.isEmpty(), "verifier let through or threw: " + escaped);
        assertTrue(loaded > 0 && loaded < 2000, "loaded " + loaded);
    }

    /** Runs a loaded program a few steps at full input and pushes events through its binner. */
    private static void exercise(ExecutionPlan plan) {
        Engine engine = new Engine(plan, ScalarKernels.INSTANCE);
        byte[] full = new byte[plan.input().shape().size()];
        Arrays.fill(full, (byte) 127);
        for (int i = 0; i < 3; i++) {
            engine.step(full);
        }
        plan.input().events().ifPresent(e -> {
            EventBinner binner = new EventBinner(plan.input(), engine::step, 1000);
            for (int i = 0; i < 50; i++) {
                binner.event(i % Math.max(1, e.sensorWidth()), i % Math.max(1, e.sensorHeight()), i & 1, i * 300L);
            }
            binner.flush();
        });
    }

    // ================================================================ helpers

    private static ExecutionPlan load(ProgramBody.Builder body) throws InvalidProgramException {
        return new ProgramLoader().load(SpikePrograms.seal(body.build()).toByteArray());
    }

    private static void assertDoesLoad(ProgramBody.Builder body) {
        try {
            load(body);
        } catch (InvalidProgramException e) {
            fail("expected the program to load, but: " + e.getMessage());
        }
    }

    private static void assertDoesLoad(byte[] sealed, ProgramLimits limits) {
        try {
            new ProgramLoader(limits).load(sealed);
        } catch (InvalidProgramException e) {
            fail("expected the program to load, but: " + e.getMessage());
        }
    }

    private static InvalidProgramException reject(ProgramBody.Builder body) {
        return reject(SpikePrograms.seal(body.build()).toByteArray());
    }

    private static InvalidProgramException reject(byte[] bytes) {
        return reject(bytes, ProgramLimits.DEFAULT);
    }

    private static InvalidProgramException reject(byte[] bytes, ProgramLimits limits) {
        return assertThrows(InvalidProgramException.class, () -> new ProgramLoader(limits).load(bytes));
    }

    /** Must fail with InvalidProgramException: not load, and not throw anything else. */
    private static void assertRejectedAsInvalid(ProgramBody.Builder body) {
        byte[] sealed = SpikePrograms.seal(body.build()).toByteArray();
        Executable load = () -> new ProgramLoader().load(sealed);
        assertThrows(InvalidProgramException.class, load);
    }

    /**
     * Recomputes the memory plan the way a writer does after changing the body. If the verifier
     * rejects the structure the plan does not matter (the test then checks the rejection).
     */
    private static void fillMemoryPlan(ProgramBody.Builder b) {
        try {
            MemoryFootprint m = new ProgramLoader().footprint(b.build());
            b.setMemory(MemoryPlan.newBuilder().setWeightBytes(m.weightBytes()).setStateBytes(m.stateBytes())
                    .setScratchBytes(m.scratchBytes()));
        } catch (InvalidProgramException | RuntimeException ignored) {
            // rejected on structure: the memory plan is never looked at
        }
    }

    private static void assertMessage(InvalidProgramException e, String... fragments) {
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message \"" + e.getMessage() + "\" should contain \"" + f + "\"");
        }
    }

    private static ProgramBody.Builder events(Consumer<io.neuroedge.proto.program.EventEncoding.Builder> change) {
        ProgramBody.Builder b = VALID.toBuilder();
        change.accept(b.getInputBuilder().getEventsBuilder());
        return b;
    }

    private static ProgramBody.Builder conv(Consumer<io.neuroedge.proto.program.Conv2dOp.Builder> change) {
        ProgramBody.Builder b = VALID.toBuilder();
        change.accept(b.getLayersBuilder(VALID_CONV).getConv2DBuilder());
        return b;
    }

    private static ProgramBody.Builder denseScales(float... scales) {
        ProgramBody.Builder b = VALID.toBuilder();
        var dense = b.getLayersBuilder(VALID_DENSE).getDenseBuilder().clearWeightScale();
        for (float s : scales) {
            dense.addWeightScale(s);
        }
        return b;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
