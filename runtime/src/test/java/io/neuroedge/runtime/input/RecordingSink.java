package io.neuroedge.runtime.input;

import java.util.ArrayList;
import java.util.List;

/** Test sink that records events as {@code "x,y,p@t"} strings for exact comparisons. */
final class RecordingSink implements EventSink {

    final List<String> events = new ArrayList<>();

    @Override
    public void event(int x, int y, int polarity, long timeUs) {
        events.add(x + "," + y + "," + polarity + "@" + timeUs);
    }
}
