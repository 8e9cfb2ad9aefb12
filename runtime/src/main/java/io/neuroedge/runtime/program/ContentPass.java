package io.neuroedge.runtime.program;

import com.google.protobuf.ByteString;
import io.neuroedge.proto.program.Conv2dOp;
import io.neuroedge.proto.program.DenseOp;
import io.neuroedge.proto.program.Layer;
import io.neuroedge.proto.program.Pool2dOp;
import io.neuroedge.proto.program.ProgramBody;

import java.util.ArrayList;
import java.util.List;

/**
 * Last pass of loading: the contents of layers whose structure has been checked. Weights (size,
 * no -128), scales, neuron parameters ({@link NeuronParamsCheck}) and the overflow bound: each
 * neuron's worst-case synaptic sum must stay in the state range after its input shift. Builds the
 * layers of the plan.
 */
final class ContentPass {

    private ContentPass() {
    }

    /** The plan's layers, in order, from a body whose structure is {@code s}. */
    static List<LayerPlan> build(ProgramBody body, StructurePass.Structure s) throws InvalidProgramException {
        List<LayerPlan> layers = new ArrayList<>(body.getLayersCount());
        int bound = s.input().maxCount();
        for (int i = 0; i < body.getLayersCount(); i++) {
            LayerPlan layer = buildLayer(i, body.getLayers(i), s.inputs()[i], s.outputs()[i], bound);
            layers.add(layer);
            bound = layer.outputBound();
        }
        return layers;
    }

    /** Builds a layer whose shapes the structure pass has checked: verifies its contents. */
    private static LayerPlan buildLayer(int index, Layer layer, Shape in, Shape out, int inBound) throws InvalidProgramException {
        String where = ProgramFields.where(index, layer);
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
            case OP_NOT_SET -> throw new IllegalStateException("checked by the structure pass");
        };
    }

    private static DenseLayer dense(String where, Layer layer, Shape in, Shape out, int inBound) throws InvalidProgramException {
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
        NeuronParams neurons = NeuronParamsCheck.read(where, layer.getNeurons(), out, nOut);
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

    private static ConvLayer conv(String where, Layer layer, Shape in, Shape out, int inBound) throws InvalidProgramException {
        Conv2dOp op = layer.getConv2D();
        int groups = op.getGroups();
        int kh = op.getKernelH();
        int kw = op.getKernelW();
        int cinG = in.channels() / groups;
        long volume = (long) cinG * kh * kw;
        byte[] w = int8(where + " conv2d.weights", op.getWeights(), out.channels() * volume,
                "[out=" + out.channels() + "][in/groups=" + cinG + "][" + kh + "][" + kw + "]");
        float[] scales = scales(where + " conv2d.weight_scale", op.getWeightScaleList(), out.channels());
        NeuronParams neurons = NeuronParamsCheck.read(where, layer.getNeurons(), out, out.size());
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
}
