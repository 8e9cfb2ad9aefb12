package io.neuroedge.events;

import java.io.IOException;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ASCII header of a Prophesee RAW or DAT file: lines {@code % <key> <value>\n}. The header
 * ends after an optional {@code % end} line, otherwise at the first line that does not start with
 * {@code "% "}; a file without such lines has an {@link #EMPTY} header.
 *
 * <p>{@link #sensorWidth()} / {@link #sensorHeight()} come, in this order, from
 * {@code % geometry WxH}, from {@code % format EVTn;width=W;height=H}, from DAT's
 * {@code % Width} / {@code % Height}, or from the sensor generation in {@code % plugin_name}
 * (2020-era RAW files carry nothing else): gen3/gen31 = 640 x 480, gen41/imx636 = 1280 x 720,
 * genx320 = 320 x 320. They are 0 when none of these is present.
 *
 * @param lines      the header lines in file order
 * @param dataOffset byte offset of the first byte after the header
 */
public record RecordingHeader(List<HeaderLine> lines, long dataOffset) {

    /** The header of a file without {@code %} lines. */
    public static final RecordingHeader EMPTY = new RecordingHeader(List.of(), 0);

    /** Longest accepted header line; longer means binary data, not a header. */
    static final int MAX_LINE_BYTES = 4096;

    private static final Pattern GEOMETRY = Pattern.compile("(\\d{1,5})\\s*x\\s*(\\d{1,5})");
    private static final Pattern FORMAT_SIZE =
            Pattern.compile("(?i)(width|height)=(\\d{1,5})");

    public RecordingHeader {
        lines = List.copyOf(lines);
    }

    /**
     * Reads the header lines from the start of {@code in} and leaves the stream positioned at the
     * first data byte (pushing back at most 2 bytes, so {@code in} needs a pushback buffer of at
     * least 2).
     *
     * @throws EventFormatException if a header line is longer than {@value #MAX_LINE_BYTES} bytes,
     *                              holds a non-text byte, or a size line is malformed
     */
    public static RecordingHeader read(PushbackInputStream in, String source) throws IOException {
        List<HeaderLine> lines = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        long offset = 0;
        while (true) {
            int a = in.read();
            if (a < 0) {
                break;
            }
            int b = a == '%' ? in.read() : -1;
            if (b != ' ') {
                // not a header line: the data starts here
                if (b >= 0) {
                    in.unread(b);
                }
                in.unread(a);
                break;
            }
            long lineOffset = offset;
            offset += 2;
            text.setLength(0);
            int c;
            while ((c = in.read()) >= 0) {
                offset++;
                if (c == '\n') {
                    break;
                }
                if ((c < 0x20 && c != '\t' && c != '\r') || c > 0x7E) {
                    throw new EventFormatException(source, offset - 1, String.format(
                            "header line holds the non-text byte 0x%02X", c));
                }
                if (text.length() == MAX_LINE_BYTES) {
                    throw new EventFormatException(source, lineOffset,
                            "header line longer than " + MAX_LINE_BYTES + " bytes");
                }
                text.append((char) c);
            }
            String line = text.toString().strip();
            if (line.equals("end")) {
                break;
            }
            int space = line.indexOf(' ');
            lines.add(space < 0
                    ? new HeaderLine(lineOffset, line, "")
                    : new HeaderLine(lineOffset, line.substring(0, space),
                            line.substring(space + 1).strip()));
        }
        RecordingHeader header = new RecordingHeader(lines, offset);
        header.checkSize(source);
        return header;
    }

    /** The first line with this key (case-sensitive), if any. */
    public Optional<HeaderLine> line(String key) {
        return lines.stream().filter(l -> l.key().equals(key)).findFirst();
    }

    /** The value of the first line with this key, if any. */
    public Optional<String> value(String key) {
        return line(key).map(HeaderLine::value);
    }

    /**
     * The event encoding the header names, upper case without dots: {@code "EVT3"} for
     * {@code % evt 3.0} or {@code % format EVT3;...}, {@code "EVT2"}, {@code "EVT21"}; empty when
     * neither line is present (e.g. DAT files).
     */
    public Optional<String> encoding() {
        Optional<String> format = value("format");
        if (format.isPresent()) {
            String name = format.get();
            int semicolon = name.indexOf(';');
            return Optional.of(normalize(semicolon < 0 ? name : name.substring(0, semicolon)));
        }
        return value("evt").map(v -> "EVT" + normalize(v.endsWith(".0")
                ? v.substring(0, v.length() - 2) : v));
    }

    /** The line that names the encoding ({@code format} or {@code evt}), if any. */
    public Optional<HeaderLine> encodingLine() {
        return line("format").or(() -> line("evt"));
    }

    /** Sensor width in pixels, or 0 when unknown. */
    public int sensorWidth() {
        return size()[0];
    }

    /** Sensor height in pixels, or 0 when unknown. */
    public int sensorHeight() {
        return size()[1];
    }

    private static String normalize(String s) {
        return s.strip().replace(".", "").toUpperCase(Locale.ROOT);
    }

    /** Rejects size lines present but unparsable, so that a typo does not disable bounds. */
    private void checkSize(String source) throws EventFormatException {
        Optional<HeaderLine> geometry = line("geometry");
        if (geometry.isPresent() && !GEOMETRY.matcher(geometry.get().value()).matches()) {
            throw new EventFormatException(source, geometry.get().offset(),
                    "header geometry '" + geometry.get().value() + "' is not WIDTHxHEIGHT");
        }
        for (String key : new String[] {"Width", "Height"}) {
            Optional<HeaderLine> line = line(key);
            if (line.isPresent() && !line.get().value().matches("\\d{1,5}")) {
                throw new EventFormatException(source, line.get().offset(),
                        "header " + key + " '" + line.get().value() + "' is not a number");
            }
        }
    }

    private int[] size() {
        Optional<String> geometry = value("geometry");
        if (geometry.isPresent()) {
            Matcher m = GEOMETRY.matcher(geometry.get());
            if (m.matches()) {
                return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
            }
        }
        int[] fromFormat = new int[2];
        value("format").ifPresent(f -> {
            Matcher m = FORMAT_SIZE.matcher(f);
            while (m.find()) {
                fromFormat[m.group(1).equalsIgnoreCase("width") ? 0 : 1] =
                        Integer.parseInt(m.group(2));
            }
        });
        if (fromFormat[0] > 0 && fromFormat[1] > 0) {
            return fromFormat;
        }
        Optional<String> width = value("Width");
        Optional<String> height = value("Height");
        if (width.isPresent() && height.isPresent()) {
            return new int[] {Integer.parseInt(width.get()), Integer.parseInt(height.get())};
        }
        String plugin = value("plugin_name").orElse("").toLowerCase(Locale.ROOT);
        if (plugin.contains("genx320")) {
            return new int[] {320, 320};
        }
        if (plugin.contains("gen41") || plugin.contains("imx636")) {
            return new int[] {1280, 720};
        }
        if (plugin.contains("gen3")) {
            return new int[] {640, 480};
        }
        return new int[2];
    }
}
