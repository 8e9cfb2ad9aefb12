package io.neuroedge.runtime.input;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Each polarity mode on the same ON/OFF sequence, with exact outputs and counters. */
class PolarityFilterTest {

    /** OFF, ON, ON written as 7 (any non-zero is ON), OFF. */
    private static RecordingSink run(PolarityFilter.Mode mode, PolarityFilter[] out) {
        RecordingSink sink = new RecordingSink();
        PolarityFilter filter = new PolarityFilter(mode, sink);
        filter.event(1, 2, 0, 10);
        filter.event(3, 4, 1, 20);
        filter.event(5, 6, 7, 30);
        filter.event(-1, 99, 0, 40);   // coordinates are not this filter's business
        out[0] = filter;
        return sink;
    }

    @Test
    void bothKeepsEverythingAsZeroOrOne() {
        PolarityFilter[] f = new PolarityFilter[1];
        assertEquals(List.of("1,2,0@10", "3,4,1@20", "5,6,1@30", "-1,99,0@40"), run(PolarityFilter.Mode.BOTH, f).events);
        assertEquals(4, f[0].passed());
        assertEquals(0, f[0].dropped());
    }

    @Test
    void onOnlyDropsOff() {
        PolarityFilter[] f = new PolarityFilter[1];
        assertEquals(List.of("3,4,1@20", "5,6,1@30"), run(PolarityFilter.Mode.ON_ONLY, f).events);
        assertEquals(2, f[0].passed());
        assertEquals(2, f[0].dropped());
    }

    @Test
    void offOnlyDropsOn() {
        PolarityFilter[] f = new PolarityFilter[1];
        assertEquals(List.of("1,2,0@10", "-1,99,0@40"), run(PolarityFilter.Mode.OFF_ONLY, f).events);
        assertEquals(2, f[0].passed());
        assertEquals(2, f[0].dropped());
    }

    @Test
    void mergeForwardsEveryEventAsOn() {
        PolarityFilter[] f = new PolarityFilter[1];
        assertEquals(List.of("1,2,1@10", "3,4,1@20", "5,6,1@30", "-1,99,1@40"), run(PolarityFilter.Mode.MERGE, f).events);
        assertEquals(4, f[0].passed());
        assertEquals(0, f[0].dropped());
    }

    @Test
    void resetZeroesCounters() {
        PolarityFilter[] f = new PolarityFilter[1];
        run(PolarityFilter.Mode.ON_ONLY, f);
        f[0].reset();
        assertEquals(0, f[0].passed());
        assertEquals(0, f[0].dropped());
        assertEquals(PolarityFilter.Mode.ON_ONLY, f[0].mode());
    }

    @Test
    void rejectsMissingArguments() {
        assertThrows(NullPointerException.class, () -> new PolarityFilter(null, new RecordingSink()));
        assertThrows(NullPointerException.class, () -> new PolarityFilter(PolarityFilter.Mode.BOTH, null));
    }
}
