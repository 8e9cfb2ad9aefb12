package io.neuroedge.host.spikes;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column selection such as {@code --columns 0,2,5}, {@code 1-3} or {@code in0,in1}: a
 * comma-separated list whose items are 0-based column indices, inclusive index ranges
 * {@code a-b}, or header names. Selected columns keep the order of the list. A malformed or
 * unresolvable selection throws {@link IllegalArgumentException} naming the offending item.
 */
public final class ColumnSpec {

    private static final Pattern INDEX = Pattern.compile("\\d+");
    private static final Pattern NEGATIVE = Pattern.compile("-\\d+");
    private static final Pattern RANGE = Pattern.compile("(\\d+)\\s*-\\s*(\\d+)");
    /** Digits and dashes that form neither an index nor a range, e.g. {@code 1-}, {@code 1-2-3}. */
    private static final Pattern BROKEN_RANGE = Pattern.compile("[\\d\\s-]+");

    /** The items as written; empty means all columns. */
    private final List<String> items;
    private final String text;

    private ColumnSpec(List<String> items, String text) {
        this.items = items;
        this.text = text;
    }

    /** Selects every column, in file order. */
    public static ColumnSpec all() {
        return new ColumnSpec(List.of(), "");
    }

    /**
     * Parses a selection; {@code null} or blank selects all columns.
     *
     * @throws IllegalArgumentException if an item is empty, a negative or too large index, or a
     *                                  malformed or backwards range
     */
    public static ColumnSpec parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return all();
        }
        List<String> items = new ArrayList<>();
        for (String raw : spec.split(",", -1)) {
            String item = raw.strip();
            if (item.isEmpty()) {
                throw new IllegalArgumentException(
                        "column selection '" + spec + "': empty item (two commas in a row?)");
            }
            if (NEGATIVE.matcher(item).matches()) {
                throw new IllegalArgumentException("column selection '" + spec + "': index '"
                        + item + "' is negative; columns are numbered from 0");
            }
            Matcher range = RANGE.matcher(item);
            if (!range.matches() && !INDEX.matcher(item).matches()
                    && BROKEN_RANGE.matcher(item).matches()) {
                throw new IllegalArgumentException("column selection '" + spec + "': '" + item
                        + "' is neither an index (e.g. 2) nor a range (e.g. 1-3)");
            }
            if (INDEX.matcher(item).matches()) {
                parseIndex(item, spec); // rejects indices beyond int range now, not at resolve
            }
            if (range.matches() && parseIndex(range.group(1), spec)
                    > parseIndex(range.group(2), spec)) {
                throw new IllegalArgumentException("column selection '" + spec + "': range '"
                        + item + "' runs backwards; write the lower index first");
            }
            items.add(item);
        }
        return new ColumnSpec(List.copyOf(items), spec.strip());
    }

    /**
     * The selected 0-based column indices for a table.
     *
     * @param header      the header names, or {@code null} if the table has no header row
     * @param columnCount number of columns in the table
     * @throws IllegalArgumentException if an index is out of range, a name is not in the header
     *                                  (or there is no header), or a column is selected twice
     */
    public int[] resolve(List<String> header, int columnCount) {
        if (items.isEmpty()) {
            int[] all = new int[columnCount];
            for (int i = 0; i < columnCount; i++) {
                all[i] = i;
            }
            return all;
        }
        List<Integer> selected = new ArrayList<>();
        BitSet seen = new BitSet(columnCount);
        for (String item : items) {
            Matcher range = RANGE.matcher(item);
            if (INDEX.matcher(item).matches()) {
                add(selected, seen, checkIndex(parseIndex(item, text), item, columnCount), item);
            } else if (range.matches()) {
                int from = checkIndex(parseIndex(range.group(1), text), item, columnCount);
                int to = checkIndex(parseIndex(range.group(2), text), item, columnCount);
                for (int c = from; c <= to; c++) {
                    add(selected, seen, c, item);
                }
            } else {
                add(selected, seen, findName(item, header), item);
            }
        }
        return selected.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public String toString() {
        return items.isEmpty() ? "all columns" : text;
    }

    private void add(List<Integer> selected, BitSet seen, int column, String item) {
        if (seen.get(column)) {
            throw new IllegalArgumentException("column selection '" + text + "': item '" + item
                    + "' selects column " + column + " a second time");
        }
        seen.set(column);
        selected.add(column);
    }

    private int checkIndex(int index, String item, int columnCount) {
        if (index >= columnCount) {
            throw new IllegalArgumentException("column selection '" + text + "': item '" + item
                    + "': column " + index + " does not exist; the table has " + columnCount
                    + " column(s), indices 0-" + (columnCount - 1));
        }
        return index;
    }

    private int findName(String name, List<String> header) {
        if (header == null) {
            throw new IllegalArgumentException("column selection '" + text + "': '" + name
                    + "' is a column name, but the table has no header row; use 0-based indices");
        }
        int found = header.indexOf(name);
        if (found < 0) {
            throw new IllegalArgumentException("column selection '" + text + "': no column named '"
                    + name + "'; the header has " + header);
        }
        return found;
    }

    private static int parseIndex(String digits, String spec) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "column selection '" + spec + "': index " + digits + " is too large");
        }
    }
}
