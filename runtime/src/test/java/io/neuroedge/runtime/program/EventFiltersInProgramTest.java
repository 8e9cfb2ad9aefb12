package io.neuroedge.runtime.program;

import io.neuroedge.proto.program.EventFilters;
import io.neuroedge.proto.program.MemoryPlan;
import io.neuroedge.proto.program.ProgramBody;
import io.neuroedge.runtime.input.EventFilterSpec;
import io.neuroedge.runtime.input.PolarityFilter;
import org.junit.jupiter.api.Test;

import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The event filters a program carries in {@code input.events.filters}: read into the plan, counted in
 * the state memory (one 64-bit timestamp per sensor pixel per per-pixel filter), absent from programs
 * that don't ask for them (whose bytes are unchanged), and every out-of-range value refused.
 */
class EventFiltersInProgramTest {

    private static final ProgramBody VALID = TestPrograms.validBody(); // sensor 20x16

    @Test
    void shouldLoadTheFiltersIntoThePlanAndCountTheirMemory() throws Exception {
        EventFilterSpec spec = new EventFilterSpec(PolarityFilter.Mode.ON_ONLY, 500, 2000);
        ProgramBody withFilters = withFilters(spec);

        ExecutionPlan plan = TestPrograms.load(withFilters);
        ExecutionPlan plain = TestPrograms.load(VALID);

        assertEquals(spec, plan.input().events().orElseThrow().filters());
        assertEquals(EventFilterSpec.NONE, plain.input().events().orElseThrow().filters());
        // two per-pixel filters over the 20x16 sensor
        assertEquals(plain.memory().stateBytes() + 2 * 8 * 20 * 16, plan.memory().stateBytes());
        assertEquals(plain.memory().weightBytes(), plan.memory().weightBytes());
    }

    @Test
    void shouldLeaveAProgramWithoutFiltersByteForByteAsBefore() throws Exception {
        ProgramBody cleared = withFilters(EventFilterSpec.NONE);
        assertArrayEquals(VALID.toByteArray(), cleared.toByteArray());
        assertTrue(!VALID.getInput().getEvents().hasFilters());
    }

    @Test
    void shouldCountOnlyPerPixelFiltersInMemory() throws Exception {
        ExecutionPlan polarityOnly = TestPrograms.load(withFilters(new EventFilterSpec(PolarityFilter.Mode.MERGE, 0, 0)));
        assertEquals(TestPrograms.load(VALID).memory().stateBytes(), polarityOnly.memory().stateBytes());
    }

    @Test
    void shouldRefuseAProgramThatHidesTheFiltersMemory() {
        ProgramBody.Builder b = VALID.toBuilder(); // memory plan of the body without filters
        b.getInputBuilder().getEventsBuilder().setFilters(EventFilters.newBuilder().setRefractoryUs(100));
        InvalidProgramException e = reject(b);
        assertTrue(e.getMessage().contains("memory"), e.getMessage());
    }

    @Test
    void shouldRefuseOutOfRangeFilterValues() {
        assertMessage(reject(filters(f -> f.setRefractoryUs(10_000_001))),
                "input.events.filters.refractory_us is 10000001, expected 0..10000000");
        assertMessage(reject(filters(f -> f.setBackgroundWindowUs(-1))),
                "input.events.filters.background_window_us is 4294967295, expected 0..10000000");
        assertMessage(reject(filters(f -> f.setPolarityValue(7))),
                "input.events.filters.polarity is 7, expected 0..3");
        // the limit itself is allowed
        ProgramBody.Builder atLimit = filters(f -> f.setRefractoryUs(10_000_000).setBackgroundWindowUs(10_000_000));
        fillMemoryPlan(atLimit);
        TestPrograms.load(atLimit.build());
    }

    @Test
    void shouldRefuseFiltersWithoutAnEventEncoding() {
        ProgramBuilder b = new ProgramBuilder("x", new Shape(1, 2, 2), 1);
        assertThrows(IllegalStateException.class, () -> b.eventFilters(EventFilterSpec.NONE));
    }

    private static ProgramBody withFilters(EventFilterSpec spec) throws InvalidProgramException {
        ProgramBody.Builder b = VALID.toBuilder();
        if (spec.isNone()) {
            b.getInputBuilder().getEventsBuilder().clearFilters();
        } else {
            b.getInputBuilder().getEventsBuilder().setFilters(EventFilters.newBuilder()
                    .setPolarity(EventFilters.Polarity.valueOf(spec.polarity().name()))
                    .setRefractoryUs((int) spec.refractoryUs()).setBackgroundWindowUs((int) spec.backgroundWindowUs()));
        }
        fillMemoryPlan(b);
        return b.build();
    }

    private static ProgramBody.Builder filters(Consumer<EventFilters.Builder> change) {
        ProgramBody.Builder b = VALID.toBuilder();
        change.accept(b.getInputBuilder().getEventsBuilder().getFiltersBuilder());
        return b;
    }

    private static void fillMemoryPlan(ProgramBody.Builder b) {
        try {
            MemoryFootprint m = new ProgramLoader().footprint(b.build());
            b.setMemory(MemoryPlan.newBuilder().setWeightBytes(m.weightBytes()).setStateBytes(m.stateBytes())
                    .setScratchBytes(m.scratchBytes()));
        } catch (InvalidProgramException e) {
            throw new AssertionError(e);
        }
    }

    private static InvalidProgramException reject(ProgramBody.Builder b) {
        byte[] sealed = SpikePrograms.seal(b.build()).toByteArray();
        return assertThrows(InvalidProgramException.class, () -> new ProgramLoader().load(sealed));
    }

    private static void assertMessage(InvalidProgramException e, String expected) {
        assertTrue(e.getMessage().contains(expected), "message \"" + e.getMessage() + "\" should contain \"" + expected + "\"");
    }
}
