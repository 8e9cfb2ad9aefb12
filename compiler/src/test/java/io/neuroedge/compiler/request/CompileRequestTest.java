package io.neuroedge.compiler.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroedge.compiler.profile.CompileOptions;
import io.neuroedge.compiler.profile.Integrator;
import io.neuroedge.compiler.profile.Profile;
import io.neuroedge.proto.program.ReadoutSpec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Given options over recorded ones over defaults, and the overrides the report names. */
class CompileRequestTest {

    private static final CompileOptions RECORDED = new CompileOptions(2e-3, Profile.SNNTORCH, Integrator.EXACT, 3,
            new CompileOptions.Sensor(34, 34), ReadoutSpec.Kind.MEMBRANE_SUM, 1);

    private static CompileRequest given(Double dt, String profile, String integrator, Integer maxCount) {
        return new CompileRequest(dt, profile, integrator, maxCount, null, null, "neuroedge compile");
    }

    @Test
    void withoutRecordedOptionsTheDefaultsFillIn() {
        CompileRequest r = given(1e-3, null, null, null);
        assertEquals(CompileOptions.DEFAULT_MAX_COUNT, r.maxCount(Optional.empty()));
        assertEquals(CompileOptions.of(1e-3), r.resolve(15, Optional.empty()));
        assertEquals(List.of(), r.notes(Optional.empty()));
    }

    @Test
    void recordedOptionsApplyWhenNothingIsGiven() {
        CompileRequest r = given(null, null, null, null);
        assertEquals(3, r.maxCount(Optional.of(RECORDED)));
        assertEquals(RECORDED, r.resolve(3, Optional.of(RECORDED)));
        assertEquals(List.of(), r.overrides(RECORDED));
        assertEquals(1, r.notes(Optional.of(RECORDED)).size());
        assertTrue(r.notes(Optional.of(RECORDED)).get(0).startsWith("compile options recorded by neuroedge export:"
                + " --profile snntorch --integrator exact --dt 0.002 --max-count 3 --sensor 34x34"));
    }

    @Test
    void givenOptionsWinAndDepartingOnesAreNamed() {
        CompileRequest r = given(1e-3, "snntorch", "euler", 7);
        CompileOptions o = r.resolve(r.maxCount(Optional.of(RECORDED)), Optional.of(RECORDED));
        assertEquals(new CompileOptions(1e-3, Profile.SNNTORCH, Integrator.EULER, 7, new CompileOptions.Sensor(34, 34),
                ReadoutSpec.Kind.MEMBRANE_SUM, 1), o);
        assertEquals(List.of("--dt", "--integrator", "--max-count"), r.overrides(RECORDED));
        assertEquals("--dt, --integrator, --max-count given: the program no longer reproduces the exported model",
                r.notes(Optional.of(RECORDED)).get(1));
    }
}
