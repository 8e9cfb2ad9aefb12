package io.neuroedge.events;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a whole recording, held in an {@link EventArray}, to one event file.
 *
 * <p>Contract shared by all writers: the file is written to a temporary file next to
 * {@code out} and then renamed over it, so {@code out} is either left untouched (on any error)
 * or replaced by a complete file; a reader never sees a partial one. Events the format cannot
 * hold (coordinates, polarity or timestamps out of range) fail the whole write with an
 * {@link IllegalArgumentException} naming the event; nothing is clipped or dropped silently.
 * Events are written in array order.
 */
public interface EventFileWriter {

    /**
     * Totals of one write.
     *
     * @param events       events written
     * @param bytes        size of the written file
     * @param timeOriginUs subtracted from every timestamp before writing, because the format
     *                     cannot hold the absolute time (0 when times are written as given)
     */
    record WriteSummary(long events, long bytes, long timeOriginUs) {
    }

    /**
     * Writes {@code events} to {@code out}.
     *
     * @param width  sensor width in pixels (every x must be below it)
     * @param height sensor height in pixels (every y must be below it)
     * @throws IllegalArgumentException if an event or the sensor size does not fit the format
     * @throws IOException              if the file cannot be written
     */
    WriteSummary write(EventArray events, int width, int height, Path out) throws IOException;
}
