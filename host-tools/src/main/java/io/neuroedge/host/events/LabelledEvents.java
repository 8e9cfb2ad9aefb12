package io.neuroedge.host.events;

import java.util.Objects;

/** The events that fell into one labelled window. */
public record LabelledEvents(LabelledSlices.Window window, EventArray events) {

    public LabelledEvents {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(events, "events");
    }
}
