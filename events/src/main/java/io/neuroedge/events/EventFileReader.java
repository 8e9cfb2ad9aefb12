package io.neuroedge.events;

import io.neuroedge.runtime.input.EventSink;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Streams the CD events of one recording file into an {@link EventSink}. Implementations throw
 * {@link EventFormatException} on malformed input; events before the error have already been
 * delivered by then.
 */
@FunctionalInterface
public interface EventFileReader {

    /** Streams all events of {@code file} into {@code sink} and returns the totals. */
    RecordingSummary read(Path file, EventSink sink) throws IOException;

    /** Reads all events of {@code file} into a new {@link EventArray}. */
    default EventArray readAll(Path file) throws IOException {
        EventArray array = new EventArray();
        read(file, array);
        return array;
    }
}
