package io.neuroedge.compiler.profile;

import java.util.Locale;

/** How a continuous leak {@code dv/dt = (v_leak − v + r·I)/τ} becomes one step of length dt. */
public enum Integrator {
    /** {@code β = 1 − dt/τ}, input gain {@code dt/τ}: what Norse and snnTorch compute. */
    EULER,
    /** {@code β = exp(−dt/τ)}, input gain {@code 1 − β}: exact for an input held constant over the step. */
    EXACT;

    /** The integrator named {@code name} (case-insensitive). */
    public static Integrator parse(String name) {
        for (Integrator i : values()) {
            if (i.name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown integrator '" + name + "', expected euler or exact");
    }

    /** Lower-case name as used on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
