package io.neuroedge.events.labels;

import java.io.IOException;

/**
 * A DVS Gesture label CSV is malformed. The message names the source, the 1-based line and column
 * (0 when the problem concerns the whole line) and the problem. An {@link IOException} so that
 * callers handling read failures handle it too.
 */
public final class LabelCsvException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;

    public LabelCsvException(String source, int line, int column, String problem) {
        super(source + ": line " + line + (column > 0 ? ", column " + column : "") + ": " + problem);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    /** The file (or stream) being read, as given to the parser. */
    public String source() {
        return source;
    }

    /** 1-based line number of the problem. */
    public int line() {
        return line;
    }

    /** 1-based column (CSV field) of the problem, or 0 for the whole line. */
    public int column() {
        return column;
    }
}
