package io.neuroedge.host.spikes;

import io.neuroedge.events.csv.CsvFormatException;
import io.neuroedge.events.csv.CsvLines;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads input spikes for {@code neuroedge run --input-spikes FILE.csv [--columns SPEC]}: one row
 * per time step, one column per input neuron, UTF-8.
 *
 * <ul>
 *   <li>Values are non-negative whole numbers of spikes: {@code 0}, {@code 1}, {@code 3}, or
 *       floats that are exactly whole ({@code 1.0}, {@code 2e0}). {@code 0.5}, negative values,
 *       empty cells and text are errors naming the line, step and column. Counts above
 *       {@link SpikeTrain#MAX_COUNT} are clipped and counted in
 *       {@link SpikeTrain#saturatedCount()}.</li>
 *   <li>The first row is a header if any of its non-empty cells is not a decimal number.</li>
 *   <li>Every row must have as many cells as the first. Only the selected columns are
 *       parsed, so unselected columns may hold anything (e.g. membrane voltages).</li>
 *   <li>Blank lines may only come at the end.</li>
 * </ul>
 *
 * Column selection follows {@link ColumnSpec}; a bad selection throws
 * {@link IllegalArgumentException}, a bad file {@link CsvFormatException}.
 */
public final class SpikeCsv {

    /** A plain decimal number: what a data cell may look like (NaN and hex are not). */
    private static final Pattern NUMBER =
            Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private SpikeCsv() {
    }

    /**
     * Reads {@code csv}, keeping the columns chosen by {@code columns} ({@code null} or blank:
     * all).
     */
    public static SpikeTrain read(Path csv, String columns) throws IOException {
        return read(csv, ColumnSpec.parse(columns)); // a bad spec fails before opening the file
    }

    /** Reads {@code csv}, keeping the columns chosen by {@code columns}. */
    public static SpikeTrain read(Path csv, ColumnSpec columns) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return read(reader, csv.toString(), columns);
        }
    }

    /**
     * Reads spike counts from {@code reader} (not closed).
     *
     * @param source name of the input for error messages, e.g. the file path
     */
    public static SpikeTrain read(Reader reader, String source, ColumnSpec columns)
            throws IOException {
        CsvLines lines = new CsvLines(reader, source);
        String line = lines.next();
        if (line == null || line.isBlank()) {
            throw new CsvFormatException(source, 1, null,
                    "no data: the first line must be a header or the first time step");
        }
        List<String> first = lines.split(line);
        List<String> header = isHeader(first) ? first : null;
        int[] selected;
        try {
            selected = columns.resolve(header, first.size());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
        Table table = new Table(source, first.size(), selected, header);
        if (header == null) {
            table.addRow(first, 1);
        }
        long blankLine = 0;
        while ((line = lines.next()) != null) {
            if (line.isBlank()) {
                blankLine = blankLine == 0 ? lines.lineNumber() : blankLine;
            } else if (blankLine != 0) {
                throw new CsvFormatException(source, blankLine, null,
                        "blank line inside the data; every line must be a time step");
            } else {
                table.addRow(lines.split(line), lines.lineNumber());
            }
        }
        return table.toSpikeTrain();
    }

    private static boolean isHeader(List<String> cells) {
        for (String cell : cells) {
            if (!cell.isEmpty() && !NUMBER.matcher(cell).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Row-major byte storage that grows as rows are read and checks each row. */
    private static final class Table {
        private static final int MAX_CELLS = Integer.MAX_VALUE - 8;

        private final String source;
        private final int width;
        private final int[] selected;
        private final List<String> header;
        private byte[] counts = new byte[1024];
        private int size;
        private int steps;
        private long saturated;

        Table(String source, int width, int[] selected, List<String> header) {
            this.source = source;
            this.width = width;
            this.selected = selected;
            this.header = header;
        }

        void addRow(List<String> row, long line) throws CsvFormatException {
            if (row.size() != width) {
                throw new CsvFormatException(source, line, null, "step " + steps + ": expected "
                        + width + " cells like the first row, found " + row.size());
            }
            if (counts.length - size < selected.length) {
                grow(line);
            }
            for (int column : selected) {
                long count = parseCount(row.get(column), line, column);
                if (count > SpikeTrain.MAX_COUNT) {
                    saturated++;
                    count = SpikeTrain.MAX_COUNT;
                }
                counts[size++] = (byte) count;
            }
            steps++;
        }

        SpikeTrain toSpikeTrain() {
            return new SpikeTrain(Arrays.copyOf(counts, size), steps, selected, header, saturated);
        }

        private void grow(long line) throws CsvFormatException {
            long wanted = Math.max(2L * counts.length, (long) size + selected.length);
            if ((long) size + selected.length > MAX_CELLS) {
                throw new CsvFormatException(source, line, null, "too many time steps: the table "
                        + "would exceed " + MAX_CELLS + " cells");
            }
            counts = Arrays.copyOf(counts, (int) Math.min(wanted, MAX_CELLS));
        }

        /** Parses one selected cell as a spike count (not yet saturated). */
        private long parseCount(String cell, long line, int column) throws CsvFormatException {
            int small = smallInteger(cell);
            if (small >= 0) { // the common case: 0, 1, 2
                return small;
            }
            String problem;
            if (cell.isEmpty()) {
                problem = "empty cell";
            } else if (!NUMBER.matcher(cell).matches()) {
                problem = "'" + cell + "' is not a number";
            } else {
                double value = Double.parseDouble(cell);
                if (value < 0) {
                    problem = "value " + cell + " is negative";
                } else if (value != Math.rint(value)) {
                    problem = "value " + cell + " is not a whole number of spikes";
                } else {
                    return value >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) value;
                }
            }
            String name = header == null ? String.valueOf(column)
                    : column + " ('" + header.get(column) + "')";
            throw new CsvFormatException(source, line, name, "step " + steps + ": " + problem
                    + "; spike counts must be whole numbers >= 0");
        }

        /** The value of a cell of 1 to 9 plain digits, or -1 if it is anything else. */
        private static int smallInteger(String cell) {
            int n = cell.length();
            if (n == 0 || n > 9) {
                return -1;
            }
            int value = 0;
            for (int i = 0; i < n; i++) {
                int digit = cell.charAt(i) - '0';
                if (digit < 0 || digit > 9) {
                    return -1;
                }
                value = value * 10 + digit;
            }
            return value;
        }
    }
}
