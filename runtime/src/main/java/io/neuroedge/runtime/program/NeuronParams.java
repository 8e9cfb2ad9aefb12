package io.neuroedge.runtime.program;

import java.util.Objects;

/**
 * Immutable fixed-point parameters of one neuron population, expanded to one entry per neuron so
 * that kernels never branch on "per layer / per channel / per neuron". Ranges are checked by the
 * program verifier before one of these is built; the constructor re-checks the cheap invariants.
 */
public final class NeuronParams {

    /** Largest magnitude a state variable may hold: state saturates to [-STATE_MAX, STATE_MAX]. */
    public static final int STATE_MAX = (1 << 30) - 1;
    /**
     * Largest magnitude of a shifted synaptic sum or of a bias, guaranteed by the verifier. Equal to
     * STATE_MAX so that every sum of two bounded terms fits in 32 bits before it is saturated.
     */
    public static final int DRIVE_MAX = STATE_MAX;
    /** Largest leak multiplier and shift. */
    public static final int LEAK_MAX_MULTIPLIER = 32767;
    public static final int LEAK_MAX_SHIFT = 15;

    /** Neuron models, mirroring the program format's enum. */
    public enum Model { IF, LIF, CUBA_LIF, LI }

    public final Model model;
    public final boolean resetBySubtraction;
    public final int inputShift;
    final int[] threshold;
    final int[] bias;
    public final int membraneLeakMultiplier;
    public final int membraneLeakShift;
    public final int currentLeakMultiplier;
    public final int currentLeakShift;
    public final boolean hasFloor;
    /** Per-neuron floor; -STATE_MAX everywhere when there is none, so kernels can always apply it. */
    private final int[] floor;
    /** Per-neuron constant added to the synaptic current each step (CUBA_LIF); zeros otherwise. */
    private final int[] currentBias;

    /** Parameters with one floor for every neuron ({@code hasFloor} false: no floor). */
    public NeuronParams(Model model, boolean resetBySubtraction, int inputShift, int[] threshold, int[] bias,
                        int membraneLeakMultiplier, int membraneLeakShift,
                        int currentLeakMultiplier, int currentLeakShift,
                        boolean hasFloor, int floor) {
        this(model, resetBySubtraction, inputShift, threshold, bias, membraneLeakMultiplier, membraneLeakShift,
                currentLeakMultiplier, currentLeakShift, hasFloor ? filled(threshold.length, floor) : null);
    }

    /**
     * Parameters with a floor per neuron.
     *
     * @param floor per-neuron lower bounds of the membrane in [-STATE_MAX, 0], or null for none
     */
    public NeuronParams(Model model, boolean resetBySubtraction, int inputShift, int[] threshold, int[] bias,
                        int membraneLeakMultiplier, int membraneLeakShift,
                        int currentLeakMultiplier, int currentLeakShift, int[] floor) {
        this.model = Objects.requireNonNull(model, "model");
        this.resetBySubtraction = resetBySubtraction;
        if (inputShift < 0 || inputShift > 30) {
            throw new IllegalArgumentException("input shift " + inputShift + " outside 0..30");
        }
        this.inputShift = inputShift;
        this.threshold = threshold.clone();
        this.bias = bias.clone();
        if (this.threshold.length != this.bias.length) {
            throw new IllegalArgumentException("threshold and bias lengths differ: "
                    + this.threshold.length + " vs " + this.bias.length);
        }
        checkLeak("membrane", membraneLeakMultiplier, membraneLeakShift);
        checkLeak("current", currentLeakMultiplier, currentLeakShift);
        this.membraneLeakMultiplier = membraneLeakMultiplier;
        this.membraneLeakShift = membraneLeakShift;
        this.currentLeakMultiplier = currentLeakMultiplier;
        this.currentLeakShift = currentLeakShift;
        this.hasFloor = floor != null;
        this.floor = floor == null ? filled(this.threshold.length, -STATE_MAX) : floor.clone();
        if (this.floor.length != this.threshold.length) {
            throw new IllegalArgumentException("floor and threshold lengths differ: "
                    + this.floor.length + " vs " + this.threshold.length);
        }
        for (int f : this.floor) {
            if (f > 0 || f < -STATE_MAX) {
                throw new IllegalArgumentException("floor " + f + " outside [-(2^30-1), 0]");
            }
        }
        this.currentBias = new int[this.threshold.length];
    }

    private NeuronParams(NeuronParams base, int[] currentBias) {
        this.model = base.model;
        this.resetBySubtraction = base.resetBySubtraction;
        this.inputShift = base.inputShift;
        this.threshold = base.threshold;
        this.bias = base.bias;
        this.membraneLeakMultiplier = base.membraneLeakMultiplier;
        this.membraneLeakShift = base.membraneLeakShift;
        this.currentLeakMultiplier = base.currentLeakMultiplier;
        this.currentLeakShift = base.currentLeakShift;
        this.hasFloor = base.hasFloor;
        this.floor = base.floor;
        this.currentBias = currentBias.clone();
    }

    /**
     * These parameters with a constant per-neuron drive of the synaptic current (CUBA_LIF only), in
     * state units within +-STATE_MAX.
     */
    public NeuronParams withCurrentBias(int[] currentBias) {
        if (model != Model.CUBA_LIF) {
            throw new IllegalArgumentException("only CUBA_LIF neurons have a synaptic current to bias");
        }
        if (currentBias.length != threshold.length) {
            throw new IllegalArgumentException("current bias has " + currentBias.length + " values for "
                    + threshold.length + " neurons");
        }
        for (int b : currentBias) {
            if (Math.abs((long) b) > STATE_MAX) {
                throw new IllegalArgumentException("current bias " + b + " outside +-(2^30-1)");
            }
        }
        return new NeuronParams(this, currentBias);
    }

    private static int[] filled(int n, int value) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, value);
        return a;
    }

    private static void checkLeak(String what, int multiplier, int shift) {
        if (shift < 0 || shift > LEAK_MAX_SHIFT || multiplier < 0 || multiplier > LEAK_MAX_MULTIPLIER
                || multiplier > (1 << shift)) {
            throw new IllegalArgumentException(what + " leak " + multiplier + "/2^" + shift
                    + " must have shift 0.." + LEAK_MAX_SHIFT + " and 0 <= multiplier <= min(32767, 2^shift)");
        }
    }

    /** Number of neurons. */
    public int size() {
        return threshold.length;
    }

    /** Threshold of neuron {@code k}, in state units. */
    public int threshold(int k) {
        return threshold[k];
    }

    /** Bias of neuron {@code k}, in state units. */
    public int bias(int k) {
        return bias[k];
    }

    /** Whether this population can spike at all (LI neurons only integrate). */
    public boolean spiking() {
        return model != Model.LI;
    }

    /** Floor of neuron {@code k} in state units (-STATE_MAX when there is no floor). */
    public int floor(int k) {
        return floor[k];
    }

    /** Constant drive of the synaptic current of neuron {@code k} (0 unless CUBA_LIF with a current bias). */
    public int currentBias(int k) {
        return currentBias[k];
    }

    /** Kernels read the arrays directly; they must not modify them. */
    public int[] currentBiasArray() {
        return currentBias;
    }

    /** Kernels read the arrays directly; they must not modify them. */
    public int[] floorArray() {
        return floor;
    }

    /**
     * Overwrites one neuron's threshold (on-device learning of a plan one engine owns; not
     * thread-safe).
     */
    public void overwriteThreshold(int k, int value) {
        if (value < 1 || value > STATE_MAX) {
            throw new IllegalArgumentException("threshold " + value + " outside 1..2^30-1");
        }
        threshold[k] = value;
    }

    /** Kernels read the arrays directly; they must not modify them. */
    public int[] thresholdArray() {
        return threshold;
    }

    /** Kernels read the arrays directly; they must not modify them. */
    public int[] biasArray() {
        return bias;
    }
}
