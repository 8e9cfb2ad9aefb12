package io.neuroedge.runtime.simd;

import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.util.List;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * The facts about the running JVM that decide whether the Panama kernels may be used, and the
 * reflective loading of {@link PanamaKernels}. Touches no vector class itself: it is loaded on the
 * scalar fallback path too.
 *
 * @param vmName               {@code java.vm.name}
 * @param vmInfo               {@code java.vm.info} (says "interpreted mode" under {@code -Xint})
 * @param featureVersion       the JDK feature version, e.g. 25
 * @param inputArguments       the JVM's input arguments, empty if unknown
 * @param allowUntestedJdk     whether {@value #ALLOW_UNTESTED_JDK} is set
 * @param vectorModulePresent  whether {@code jdk.incubator.vector} is in the boot layer
 * @param x86Avx               on x86, HotSpot's {@code UseAVX} level; -1 elsewhere or if unknown
 */
record PanamaSupport(String vmName, String vmInfo, int featureVersion, List<String> inputArguments,
                     boolean allowUntestedJdk, boolean vectorModulePresent, int x86Avx) {

    /** Newest JDK feature version the kernels were tested on; newer ones may change the incubator API. */
    static final int MAX_TESTED_FEATURE_VERSION = 25;
    static final String ALLOW_UNTESTED_JDK = "neuroedge.simd.allowUntestedJdk";
    static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String PANAMA_CLASS = "io.neuroedge.runtime.simd.PanamaKernels";

    PanamaSupport {
        inputArguments = List.copyOf(inputArguments);
    }

    /** The facts about this JVM. */
    static PanamaSupport current() {
        String arch = System.getProperty("os.arch", "");
        boolean x86 = arch.equals("amd64") || arch.equals("x86_64");
        return new PanamaSupport(System.getProperty("java.vm.name", ""), System.getProperty("java.vm.info", ""),
                Runtime.version().feature(), jvmInputArguments(), Boolean.getBoolean(ALLOW_UNTESTED_JDK),
                ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent(), x86 ? intVmOption("UseAVX") : -1);
    }

    /** Why the Panama kernels must not be used on this JVM, or null if they may be tried. */
    String blocker() {
        if (!vmName.contains("HotSpot") && !vmName.contains("OpenJDK")) {
            return "the JVM (" + vmName + ") is not HotSpot; the Vector API is only fast with HotSpot's C2";
        }
        String c2 = c2Blocker();
        if (c2 != null) {
            return c2 + "; the Panama kernels run up to 90x slower than scalar without C2";
        }
        if (featureVersion > MAX_TESTED_FEATURE_VERSION && !allowUntestedJdk) {
            return "JDK " + featureVersion + " is newer than the newest tested (" + MAX_TESTED_FEATURE_VERSION
                    + "); set -D" + ALLOW_UNTESTED_JDK + "=true to use the Panama kernels anyway";
        }
        if (x86Avx >= 0 && x86Avx < 2) {
            return "the x86 CPU or JVM lacks AVX2 (UseAVX=" + x86Avx + "); HotSpot misses integer vector intrinsics there";
        }
        if (!vectorModulePresent) {
            return "module " + VECTOR_MODULE + " is not loaded; start the JVM with --add-modules " + VECTOR_MODULE;
        }
        return null;
    }

    /** Why C2 will not compile the kernels, or null. The last occurrence of a flag wins, as in HotSpot. */
    private String c2Blocker() {
        if (vmInfo.contains("interpreted mode")) {
            return "the JVM runs interpreted only (-Xint)";
        }
        if (vmName.contains("Client VM")) {
            return "the client VM has no C2";
        }
        boolean tiered = true;
        boolean compiler = true;
        String stopAtLevel = null;
        for (String arg : inputArguments) {
            if (arg.equals("-Xint") || arg.equals("-XX:-UseCompiler")) {
                compiler = false;
            } else if (arg.equals("-XX:+UseCompiler")) {
                compiler = true;
            } else if (arg.equals("-XX:-TieredCompilation")) {
                tiered = false;
            } else if (arg.equals("-XX:+TieredCompilation")) {
                tiered = true;
            } else if (arg.startsWith("-XX:TieredStopAtLevel=")) {
                stopAtLevel = arg.substring("-XX:TieredStopAtLevel=".length()).trim();
            }
        }
        if (!compiler) {
            return "the JIT compilers are disabled (-Xint or -XX:-UseCompiler)";
        }
        // without tiered compilation only C2 runs and TieredStopAtLevel is ignored
        if (tiered && stopAtLevel != null && !stopAtLevel.equals("4")) {
            return "C2 is disabled by -XX:TieredStopAtLevel=" + stopAtLevel;
        }
        return null;
    }

    /** The Panama kernels, or why they are unavailable. */
    record Availability(KernelProvider kernels, String reason) {
    }

    /** Checks {@link #blocker()}, then loads the kernels. */
    Availability probe() {
        String blocker = blocker();
        return blocker != null ? new Availability(null, blocker) : load();
    }

    /**
     * Instantiates {@link PanamaKernels} by name, so that no class on the fallback path links vector
     * classes; its constructor rejects vectors narrower than 128 bits.
     */
    private static Availability load() {
        ModuleLayer.boot().findModule(VECTOR_MODULE).ifPresent(PanamaSupport.class.getModule()::addReads);
        try {
            Class<?> type = Class.forName(PANAMA_CLASS);
            return new Availability((KernelProvider) type.getDeclaredConstructor().newInstance(), null);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            return new Availability(null, cause instanceof UnsupportedOperationException
                    ? cause.getMessage() : "the Panama kernels failed to start: " + cause);
        } catch (ReflectiveOperationException | LinkageError e) {
            return new Availability(null, "the Panama kernels could not be loaded: " + e);
        }
    }

    private static List<String> jvmInputArguments() {
        try {
            return ManagementFactory.getRuntimeMXBean().getInputArguments();
        } catch (LinkageError e) {
            return List.of(); // java.management left out of a jlink image
        }
    }

    private static int intVmOption(String name) {
        try {
            HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return Integer.parseInt(bean.getVMOption(name).getValue().trim());
        } catch (LinkageError | RuntimeException e) {
            return -1; // jdk.management left out of a jlink image, or not a HotSpot flag here
        }
    }
}
