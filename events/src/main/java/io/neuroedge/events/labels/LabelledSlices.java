package io.neuroedge.events.labels;

import io.neuroedge.events.EventArray;
import io.neuroedge.runtime.input.EventSink;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The labelled windows of one DVS128 Gesture trial, read from its {@code *_labels.csv}
 * ({@code class,startTime_usec,endTime_usec}), and the means to cut a recording into them. A window
 * covers {@code startUs <= t < endUs} (half-open, so an event on a shared boundary belongs to one
 * window only). Windows must not overlap; rows may come in any order and are kept sorted by start.
 * Events outside every window (the pauses between gestures) are not part of any slice.
 *
 * <p>Immutable and thread-safe; each {@link Router} is not thread-safe.
 */
public final class LabelledSlices {

    /** The exact header row of a DVS Gesture label file. */
    public static final String HEADER = "class,startTime_usec,endTime_usec";
    /** Lowest and highest DVS Gesture class (1 hand clapping ... 11 other gestures). */
    public static final int MIN_CLASS = 1;
    public static final int MAX_CLASS = 11;

    private static final String[] COLUMNS = HEADER.split(",");

    /** One labelled window; {@code line} is its row in the CSV, for messages. */
    public record Window(int classId, long startUs, long endUs, int line) {

        /** Whether {@code timeUs} lies in {@code [startUs, endUs)}. */
        public boolean contains(long timeUs) {
            return timeUs >= startUs && timeUs < endUs;
        }
    }

    private final List<Window> windows;
    private final long[] starts;

    private LabelledSlices(List<Window> sorted) {
        this.windows = List.copyOf(sorted);
        this.starts = new long[sorted.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = sorted.get(i).startUs();
        }
    }

    /** Reads a label CSV file (UTF-8). */
    public static LabelledSlices read(Path csv) throws IOException {
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return parse(in, csv.toString());
        }
    }

    /**
     * Parses label CSV text. Blank lines are skipped, fields may carry surrounding spaces, and a
     * UTF-8 byte-order mark before the header is tolerated.
     *
     * @param source name of the input, used in error messages
     * @throws LabelCsvException naming line and column for a missing or wrong header, a wrong
     *                           field count, a non-integer or out-of-range value, an empty or
     *                           negative window, or two overlapping windows
     */
    public static LabelledSlices parse(Reader in, String source) throws IOException {
        BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
        String header = lines.readLine();
        if (header == null) {
            throw new LabelCsvException(source, 1, 0, "empty file, expected header '" + HEADER + "'");
        }
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        if (!header.strip().equals(HEADER)) {
            throw new LabelCsvException(source, 1, 0, "expected header '" + HEADER + "' but found '" + header + "'");
        }
        List<Window> windows = new ArrayList<>();
        int lineNumber = 1;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNumber++;
            if (!line.isBlank()) {
                windows.add(row(line, lineNumber, source));
            }
        }
        windows.sort(Comparator.comparingLong(Window::startUs));
        for (int i = 1; i < windows.size(); i++) {
            Window before = windows.get(i - 1);
            Window after = windows.get(i);
            if (after.startUs() < before.endUs()) {
                Window later = after.line() > before.line() ? after : before;
                Window other = later == after ? before : after;
                throw new LabelCsvException(source, later.line(), 0, "window [" + later.startUs() + ", "
                        + later.endUs() + ") overlaps window [" + other.startUs() + ", " + other.endUs()
                        + ") on line " + other.line());
            }
        }
        return new LabelledSlices(windows);
    }

    private static Window row(String line, int lineNumber, String source) throws LabelCsvException {
        String[] fields = line.split(",", -1);
        if (fields.length != COLUMNS.length) {
            throw new LabelCsvException(source, lineNumber, 0,
                    "expected " + COLUMNS.length + " fields (" + HEADER + ") but found " + fields.length);
        }
        long classId = number(fields, 0, lineNumber, source);
        long start = number(fields, 1, lineNumber, source);
        long end = number(fields, 2, lineNumber, source);
        if (classId < MIN_CLASS || classId > MAX_CLASS) {
            throw new LabelCsvException(source, lineNumber, 1,
                    "class " + classId + " is outside " + MIN_CLASS + ".." + MAX_CLASS);
        }
        if (start < 0) {
            throw new LabelCsvException(source, lineNumber, 2, "negative start time " + start);
        }
        if (end <= start) {
            throw new LabelCsvException(source, lineNumber, 3,
                    "end time " + end + " is not after start time " + start);
        }
        return new Window((int) classId, start, end, lineNumber);
    }

    private static long number(String[] fields, int index, int lineNumber, String source)
            throws LabelCsvException {
        String text = fields[index].strip();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new LabelCsvException(source, lineNumber, index + 1,
                    COLUMNS[index] + " is not an integer: '" + text + "'");
        }
    }

    /** The windows, sorted by start time. */
    public List<Window> windows() {
        return windows;
    }

    /** Index of the window containing {@code timeUs}, or -1 if it lies in none. */
    public int windowIndex(long timeUs) {
        // Last window starting at or before timeUs; windows do not overlap, so only it can match.
        int lo = 0;
        int hi = starts.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] <= timeUs) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found >= 0 && windows.get(found).contains(timeUs) ? found : -1;
    }

    /**
     * A sink that routes each event to the sink of the window containing it, one sink per window
     * in {@link #windows()} order; events in no window are counted and dropped. Allocation-free
     * per event; events need not be time-ordered.
     */
    public Router router(List<? extends EventSink> sinks) {
        if (sinks.size() != windows.size()) {
            throw new IllegalArgumentException(sinks.size() + " sinks for " + windows.size() + " windows");
        }
        return new Router(sinks.toArray(EventSink[]::new));
    }

    /** Copies the events of each window out of {@code events}, one slice per window, in order. */
    public List<LabelledEvents> slice(EventArray events) {
        List<EventArray> arrays = new ArrayList<>(windows.size());
        for (int i = 0; i < windows.size(); i++) {
            arrays.add(new EventArray());
        }
        events.replay(router(arrays));
        List<LabelledEvents> slices = new ArrayList<>(windows.size());
        for (int i = 0; i < windows.size(); i++) {
            slices.add(new LabelledEvents(windows.get(i), arrays.get(i)));
        }
        return slices;
    }

    /** Routes events to per-window sinks; see {@link #router(List)}. Not thread-safe. */
    public final class Router implements EventSink {

        private final EventSink[] sinks;
        private long routed;
        private long unlabelled;

        private Router(EventSink[] sinks) {
            for (EventSink sink : sinks) {
                Objects.requireNonNull(sink, "sink");
            }
            this.sinks = sinks;
        }

        @Override
        public void event(int x, int y, int polarity, long timeUs) {
            int index = windowIndex(timeUs);
            if (index < 0) {
                unlabelled++;
                return;
            }
            routed++;
            sinks[index].event(x, y, polarity, timeUs);
        }

        /** Events handed to a window's sink. */
        public long routed() {
            return routed;
        }

        /** Events that fell in no window. */
        public long unlabelled() {
            return unlabelled;
        }
    }
}
