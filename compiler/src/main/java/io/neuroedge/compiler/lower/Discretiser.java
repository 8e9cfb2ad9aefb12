package io.neuroedge.compiler.lower;

import io.neuroedge.compiler.nir.NirNode;
import io.neuroedge.compiler.nir.Shape;
import io.neuroedge.compiler.nir.Tensor;
import io.neuroedge.compiler.profile.CompileOptions;
import io.neuroedge.compiler.profile.Integrator;
import io.neuroedge.compiler.profile.Profile;
import io.neuroedge.proto.program.NeuronPopulation.Model;
import io.neuroedge.proto.program.NeuronPopulation.Reset;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a continuous-time NIR neuron into {@link NeuronDynamics} for a step {@code dt} under a
 * profile and integrator (docs/nir.md, "Discretisation"). Collects one-line notes about choices the
 * user should know of.
 */
final class Discretiser {

    private final CompileOptions options;
    private final List<String> notes;

    Discretiser(CompileOptions options, List<String> notes) {
        this.options = options;
        this.notes = notes;
    }

    /** Dynamics of {@code neuron} (named {@code name}) with {@code shape} neurons; null neuron = integrating readout. */
    NeuronDynamics discretise(String name, NirNode.Neuron neuron, Shape shape) {
        int n = shape.size();
        return switch (neuron) {
            case null -> new NeuronDynamics(Model.LI, Reset.ZERO, 1, 0, filled(n, 1), filled(n, 0), null, null);
            case NirNode.IF f -> integrateAndFire(name, f, shape);
            case NirNode.LIF f -> {
                Leak leak = leak(name, "tau", f.tau(), shape);
                double[] vth = PerNeuron.expand(f.vThreshold(), shape, name, "v_threshold");
                yield new NeuronDynamics(Model.LIF, reset(name, f.vReset(), shape), leak.beta(), 0,
                        leak.gains(PerNeuron.expand(f.r(), shape, name, "r")),
                        leak.gains(PerNeuron.expand(f.vLeak(), shape, name, "v_leak")), vth, floor(vth));
            }
            case NirNode.LI f -> {
                Leak leak = leak(name, "tau", f.tau(), shape);
                yield new NeuronDynamics(Model.LI, Reset.ZERO, leak.beta(), 0,
                        leak.gains(PerNeuron.expand(f.r(), shape, name, "r")),
                        leak.gains(PerNeuron.expand(f.vLeak(), shape, name, "v_leak")), null, null);
            }
            case NirNode.CubaLIF f -> {
                Leak syn = leak(name, "tau_syn", f.tauSyn(), shape);
                Leak mem = leak(name, "tau_mem", f.tauMem(), shape);
                double[] gain = syn.gains(PerNeuron.expand(f.wIn(), shape, name, "w_in"));
                double[] r = PerNeuron.expand(f.r(), shape, name, "r");
                // the program's current feeds the membrane with gain 1, so the membrane gain moves onto the weights
                for (int k = 0; k < n; k++) {
                    gain[k] *= mem.gain(r[k]);
                }
                double[] vth = PerNeuron.expand(f.vThreshold(), shape, name, "v_threshold");
                yield new NeuronDynamics(Model.CUBA_LIF, reset(name, f.vReset(), shape), mem.beta(), syn.beta(), gain,
                        mem.gains(PerNeuron.expand(f.vLeak(), shape, name, "v_leak")), vth, floor(vth));
            }
            default -> throw new UnsupportedModelException("the runtime cannot execute node '" + name + "' of type "
                    + neuron.typeName());
        };
    }

    private NeuronDynamics integrateAndFire(String name, NirNode.IF f, Shape shape) {
        double[] r = PerNeuron.expand(f.r(), shape, name, "r");
        // Sinabs' IAF adds its input once per step (a spike is a unit pulse); NIR's dv/dt = r·I over dt otherwise
        double k = options.profile() == Profile.SINABS ? 1 : options.dt();
        double[] vth = PerNeuron.expand(f.vThreshold(), shape, name, "v_threshold");
        return new NeuronDynamics(Model.IF, reset(name, f.vReset(), shape), 1, 0, times(r, k),
                filled(shape.size(), 0), vth, floor(vth));
    }

    /**
     * One time constant over one step: the decay factor and the jump a field value v (r, w_in, v_leak)
     * gives the state. Forward Euler and Rockpool jump by dt/τ·v (Rockpool with exact decay, as its LIF
     * runs the NIR paper's neuron), computed as v / (τ/dt) rather than v·(1 − β): there is no
     * cancellation in 1 − (1 − dt/τ), and snnTorch's r = τ/dt then gives a gain of exactly 1, which the
     * trained-model export relies on ({@link ModelNirExporter}). The exact integrator jumps by (1 − e^(−dt/τ))·v.
     *
     * @param beta     decay factor per step
     * @param tauSteps τ/dt (Euler and Rockpool), NaN for the exact integrator
     */
    private record Leak(double beta, double tauSteps) {

        double gain(double v) {
            return Double.isNaN(tauSteps) ? v * (1 - beta) : v / tauSteps;
        }

        double[] gains(double[] v) {
            double[] out = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = gain(v[i]);
            }
            return out;
        }
    }

    private Leak leak(String name, String field, Tensor tau, Shape shape) {
        double beta = factor(name, field, tau, shape);
        boolean exact = options.integrator() == Integrator.EXACT && options.profile() != Profile.ROCKPOOL;
        double t = PerNeuron.expand(tau, shape, name, field)[0];
        return new Leak(beta, exact ? Double.NaN : t / options.dt());
    }

    // The per-step factor of a time constant; one per layer because the format has one leak per population.
    private double factor(String name, String field, Tensor tau, Shape shape) {
        double t = PerNeuron.uniform(PerNeuron.expand(tau, shape, name, field), name, field,
                "the program has one leak factor per layer");
        double ratio = options.dt() / t;
        if (options.integrator() == Integrator.EULER && options.profile() != Profile.ROCKPOOL) {
            if (ratio > 1) {
                throw new UnsupportedModelException("node '" + name + "': dt/" + field + " = " + ratio
                        + " > 1, forward Euler is unstable; use a smaller --dt or --integrator exact");
            }
            return 1 - ratio;
        }
        if (ratio > 50 || ratio < 1e-7) {
            notes.add("node '" + name + "': dt/" + field + " = " + ratio + " is implausible; check the time unit of tau");
        }
        return Math.exp(-ratio);
    }

    private Reset reset(String name, Tensor vReset, Shape shape) {
        if (options.profile() != Profile.NORSE && options.profile() != Profile.LAVA) {
            if (!Arrays.stream(PerNeuron.expand(vReset, shape, name, "v_reset")).allMatch(v -> v == 0)) {
                notes.add("node '" + name + "': v_reset is ignored, the " + options.profile().id()
                        + " profile resets by subtracting the threshold");
            }
            return Reset.SUBTRACT;
        }
        for (double v : PerNeuron.expand(vReset, shape, name, "v_reset")) {
            if (v != 0) {
                throw new UnsupportedModelException("node '" + name + "': v_reset " + v
                        + " is not supported; the program resets to 0 (or use a subtracting profile)");
            }
        }
        return Reset.ZERO;
    }

    private double[] floor(double[] vth) {
        return options.profile() == Profile.SINABS ? times(vth, -1) : null;
    }

    private static double[] times(double[] v, double k) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * k;
        }
        return out;
    }

    private static double[] filled(int n, double value) {
        double[] out = new double[n];
        Arrays.fill(out, value);
        return out;
    }
}
