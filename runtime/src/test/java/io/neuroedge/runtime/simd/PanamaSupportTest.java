package io.neuroedge.runtime.simd;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The start-up checks that keep the Panama kernels off JVMs where they would be slow or broken. */
class PanamaSupportTest {

    private static final String HOTSPOT = "OpenJDK 64-Bit Server VM";
    private static final String MIXED = "mixed mode, sharing";

    private static PanamaSupport jvm(String name, String info, int feature, List<String> args, boolean allowUntested,
                                     boolean module, int avx) {
        return new PanamaSupport(name, info, feature, args, allowUntested, module, avx);
    }

    private static PanamaSupport withArgs(String... args) {
        return jvm(HOTSPOT, MIXED, 25, List.of(args), false, true, 3);
    }

    private static void assertBlocked(PanamaSupport jvm, String expectedInReason) {
        String reason = jvm.blocker();
        assertTrue(reason != null && reason.contains(expectedInReason), () -> "reason: " + reason);
    }

    @Test
    void hotSpotWithC2AndModuleMayUsePanama() {
        assertNull(withArgs().blocker());
        assertNull(jvm("Java HotSpot(TM) 64-Bit Server VM", MIXED, 21, List.of(), false, true, -1).blocker());
        assertNull(withArgs("-XX:TieredStopAtLevel=4").blocker());
    }

    @Test
    void otherVmsAreRejected() {
        assertBlocked(jvm("Eclipse OpenJ9 VM", MIXED, 25, List.of(), false, true, 3), "not HotSpot");
        assertBlocked(jvm("OpenJDK Client VM", MIXED, 25, List.of(), false, true, -1), "client VM");
    }

    @Test
    void missingC2IsRejected() {
        assertBlocked(withArgs("-XX:TieredStopAtLevel=1"), "TieredStopAtLevel=1");
        assertBlocked(withArgs("-XX:TieredStopAtLevel=4", "-XX:TieredStopAtLevel=3"), "TieredStopAtLevel=3");
        assertBlocked(withArgs("-Xint"), "-Xint");
        assertBlocked(jvm(HOTSPOT, "interpreted mode, sharing", 25, List.of(), false, true, 3), "interpreted");
        assertBlocked(withArgs("-XX:-UseCompiler"), "disabled");
    }

    @Test
    void stopLevelIsIgnoredWithoutTieredCompilation() {
        assertNull(withArgs("-XX:TieredStopAtLevel=1", "-XX:-TieredCompilation").blocker());
    }

    @Test
    void untestedJdkNeedsTheOverride() {
        PanamaSupport newer = jvm(HOTSPOT, MIXED, PanamaSupport.MAX_TESTED_FEATURE_VERSION + 1, List.of(), false, true, 3);
        assertBlocked(newer, PanamaSupport.ALLOW_UNTESTED_JDK);
        assertNull(jvm(HOTSPOT, MIXED, PanamaSupport.MAX_TESTED_FEATURE_VERSION + 1, List.of(), true, true, 3).blocker());
    }

    @Test
    void x86WithoutAvx2IsRejected() {
        assertBlocked(jvm(HOTSPOT, MIXED, 25, List.of(), false, true, 1), "AVX2");
    }

    @Test
    void missingModuleSaysHowToAddIt() {
        assertBlocked(jvm(HOTSPOT, MIXED, 25, List.of(), false, false, 3), "--add-modules jdk.incubator.vector");
    }
}
