package io.neuroedge.compiler.profile;

import java.util.Locale;

/**
 * Which exporter wrote the NIR file, and therefore how its neurons behave in discrete time: the
 * reset mechanism, whether the membrane has a lower clamp, and how an IF neuron integrates.
 * NIR itself does not record these choices (see docs/nir.md).
 */
public enum Profile {
    /** Norse: forward Euler, reset to {@code v_reset} (which must be 0 here), IF gain {@code dt·r}. */
    NORSE,
    /** snnTorch: reset by subtraction (exported files always say {@code v_reset = 0}), IF gain {@code dt·r}. */
    SNNTORCH,
    /** Sinabs: IF integrates {@code v += r·input} without dt, reset by subtraction, floor {@code −v_threshold}. */
    SINABS,
    /**
     * Rockpool: exact exponential decay {@code e^(−dt/τ)} with the forward-Euler input jump
     * {@code dt/τ·r} (how its LIF runs the NIR paper's neuron), reset by subtraction; the
     * {@code --integrator} choice does not apply.
     */
    ROCKPOOL,
    /**
     * Lava (the NIR paper's importer): forward Euler, reset to zero. Loihi's one-step pipeline delay
     * is not modelled: spikes come one step earlier than on Loihi.
     */
    LAVA;

    /** The profile named {@code name} (case-insensitive); the error lists the valid names. */
    public static Profile parse(String name) {
        for (Profile p : values()) {
            if (p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + name + "', expected norse, snntorch, sinabs, rockpool or lava");
    }

    /** Lower-case name as used on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
