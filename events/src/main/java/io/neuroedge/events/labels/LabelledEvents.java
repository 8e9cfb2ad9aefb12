package io.neuroedge.events.labels;

import io.neuroedge.events.EventArray;
import java.util.Objects;

/** The events that fell into one labelled window. */
public record LabelledEvents(LabelledSlices.Window window, EventArray events) {

    public LabelledEvents {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(events, "events");
    }
}
