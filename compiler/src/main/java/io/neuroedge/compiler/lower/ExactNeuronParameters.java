package io.neuroedge.compiler.lower;

import io.neuroedge.compiler.nir.NirNode;
import io.neuroedge.compiler.nir.Shape;
import io.neuroedge.compiler.nir.Tensor;
import io.neuroedge.compiler.profile.CompileOptions;
import io.neuroedge.compiler.profile.Integrator;
import io.neuroedge.compiler.profile.Profile;
import io.neuroedge.compiler.quant.FixedPointFactor;
import io.neuroedge.proto.program.NeuronPopulation.Reset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoublePredicate;

/**
 * Continuous NIR parameters for the neurons of a trained model that this compiler's snnTorch profile
 * (forward Euler) turns back into the model's per-step leak α and an input gain of exactly 1. The
 * starting point is snnTorch's own export, τ = dt/(1 − α) and r = τ/dt (IF: r = 1/dt); every candidate
 * is checked with the importer's own {@link Discretiser}, and where floating-point rounding keeps it
 * from giving α back bit for bit, τ (or r) and if need be dt are moved by a few units in the last
 * place — dt only as far as it still means the same step. Only leaks just above 0 may come back an
 * ulp of double off, still the same float32 and the same fixed-point leak.
 */
final class ExactNeuronParameters {

    /** The profile and integrator the parameters are made for. */
    static final Profile PROFILE = Profile.SNNTORCH;
    static final Integrator INTEGRATOR = Integrator.EULER;

    private static final int PARAMETER_NUDGES = 64;
    private static final int STEP_NUDGES = 256;

    private ExactNeuronParameters() {
    }

    /** How a layer's neurons behave in discrete time. */
    enum Kind { LIF, IF, LI }

    /**
     * A layer's neurons in discrete time.
     *
     * @param alpha per-step leak (1 for IF)
     */
    record Layer(String name, Kind kind, double alpha) {
    }

    /**
     * Continuous parameters of one layer (every neuron alike); {@code v_leak} and {@code v_reset} are 0.
     *
     * @param tau time constant in seconds, NaN for IF
     * @param r   input resistance
     */
    record Neuron(double tau, double r) {

        /** The NIR node of a population of {@code shape} with these parameters and per-neuron thresholds. */
        NirNode.Neuron node(Kind kind, Shape shape, Tensor threshold) {
            Tensor zeros = Tensor.filled(0, shape);
            return switch (kind) {
                case LIF -> new NirNode.LIF(Tensor.filled(tau, shape), Tensor.filled(r, shape), zeros, threshold, zeros);
                case IF -> new NirNode.IF(Tensor.filled(r, shape), threshold, zeros);
                case LI -> new NirNode.LI(Tensor.filled(tau, shape), Tensor.filled(r, shape), zeros);
            };
        }
    }

    /** A step length and one {@link Neuron} per layer, in order. */
    record Solution(double dt, List<Neuron> neurons) {
    }

    /**
     * @param nominalDt the step length to write
     * @param sameStep  whether a step length nudged from {@code nominalDt} still means the same step
     * @throws IllegalArgumentException some leak cannot be given back (a leak this close to 0 but not 0)
     */
    static Solution solve(double nominalDt, DoublePredicate sameStep, List<Layer> layers) {
        Solution exact = search(nominalDt, sameStep, layers, true, null);
        if (exact != null) {
            return exact;
        }
        // Leaks just above 0 (α below about 1e-4): 1 − α lies so close to 1 that dt/τ may not hit it for
        // any nearby dt. Then β may differ from α by an ulp of double, as long as it is the same float32
        // (the model's own precision) and the same fixed-point leak (the same program).
        boolean[] found = new boolean[layers.size()];
        Solution close = search(nominalDt, sameStep, layers, false, found);
        if (close != null) {
            return close;
        }
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            if (!found[i]) {
                throw new IllegalArgumentException(layer.name() + ": leak alpha " + (float) layer.alpha() + " has no"
                        + " NIR time constant whose forward-Euler step (snntorch profile) gives it back"
                        + (layer.alpha() > 0 && layer.alpha() < 1e-8 ? " (1 − dt/τ cannot come this close to 0"
                        + " without reaching it)" : "") + "; refusing to write an inexact NIR file");
            }
        }
        throw new IllegalArgumentException("no step length near " + nominalDt + " s gives every leak back at once;"
                + " refusing to write an inexact NIR file");
    }

    /**
     * The first step length (nominal, then nudged) at which every layer is given back; null if none.
     *
     * @param found if not null, marks each layer given back at some step length (all layers are tried)
     */
    private static Solution search(double nominalDt, DoublePredicate sameStep, List<Layer> layers, boolean bitExact,
                                   boolean[] found) {
        Nudges steps = new Nudges(nominalDt);
        for (int attempt = 0; attempt < STEP_NUDGES; attempt++) {
            double dt = steps.next();
            if (!sameStep.test(dt)) {
                continue;
            }
            List<Neuron> neurons = new ArrayList<>();
            for (int i = 0; i < layers.size() && (found != null || neurons.size() == i); i++) {
                Neuron n = find(layers.get(i), dt, true);
                if (n == null && !bitExact) {
                    n = find(layers.get(i), dt, false);
                }
                if (n != null) {
                    neurons.add(n);
                    if (found != null) {
                        found[i] = true;
                    }
                }
            }
            if (neurons.size() == layers.size()) {
                return new Solution(dt, neurons);
            }
        }
        return null;
    }

    private static Neuron find(Layer layer, double dt, boolean bitExact) {
        Nudges candidates = new Nudges(layer.kind() == Kind.IF ? 1 / dt : dt / (1 - layer.alpha()));
        for (int i = 0; i < PARAMETER_NUDGES; i++) {
            double v = candidates.next();
            // IF: v is r; otherwise v is τ, and r = τ/dt is what the Euler gain divides by, so the gain is 1
            Neuron n = layer.kind() == Kind.IF ? new Neuron(Double.NaN, v) : new Neuron(v, v / dt);
            if (givesBack(layer, n, dt, bitExact)) {
                return n;
            }
        }
        return null;
    }

    /**
     * Whether the importer discretises {@code n} at {@code dt} into the layer's dynamics: input gain
     * exactly 1, no leak drive, subtractive reset without floor, and β equal to α — bit for bit, or
     * else the same float32 and the same fixed-point leak.
     */
    private static boolean givesBack(Layer layer, Neuron n, double dt, boolean bitExact) {
        if ((layer.kind() != Kind.IF && !(n.tau() > 0)) || !(n.r() > 0) || Double.isInfinite(n.r())) {
            return false;
        }
        Shape one = Shape.of(1);
        NeuronDynamics d;
        try {
            Discretiser discretiser = new Discretiser(new CompileOptions(dt, PROFILE, INTEGRATOR, 1), new ArrayList<>());
            d = discretiser.discretise(layer.name(), n.node(layer.kind(), one, Tensor.filled(1, one)), one);
        } catch (UnsupportedModelException e) {
            return false; // e.g. dt/τ > 1 after a nudge
        }
        boolean spiking = layer.kind() != Kind.LI;
        if (d.gain()[0] != 1.0 || d.leakBias()[0] != 0.0 || d.floor() != null
                || (spiking && d.reset() != Reset.SUBTRACT)) {
            return false;
        }
        if (d.beta() == layer.alpha()) {
            return true;
        }
        if (bitExact || (float) d.beta() != (float) layer.alpha()) {
            return false;
        }
        FixedPointFactor a = FixedPointFactor.of(layer.alpha());
        FixedPointFactor b = FixedPointFactor.of(d.beta());
        return a.multiplier() == b.multiplier() && a.shift() == b.shift();
    }

    /** x, then its neighbours one, two, ... units in the last place away, alternately above and below. */
    private static final class Nudges {
        private final double start;
        private double up;
        private double down;
        private int count;

        Nudges(double start) {
            this.start = start;
            this.up = start;
            this.down = start;
        }

        double next() {
            int k = count++;
            if (k == 0) {
                return start;
            }
            if (k % 2 == 1) {
                up = Math.nextUp(up);
                return up;
            }
            down = Math.nextDown(down);
            return down;
        }
    }
}
