package io.neuroedge.events.aedat;

import io.neuroedge.events.EventFormatException;
import io.neuroedge.events.HeaderLine;
import io.neuroedge.events.RecordingHeader;
import io.neuroedge.events.RecordingSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The {@code #} text header of an AEDAT 2.0 or 3.1 file. Lines end in LF or CR LF (the spec says
 * CR LF, jAER writes either). AEDAT 2.0 has no end marker: its header ends at the first line that
 * does not start with {@code #} (so a first event whose first byte is 0x23 would be misread; the
 * format cannot tell). AEDAT 3.1 ends with the line {@code #!END-HEADER}.
 *
 * <p>{@link #lines()} holds each line as a {@link HeaderLine}: {@code # AEChip: NAME} becomes key
 * {@code AEChip}, value {@code NAME}; a line without {@code ": "} keeps its whole text (after the
 * {@code #}) as key. jAER's Java-preferences XML block ({@code #Start of Preferences} ..
 * {@code #End of Preferences}) is consumed but not kept.
 *
 * @param lines                the header lines in file order, preferences excluded
 * @param dataOffset           file offset of the first byte after the header
 * @param endsInsidePreferences whether the header stops inside the preferences block
 */
record AedatTextHeader(List<HeaderLine> lines, long dataOffset, boolean endsInsidePreferences) {

    /** Longest accepted header line; longer means binary data, not a header. */
    static final int MAX_LINE_BYTES = 64 * 1024;
    static final String END_MARKER = "#!END-HEADER";

    AedatTextHeader {
        lines = List.copyOf(lines);
    }

    /**
     * Reads the header from the start of {@code in}, leaving it at the first data byte.
     *
     * @param untilEndMarker true for AEDAT 3.1: the header must end with {@value #END_MARKER}
     */
    static AedatTextHeader read(ByteSource in, boolean untilEndMarker) throws IOException {
        List<HeaderLine> lines = new ArrayList<>();
        byte[] line = new byte[256];
        boolean inPreferences = false;
        while (true) {
            int first = in.peek();
            if (first != '#') {
                if (untilEndMarker) {
                    throw new EventFormatException(in.source(), in.position(), first < 0
                            ? "file ends inside the header (no " + END_MARKER + " line)"
                            : "header line does not start with # before " + END_MARKER);
                }
                break;
            }
            long lineOffset = in.position();
            int length = 0;
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new EventFormatException(in.source(), lineOffset,
                            "file ends inside a header line");
                }
                if (c < 0x20 && c != '\t' && c != '\r') {
                    throw new EventFormatException(in.source(), in.position() - 1,
                            String.format("header line holds the control byte 0x%02X", c));
                }
                if (length == MAX_LINE_BYTES) {
                    throw new EventFormatException(in.source(), lineOffset,
                            "header line longer than " + MAX_LINE_BYTES + " bytes");
                }
                if (length == line.length) {
                    line = Arrays.copyOf(line, 2 * length);
                }
                line[length++] = (byte) c;
            }
            String text = new String(line, 0, length, StandardCharsets.UTF_8).stripTrailing();
            if (untilEndMarker && text.equals(END_MARKER)) {
                break;
            }
            if (text.startsWith("#Start of Preferences")) {
                inPreferences = true;
            } else if (text.startsWith("#End of Preferences")) {
                inPreferences = false;
            } else if (!inPreferences) {
                lines.add(parse(lineOffset, text.substring(1).strip()));
            }
        }
        return new AedatTextHeader(lines, in.position(), inPreferences);
    }

    /** The value of the first line with this key, if any. */
    Optional<String> value(String key) {
        return lines.stream().filter(l -> l.key().equals(key)).map(HeaderLine::value).findFirst();
    }

    /** As a {@link RecordingHeader} for {@link RecordingSummary#header()}. */
    RecordingHeader toRecordingHeader() {
        return new RecordingHeader(lines, dataOffset);
    }

    private static HeaderLine parse(long offset, String text) {
        int colon = text.indexOf(": ");
        if (colon > 0 && !text.startsWith("!")) {
            return new HeaderLine(offset, text.substring(0, colon), text.substring(colon + 2)
                    .strip());
        }
        return new HeaderLine(offset, text, "");
    }
}
