package io.neuroedge.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Assertions on decoded events, shared by the writer tests of every format family. */
public final class EventAssertions {

    private EventAssertions() {
    }

    /** Fails unless both arrays hold the same events, {@code b}'s times being {@code a}'s minus {@code shift}. */
    public static void assertSameEvents(EventArray a, EventArray b, long shift) {
        assertEquals(a.size(), b.size(), "event count");
        for (int i = 0; i < a.size(); i++) {
            int at = i;
            String where = "event " + i;
            assertEquals(a.x(i), b.x(i), where + " x");
            assertEquals(a.y(i), b.y(i), where + " y");
            assertEquals(a.polarity(i), b.polarity(i), where + " polarity");
            assertEquals(a.timeUs(at) - shift, b.timeUs(at), where + " time");
        }
    }
}
