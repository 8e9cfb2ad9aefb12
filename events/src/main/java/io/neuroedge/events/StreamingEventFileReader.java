package io.neuroedge.events;

import io.neuroedge.runtime.input.EventSink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A reader whose format can be decoded from a plain stream: reading a file opens it and streams
 * it, naming the file in errors.
 */
public abstract class StreamingEventFileReader implements EventFileReader {

    @Override
    public final RecordingSummary read(Path file, EventSink sink) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), sink);
        }
    }

    /**
     * Streams all events of {@code in} (header included) into {@code sink}. The stream is read to
     * its end and not closed.
     *
     * @param source name of the stream for error messages, e.g. the file path
     */
    public abstract RecordingSummary read(InputStream in, String source, EventSink sink) throws IOException;
}
