package io.neuroedge.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventArrayTest {

    @Test
    void growsFromZeroCapacityAndKeepsEveryField() {
        EventArray events = new EventArray(0);
        for (int i = 0; i < 5000; i++) {
            events.event(i % 34, (i * 7) % 34, i & 1, 10L * i);
        }
        assertEquals(5000, events.size());
        for (int i = 0; i < 5000; i++) {
            assertEquals(i % 34, events.x(i));
            assertEquals((i * 7) % 34, events.y(i));
            assertEquals(i & 1, events.polarity(i));
            assertEquals(10L * i, events.timeUs(i));
        }
    }

    @Test
    void replaySendsEventsInInsertionOrder() {
        EventArray events = new EventArray();
        events.event(1, 2, 1, 100);
        events.event(3, 4, 0, 100);
        events.event(5, 6, 1, 250);
        List<String> seen = new ArrayList<>();
        events.replay((x, y, p, t) -> seen.add(x + "," + y + "," + p + "," + t));
        assertEquals(List.of("1,2,1,100", "3,4,0,100", "5,6,1,250"), seen);
    }

    @Test
    void clearEmptiesAndIndexesAreChecked() {
        EventArray events = new EventArray(2);
        events.event(1, 1, 1, 1);
        assertThrows(IndexOutOfBoundsException.class, () -> events.x(1));
        events.clear();
        assertEquals(0, events.size());
        assertThrows(IndexOutOfBoundsException.class, () -> events.timeUs(0));
        assertThrows(IllegalArgumentException.class, () -> new EventArray(-1));
    }
}
