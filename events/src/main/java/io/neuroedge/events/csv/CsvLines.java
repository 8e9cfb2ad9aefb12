package io.neuroedge.events.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into lines of cells for the label and spike CSV readers. Cells are separated by
 * commas; unquoted cells are trimmed. A cell may be enclosed in double quotes; then it may
 * contain commas, and {@code ""} stands for one quote. A quoted cell cannot span lines. A UTF-8
 * byte-order mark at the start is dropped. Line numbers are 1-based.
 */
public final class CsvLines {

    private final BufferedReader reader;
    private final String source;
    private long lineNumber;

    public CsvLines(Reader reader, String source) {
        // readLine() needs a BufferedReader; avoid double buffering when given one
        this.reader = reader instanceof BufferedReader buffered
                ? buffered : new BufferedReader(reader);
        this.source = source;
    }

    /** Number of the line returned by the last {@link #next()}. */
    public long lineNumber() {
        return lineNumber;
    }

    /**
     * The next line as raw text, or {@code null} at the end; {@link #split(String)} turns it into
     * cells. Kept separate so callers can tell blank lines apart.
     */
    public String next() throws IOException {
        String line = reader.readLine();
        if (line == null) {
            return null;
        }
        lineNumber++;
        if (lineNumber == 1 && line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        return line;
    }

    /** The cells of {@code line}, the line last returned by {@link #next()}. */
    public List<String> split(String line) throws CsvFormatException {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && isBlank(line.charAt(i))) {
                i++;
            }
            if (i < n && line.charAt(i) == '"') {
                i = readQuoted(line, i + 1, cell, cells.size());
                while (i < n && isBlank(line.charAt(i))) {
                    i++;
                }
                if (i < n && line.charAt(i) != ',') {
                    throw new CsvFormatException(source, lineNumber, String.valueOf(cells.size()),
                            "unexpected text after a closing quote");
                }
            } else {
                int end = line.indexOf(',', i);
                if (end < 0) {
                    end = n;
                }
                cell.append(line.substring(i, end).strip());
                i = end;
            }
            cells.add(cell.toString());
            cell.setLength(0);
            if (i >= n) {
                return cells;
            }
            i++; // skip the comma
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** Appends a quoted cell's text from after its opening quote; returns the index after it. */
    private int readQuoted(String line, int i, StringBuilder cell, int column)
            throws CsvFormatException {
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i++);
            if (c != '"') {
                cell.append(c);
            } else if (i < n && line.charAt(i) == '"') {
                cell.append('"');
                i++;
            } else {
                return i;
            }
        }
        throw new CsvFormatException(source, lineNumber, String.valueOf(column),
                "quoted cell has no closing quote");
    }
}
