package io.neuroedge.runtime.input;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Nearest-neighbour support: neighbour vs self vs stale, all 8 directions, borders, range. */
class BackgroundActivityFilterTest {

    private final RecordingSink sink = new RecordingSink();
    private final BackgroundActivityFilter filter = new BackgroundActivityFilter(5, 4, 100, sink);

    @Test
    void firstEventHasNoSupport() {
        filter.event(2, 2, 1, 0);
        assertEquals(List.of(), sink.events);
        assertEquals(1, filter.unsupportedDropped());
    }

    @Test
    void neighbourWithinTheWindowSupportsInclusive() {
        filter.event(2, 2, 1, 0);
        filter.event(3, 2, 0, 100);    // exactly windowUs after its neighbour: passes
        filter.event(2, 2, 1, 201);    // neighbour (3,2) was 101 us ago: dropped
        assertEquals(List.of("3,2,0@100"), sink.events);
        assertEquals(1, filter.passed());
        assertEquals(2, filter.unsupportedDropped());
    }

    @Test
    void ownPixelDoesNotSupportItself() {
        filter.event(2, 2, 1, 0);
        filter.event(2, 2, 1, 1);
        filter.event(2, 2, 1, 2);
        assertEquals(List.of(), sink.events);
        assertEquals(3, filter.dropped());
    }

    @Test
    void pixelsTwoApartAreNotNeighbours() {
        filter.event(0, 0, 1, 0);
        filter.event(2, 0, 1, 1);
        filter.event(0, 2, 1, 2);
        filter.event(2, 2, 1, 3);
        assertEquals(List.of(), sink.events);
    }

    @Test
    void eachOfTheEightNeighboursSupports() {
        int[][] offsets = {{-1, -1}, {0, -1}, {1, -1}, {-1, 0}, {1, 0}, {-1, 1}, {0, 1}, {1, 1}};
        long t = 0;
        for (int[] d : offsets) {
            filter.reset();
            sink.events.clear();
            filter.event(2 + d[0], 1 + d[1], 1, t);
            filter.event(2, 1, 1, t + 50);
            assertEquals(List.of("2,1,1@" + (t + 50)), sink.events, "neighbour offset " + d[0] + "," + d[1]);
            t += 1000;
        }
    }

    @Test
    void droppedEventsStillSupportLaterOnes() {
        filter.event(0, 0, 1, 0);      // dropped (no support) but recorded
        filter.event(1, 1, 1, 10);     // supported by (0,0)
        filter.event(0, 0, 1, 20);     // supported by (1,1)
        assertEquals(List.of("1,1,1@10", "0,0,1@20"), sink.events);
    }

    @Test
    void cornersAndEdgesUseOnlyOnSensorNeighbours() {
        filter.event(4, 3, 1, 0);      // bottom-right corner
        filter.event(3, 2, 1, 5);      // its diagonal neighbour: passes
        filter.event(4, 3, 1, 10);     // corner again, supported by (3,2)
        filter.event(0, 0, 1, 20);     // top-left corner, nothing nearby
        filter.event(0, 3, 1, 30);     // bottom-left corner, nothing nearby
        assertEquals(List.of("3,2,1@5", "4,3,1@10"), sink.events);
        assertEquals(3, filter.unsupportedDropped());
    }

    @Test
    void laterNeighbourTimestampDoesNotSupport() {
        filter.event(1, 1, 1, 5000);
        filter.event(2, 1, 1, 10);     // timestamp reset: the neighbour's 5000 is "in the future"
        assertEquals(List.of(), sink.events);
    }

    @Test
    void outOfRangeCoordinatesAreCountedAndNeverRecorded() {
        filter.event(5, 0, 1, 0);
        filter.event(-1, 0, 1, 0);
        filter.event(0, 4, 1, 0);
        filter.event(0, -1, 1, 0);
        filter.event(4, 0, 1, 1);      // would be supported by (5,0) if that were recorded
        assertEquals(List.of(), sink.events);
        assertEquals(4, filter.outside());
        assertEquals(1, filter.unsupportedDropped());
        assertEquals(5, filter.dropped());
    }

    @Test
    void resetForgetsHistoryAndCounters() {
        filter.event(1, 1, 1, 0);
        filter.event(9, 9, 1, 0);
        filter.reset();
        assertEquals(0, filter.dropped());
        assertEquals(0, filter.outside());
        filter.event(2, 1, 1, 1);      // (1,1) would support it without the reset
        assertEquals(List.of(), sink.events);
        assertEquals(0, filter.passed());
    }

    @Test
    void rejectsBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> new BackgroundActivityFilter(-5, 4, 1, sink));
        assertThrows(IllegalArgumentException.class, () -> new BackgroundActivityFilter(5, 0, 1, sink));
        assertThrows(IllegalArgumentException.class, () -> new BackgroundActivityFilter(5, 4, -1, sink));
        assertThrows(NullPointerException.class, () -> new BackgroundActivityFilter(5, 4, 1, null));
    }
}
