package io.neuroedge.runtime.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The provider choice. The build runs this class three times: with the vector module (Panama
 * expected), with {@code -XX:MaxVectorSize=16} ({@code neuroedge.test.expectBits=128}) and without
 * the module ({@code neuroedge.test.expectScalar=true}).
 */
class KernelProvidersTest {

    private static final boolean EXPECT_SCALAR = Boolean.getBoolean("neuroedge.test.expectScalar");
    private static final String EXPECT_BITS = System.getProperty("neuroedge.test.expectBits");

    private static final PanamaSupport.Availability UNAVAILABLE = new PanamaSupport.Availability(null, "no vectors here");

    @Test
    void choosesWhatThisJvmSupports() {
        KernelProvider kernels = KernelProviders.get();
        if (EXPECT_SCALAR) {
            assertSame(ScalarKernels.INSTANCE, kernels);
            assertTrue(KernelProviders.panama().isEmpty());
            String reason = KernelProviders.fallbackReason();
            assertTrue(reason != null && reason.contains("--add-modules jdk.incubator.vector"), () -> "reason: " + reason);
            return;
        }
        if (KernelProviders.fallbackReason() != null) {
            fail("expected the Panama kernels, got " + kernels.name() + ": " + KernelProviders.fallbackReason());
        }
        assertSame(KernelProviders.panama().orElseThrow(), kernels);
        assertTrue(Set.of(128, 256, 512).contains(kernels.vectorBitSize()), kernels.name());
        assertEquals("panama-" + kernels.vectorBitSize(), kernels.name());
        if (EXPECT_BITS != null) {
            assertEquals(Integer.parseInt(EXPECT_BITS), kernels.vectorBitSize());
        }
    }

    @Test
    void scalarIsTheReference() {
        assertSame(ScalarKernels.INSTANCE, KernelProviders.scalar());
        assertEquals("scalar", KernelProviders.scalar().name());
        assertEquals(0, KernelProviders.scalar().vectorBitSize());
    }

    @Test
    void scalarModeNeverProbes() {
        KernelProviders.Choice choice = KernelProviders.choose(" Scalar ", () -> fail("probed"));
        assertSame(ScalarKernels.INSTANCE, choice.kernels());
        assertEquals(KernelProviders.SCALAR_REQUESTED, choice.fallbackReason());
        assertNull(choice.error());
    }

    @Test
    void autoModeFallsBackWithTheReason() {
        KernelProviders.Choice choice = KernelProviders.choose(null, () -> UNAVAILABLE);
        assertSame(ScalarKernels.INSTANCE, choice.kernels());
        assertEquals("no vectors here", choice.fallbackReason());
        assertNull(choice.error());
    }

    @Test
    void panamaModeFailsWhenUnavailable() {
        KernelProviders.Choice choice = KernelProviders.choose("panama", () -> UNAVAILABLE);
        assertNull(choice.kernels());
        assertTrue(choice.error().contains("no vectors here"), choice.error());
    }

    @Test
    void availablePanamaIsChosenInBothModes() {
        KernelProvider fake = ScalarKernels.INSTANCE;
        PanamaSupport.Availability available = new PanamaSupport.Availability(fake, null);
        for (String mode : new String[] {"auto", "panama", "AUTO"}) {
            KernelProviders.Choice choice = KernelProviders.choose(mode, () -> available);
            assertSame(fake, choice.kernels(), mode);
            assertNull(choice.fallbackReason(), mode);
        }
    }

    @Test
    void unknownModeIsAnError() {
        KernelProviders.Choice choice = KernelProviders.choose("avx", () -> fail("probed"));
        assertNull(choice.kernels());
        assertTrue(choice.error().contains("scalar, panama or auto"), choice.error());
    }
}
