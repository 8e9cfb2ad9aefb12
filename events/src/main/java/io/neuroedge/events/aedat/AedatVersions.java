package io.neuroedge.events.aedat;

import io.neuroedge.events.EventFileReader;
import io.neuroedge.events.EventFormatException;
import io.neuroedge.events.EventFormats;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Chooses the AEDAT reader from a file's first line {@code #!AER-DATx.y}: 2.0 is
 * {@link Aedat2Reader}, 3.1 {@link Aedat3Reader}, 4.0 {@link Aedat4Reader}. Other versions (1.0,
 * 3.0 with its lower-left origin) have no reader. An AEDAT 2.0 header is checked when the reader is
 * chosen, so a truncated header fails in {@link EventFormats#open}.
 */
public final class AedatVersions {

    private static final String PREFIX = "#!AER-DAT";

    private AedatVersions() {
    }

    /** The version on the first line of {@code file}, e.g. {@code "4.0"}, or "" when none. */
    static String version(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(64);
        }
        String text = new String(head, StandardCharsets.ISO_8859_1);
        if (!text.startsWith(PREFIX)) {
            return "";
        }
        int end = PREFIX.length();
        while (end < text.length() && (Character.isDigit(text.charAt(end))
                || text.charAt(end) == '.')) {
            end++;
        }
        return text.substring(PREFIX.length(), end);
    }

    /** A reader for the AEDAT version of {@code file}. */
    public static EventFileReader reader(Path file) throws IOException {
        String version = version(file);
        return switch (version) {
            case "2.0" -> {
                // fail here, not mid-run, when the header alone shows there is nothing to read
                Aedat2Reader reader = new Aedat2Reader();
                reader.checkHeader(file);
                yield reader;
            }
            case "3.1" -> new Aedat3Reader();
            case "4.0" -> new Aedat4Reader();
            default -> throw new EventFormatException(file.toString(), 0,
                    "no reader for AEDAT version '" + version + "' (2.0, 3.1 and 4.0 are read)");
        };
    }
}
