package io.neuroedge.events.labels;

import io.neuroedge.events.csv.CsvFormatException;
import io.neuroedge.events.csv.CsvLines;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a label list: a UTF-8 CSV whose header row has at least the columns {@code file} and
 * {@code label} (matched ignoring case, in any order; other columns are ignored). Every data row
 * must have as many cells as the header, a non-empty file and a label that is an integer
 * {@code >= 0}. Blank lines are skipped. Errors name the line and column.
 */
public final class LabelsCsv {

    static final String FILE_COLUMN = "file";
    static final String LABEL_COLUMN = "label";

    /**
     * One labelled sample.
     *
     * @param file  the file cell as written, usually a path relative to the CSV's folder
     * @param label the class index
     */
    public record Entry(String file, int label) {}

    private LabelsCsv() {
    }

    /** Reads the label list in {@code csv}. */
    public static List<Entry> read(Path csv) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return read(reader, csv.toString());
        }
    }

    /**
     * Reads a label list from {@code reader} (not closed).
     *
     * @param source name of the input for error messages, e.g. the file path
     */
    public static List<Entry> read(Reader reader, String source) throws IOException {
        CsvLines lines = new CsvLines(reader, source);
        String line = nextNonBlank(lines);
        if (line == null) {
            throw new CsvFormatException(source, Math.max(1, lines.lineNumber()), null,
                    "empty file: expected a header row with columns 'file' and 'label'");
        }
        List<String> header = lines.split(line);
        int fileColumn = findColumn(header, FILE_COLUMN, source, lines.lineNumber());
        int labelColumn = findColumn(header, LABEL_COLUMN, source, lines.lineNumber());

        List<Entry> entries = new ArrayList<>();
        while ((line = nextNonBlank(lines)) != null) {
            List<String> cells = lines.split(line);
            if (cells.size() != header.size()) {
                throw new CsvFormatException(source, lines.lineNumber(), null, "expected "
                        + header.size() + " cells like the header, found " + cells.size());
            }
            String file = cells.get(fileColumn);
            if (file.isEmpty()) {
                throw new CsvFormatException(source, lines.lineNumber(), "'" + FILE_COLUMN + "'",
                        "empty file name");
            }
            entries.add(new Entry(file, parseLabel(cells.get(labelColumn), source,
                    lines.lineNumber())));
        }
        return entries;
    }

    private static int findColumn(List<String> header, String name, String source, long line)
            throws CsvFormatException {
        int found = -1;
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).toLowerCase(Locale.ROOT).equals(name)) {
                if (found >= 0) {
                    throw new CsvFormatException(source, line, "'" + name + "'",
                            "column appears twice in the header (cells " + found + " and " + i
                                    + ")");
                }
                found = i;
            }
        }
        if (found < 0) {
            throw new CsvFormatException(source, line, "'" + name + "'",
                    "missing column in the header " + header);
        }
        return found;
    }

    private static int parseLabel(String cell, String source, long line)
            throws CsvFormatException {
        int label;
        try {
            label = Integer.parseInt(cell);
        } catch (NumberFormatException e) {
            throw new CsvFormatException(source, line, "'" + LABEL_COLUMN + "'",
                    "'" + cell + "' is not an integer label");
        }
        if (label < 0) {
            throw new CsvFormatException(source, line, "'" + LABEL_COLUMN + "'",
                    "label " + label + " is negative; labels are class indices >= 0");
        }
        return label;
    }

    private static String nextNonBlank(CsvLines lines) throws IOException {
        String line;
        while ((line = lines.next()) != null && line.isBlank()) {
            // skip blank lines: they carry no entry
        }
        return line;
    }
}
