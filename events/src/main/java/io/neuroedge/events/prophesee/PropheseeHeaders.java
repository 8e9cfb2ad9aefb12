package io.neuroedge.events.prophesee;

import io.neuroedge.events.EventFormatException;
import io.neuroedge.events.HeaderLine;
import io.neuroedge.events.RecordingHeader;
import java.io.IOException;
import java.io.PushbackInputStream;
import java.util.Optional;

/** Reads a Prophesee header and checks that it names the encoding a reader expects. */
final class PropheseeHeaders {

    private PropheseeHeaders() {
    }

    /**
     * Reads the header of {@code in} and fails unless it names {@code encoding}
     * ({@code "EVT3"}, {@code "EVT2"}), or, when {@code encoding} is null, names none (DAT).
     */
    static RecordingHeader readExpecting(PushbackInputStream in, String source, String encoding)
            throws IOException {
        RecordingHeader header = RecordingHeader.read(in, source);
        Optional<String> named = header.encoding();
        String wanted = encoding == null ? "DAT" : encoding;
        if (encoding == null && named.isPresent() || encoding != null && named.isPresent()
                && !named.get().equals(encoding)) {
            HeaderLine line = header.encodingLine().orElseThrow();
            throw new EventFormatException(source, line.offset(), "header says '% " + line.key()
                    + " " + line.value() + "' (" + named.get() + "), not " + wanted);
        }
        if (encoding != null && named.isEmpty()) {
            throw new EventFormatException(source, 0, "header names no event encoding (no"
                    + " '% evt' or '% format' line); expected " + wanted);
        }
        return header;
    }
}
