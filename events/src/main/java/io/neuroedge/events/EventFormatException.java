package io.neuroedge.events;

import java.io.IOException;

/**
 * An event file is malformed: truncated, out of order or holding values the format does not
 * allow. The message names the source, the byte offset and the problem. It is an
 * {@link IOException} so that callers handling read failures handle it too.
 */
public final class EventFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final long byteOffset;

    /**
     * @param source     the file (or stream) being read, as shown to the user
     * @param byteOffset offset of the offending event or byte from the start of the source
     * @param problem    what is wrong, e.g. {@code "x = 40 is outside the 34 x 34 sensor"}
     */
    public EventFormatException(String source, long byteOffset, String problem) {
        super(source + ": byte offset " + byteOffset + ": " + problem);
        this.source = source;
        this.byteOffset = byteOffset;
    }

    /** The file (or stream) being read, as given to the reader. */
    public String source() {
        return source;
    }

    /** Offset in bytes of the offending event (or trailing bytes) from the start of the source. */
    public long byteOffset() {
        return byteOffset;
    }
}
