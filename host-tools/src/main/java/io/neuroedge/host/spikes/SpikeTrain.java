package io.neuroedge.host.spikes;

import java.util.List;
import java.util.Objects;

/**
 * Spike counts for a run: {@link #steps()} time steps by {@link #neurons()} input neurons, one
 * byte per cell (counts are 0..{@value #MAX_COUNT}). Counts above the maximum were saturated when
 * read; {@link #saturatedCount()} says how many cells were, so the caller can warn. Immutable.
 */
public final class SpikeTrain {

    /** Largest count a cell holds; larger input counts are clipped to it. */
    public static final int MAX_COUNT = Byte.MAX_VALUE;

    private final byte[] counts; // row-major: step * neurons + neuron
    private final int steps;
    private final int[] sourceColumns;
    private final List<String> header;
    private final long saturated;

    /**
     * @param counts        row-major counts, at least {@code steps * sourceColumns.length} long;
     *                      not copied
     * @param steps         number of time steps
     * @param sourceColumns the input column each neuron was read from; not copied
     * @param header        the input's header names (all columns), or {@code null} if it had none
     * @param saturated     number of cells whose count exceeded {@link #MAX_COUNT}
     */
    SpikeTrain(byte[] counts, int steps, int[] sourceColumns, List<String> header,
            long saturated) {
        this.counts = counts;
        this.steps = steps;
        this.sourceColumns = sourceColumns;
        this.header = header == null ? null : List.copyOf(header);
        this.saturated = saturated;
    }

    /** Number of time steps (data rows). */
    public int steps() {
        return steps;
    }

    /** Number of input neurons (selected columns). */
    public int neurons() {
        return sourceColumns.length;
    }

    /** Spike count of {@code neuron} at {@code step}, 0..{@value #MAX_COUNT}. */
    public int count(int step, int neuron) {
        Objects.checkIndex(step, steps);
        Objects.checkIndex(neuron, sourceColumns.length);
        return counts[step * sourceColumns.length + neuron];
    }

    /** Copies the counts of {@code step} into {@code dest[0 .. neurons()-1]}. */
    public void copyStep(int step, int[] dest) {
        Objects.checkIndex(step, steps);
        int n = sourceColumns.length;
        Objects.checkFromIndexSize(0, n, dest.length);
        for (int i = 0, base = step * n; i < n; i++) {
            dest[i] = counts[base + i];
        }
    }

    /** Copies the counts of {@code step} into {@code dest[0 .. neurons()-1]} (the engine's input form). */
    public void copyStep(int step, byte[] dest) {
        Objects.checkIndex(step, steps);
        int n = sourceColumns.length;
        Objects.checkFromIndexSize(0, n, dest.length);
        System.arraycopy(counts, step * n, dest, 0, n);
    }

    /** Sum of all counts (after saturation). */
    public long totalCount() {
        long total = 0;
        for (int i = 0, end = steps * sourceColumns.length; i < end; i++) {
            total += counts[i];
        }
        return total;
    }

    /** Number of cells whose count was above {@link #MAX_COUNT} and was clipped to it. */
    public long saturatedCount() {
        return saturated;
    }

    /** The 0-based input column that {@code neuron} was read from. */
    public int sourceColumn(int neuron) {
        return sourceColumns[Objects.checkIndex(neuron, sourceColumns.length)];
    }

    /** The header name of {@code neuron}'s column, or its index as text if there was no header. */
    public String columnName(int neuron) {
        int column = sourceColumn(neuron);
        return header == null ? Integer.toString(column) : header.get(column);
    }
}
