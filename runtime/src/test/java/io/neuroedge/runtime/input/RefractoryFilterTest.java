package io.neuroedge.runtime.input;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Refractory period per pixel: boundary, polarity-agnostic, only passed events restart it. */
class RefractoryFilterTest {

    private final RecordingSink sink = new RecordingSink();
    private final RefractoryFilter filter = new RefractoryFilter(4, 3, 100, sink);

    @Test
    void dropsWithinThePeriodAndPassesExactlyAtItsEnd() {
        filter.event(1, 1, 1, 1000);
        filter.event(1, 1, 1, 1099);   // 99 us later: refractory
        filter.event(1, 1, 1, 1100);   // exactly 100 us after the last passed event: passes
        filter.event(1, 1, 1, 1150);   // 50 us after 1100: refractory
        assertEquals(List.of("1,1,1@1000", "1,1,1@1100"), sink.events);
        assertEquals(2, filter.passed());
        assertEquals(2, filter.refractoryDropped());
        assertEquals(2, filter.dropped());
    }

    @Test
    void periodIsPerPixelAndIgnoresPolarity() {
        filter.event(0, 0, 1, 0);
        filter.event(1, 0, 1, 10);     // other pixel: passes
        filter.event(0, 0, 0, 20);     // same pixel, other polarity: refractory
        filter.event(0, 1, 0, 30);     // other row, same column: passes
        assertEquals(List.of("0,0,1@0", "1,0,1@10", "0,1,0@30"), sink.events);
        assertEquals(1, filter.refractoryDropped());
    }

    @Test
    void droppedEventsDoNotExtendThePeriod() {
        filter.event(2, 2, 1, 0);
        filter.event(2, 2, 1, 60);     // dropped; the period still ends at 100
        filter.event(2, 2, 1, 100);
        assertEquals(List.of("2,2,1@0", "2,2,1@100"), sink.events);
    }

    @Test
    void timestampGoingBackPassesAndRestartsThePeriod() {
        filter.event(3, 0, 1, 5000);
        filter.event(3, 0, 1, 10);     // a timestamp reset must not silence the pixel
        filter.event(3, 0, 1, 50);
        assertEquals(List.of("3,0,1@5000", "3,0,1@10"), sink.events);
    }

    @Test
    void zeroPeriodPassesEverything() {
        RefractoryFilter open = new RefractoryFilter(4, 3, 0, sink);
        open.event(0, 0, 1, 7);
        open.event(0, 0, 1, 7);
        assertEquals(2, open.passed());
    }

    @Test
    void farApartTimestampsDoNotOverflow() {
        filter.event(0, 0, 1, -Long.MAX_VALUE + 1);
        filter.event(0, 0, 1, Long.MAX_VALUE);
        assertEquals(2, filter.passed());
    }

    @Test
    void outOfRangeCoordinatesAreCountedAndDropped() {
        filter.event(-1, 0, 1, 0);
        filter.event(4, 0, 1, 0);
        filter.event(0, -1, 1, 0);
        filter.event(0, 3, 1, 0);
        filter.event(Integer.MAX_VALUE, Integer.MIN_VALUE, 1, 0);
        filter.event(3, 2, 1, 0);      // last valid pixel
        assertEquals(List.of("3,2,1@0"), sink.events);
        assertEquals(5, filter.outside());
        assertEquals(5, filter.dropped());
        assertEquals(1, filter.passed());
    }

    @Test
    void resetForgetsHistoryAndCounters() {
        filter.event(1, 1, 1, 0);
        filter.event(1, 1, 1, 1);
        filter.event(9, 9, 1, 1);
        filter.reset();
        assertEquals(0, filter.passed());
        assertEquals(0, filter.dropped());
        assertEquals(0, filter.outside());
        filter.event(1, 1, 1, 2);      // would be refractory without the reset
        assertEquals(List.of("1,1,1@0", "1,1,1@2"), sink.events);
    }

    @Test
    void rejectsBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> new RefractoryFilter(0, 3, 1, sink));
        assertThrows(IllegalArgumentException.class, () -> new RefractoryFilter(4, -1, 1, sink));
        assertThrows(IllegalArgumentException.class, () -> new RefractoryFilter(4, 3, -1, sink));
        assertThrows(IllegalArgumentException.class, () -> new RefractoryFilter(65536, 65536, 1, sink));
        assertThrows(NullPointerException.class, () -> new RefractoryFilter(4, 3, 1, null));
    }
}
