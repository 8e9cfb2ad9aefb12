package io.neuroedge.runtime.program;

import io.neuroedge.proto.program.FixedPoint;
import io.neuroedge.proto.program.NeuronPopulation;

import java.util.List;

/**
 * Every check a program's neuron parameters get, in one place: model, reset, input shift,
 * thresholds, biases, leaks, floors and the synaptic current's bias against the ranges the kernels
 * rely on ({@link NeuronParams#STATE_MAX}, {@link NeuronParams#DRIVE_MAX}, the leak limits), and
 * the per-layer / per-channel / per-neuron lists expanded to one value per neuron. The
 * {@link NeuronParams} constructor only re-checks the cheap invariants for code that builds
 * parameters directly.
 */
final class NeuronParamsCheck {

    private NeuronParamsCheck() {
    }

    /**
     * The neuron parameters of a layer with {@code n} neurons and output shape {@code out}, checked.
     *
     * @param where the layer, as {@link ProgramFields#where} names it
     */
    static NeuronParams read(String where, NeuronPopulation p, Shape out, int n) throws InvalidProgramException {
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
        ProgramFields.u32(at + ".input_shift", p.getInputShift(), 30);
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
}
