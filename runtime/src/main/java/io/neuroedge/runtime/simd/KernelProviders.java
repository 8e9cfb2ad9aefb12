package io.neuroedge.runtime.simd;

import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The process-wide choice of {@link KernelProvider}, made once and logged once.
 *
 * <p>System property {@value #MODE_PROPERTY}: {@code scalar} forces the scalar kernels;
 * {@code panama} requires the Vector API kernels ({@link #get()} throws if they are unavailable);
 * {@code auto} (the default) uses them unless the JVM is not HotSpot, C2 is off, the JDK is newer
 * than the newest tested one (override: {@value PanamaSupport#ALLOW_UNTESTED_JDK}), an x86 CPU
 * lacks AVX2, or the JVM was started without {@code --add-modules jdk.incubator.vector}.
 */
public final class KernelProviders {

    static final String MODE_PROPERTY = "neuroedge.simd";
    /** {@link #fallbackReason()} when the scalar kernels were asked for. */
    static final String SCALAR_REQUESTED = MODE_PROPERTY + "=scalar";

    private KernelProviders() {
    }

    /**
     * The kernels this process uses.
     *
     * @throws IllegalStateException if {@value #MODE_PROPERTY} is invalid, or is {@code panama} and
     *                               the Panama kernels are unavailable
     */
    public static KernelProvider get() {
        Choice choice = Chosen.CHOICE;
        if (choice.error() != null) {
            throw new IllegalStateException(choice.error());
        }
        return choice.kernels();
    }

    /** The scalar reference kernels, always available. */
    public static KernelProvider scalar() {
        return ScalarKernels.INSTANCE;
    }

    /**
     * The Vector API kernels if this JVM can run them well, whatever {@value #MODE_PROPERTY} says
     * (benchmarks and tests compare both in one JVM).
     */
    public static Optional<KernelProvider> panama() {
        return Optional.ofNullable(Probed.PANAMA.kernels());
    }

    /** Why {@link #get()} is not the Panama kernels, or null when it is. */
    public static String fallbackReason() {
        return Chosen.CHOICE.fallbackReason();
    }

    /** Outcome of the choice: the kernels or an error, and why Panama was not chosen. */
    record Choice(KernelProvider kernels, String fallbackReason, String error) {
    }

    /** The choice for a {@value #MODE_PROPERTY} value; probes Panama only if the mode allows it. */
    static Choice choose(String mode, Supplier<PanamaSupport.Availability> panama) {
        String normalized = mode == null ? "auto" : mode.trim().toLowerCase(Locale.ROOT);
        switch (normalized) {
            case "scalar" -> {
                return new Choice(ScalarKernels.INSTANCE, SCALAR_REQUESTED, null);
            }
            case "panama", "auto" -> {
                PanamaSupport.Availability available = panama.get();
                if (available.kernels() != null) {
                    return new Choice(available.kernels(), null, null);
                }
                if (normalized.equals("auto")) {
                    return new Choice(ScalarKernels.INSTANCE, available.reason(), null);
                }
                return new Choice(null, available.reason(), MODE_PROPERTY
                        + "=panama but the Panama kernels are unavailable: " + available.reason());
            }
            default -> {
                String error = MODE_PROPERTY + " must be scalar, panama or auto, not '" + mode + "'";
                return new Choice(null, error, error);
            }
        }
    }

    /** Probes Panama on first use; a holder class, so that initialisation cannot deadlock. */
    private static final class Probed {
        static final PanamaSupport.Availability PANAMA = PanamaSupport.current().probe();
    }

    /** Makes and logs the process-wide choice on first use. */
    private static final class Chosen {
        static final Choice CHOICE = chooseAndLog();

        private static Choice chooseAndLog() {
            Choice choice = choose(System.getProperty(MODE_PROPERTY), () -> Probed.PANAMA);
            System.Logger log = System.getLogger(KernelProviders.class.getName());
            if (choice.error() != null) {
                log.log(Level.ERROR, choice.error());
            } else if (choice.fallbackReason() == null) {
                // the normal case: commands report the kernels themselves, so only debug logging shows it
                log.log(Level.DEBUG, "NeuroEdge kernels: {0} ({1}-bit vectors)",
                        choice.kernels().name(), choice.kernels().vectorBitSize());
            } else if (choice.fallbackReason().equals(SCALAR_REQUESTED)) {
                log.log(Level.DEBUG, "NeuroEdge kernels: scalar, as {0} asks", SCALAR_REQUESTED);
            } else {
                log.log(Level.WARNING, "NeuroEdge kernels: scalar fallback, because {0}", choice.fallbackReason());
            }
            return choice;
        }
    }
}
