package io.neuroedge.events.csv;

import java.io.IOException;

/**
 * A CSV input is malformed. The message names the source, the 1-based line number, the column
 * when one is at fault, and the problem. It is an {@link IOException} so that callers handling
 * read failures handle it too.
 */
public final class CsvFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;
    private final String column;

    /**
     * @param source  the file being read, as shown to the user
     * @param line    1-based line number
     * @param column  the column at fault as shown to the user (e.g. {@code "2"} or
     *                {@code "'label'"}), or {@code null} when the whole line is at fault
     * @param problem what is wrong
     */
    public CsvFormatException(String source, long line, String column, String problem) {
        super(source + ": line " + line + (column == null ? "" : ", column " + column) + ": "
                + problem);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    /** The file being read, as given to the reader. */
    public String source() {
        return source;
    }

    /** 1-based line number of the fault. */
    public long line() {
        return line;
    }

    /** The column at fault as shown in the message, or {@code null} if the whole line is. */
    public String column() {
        return column;
    }
}
