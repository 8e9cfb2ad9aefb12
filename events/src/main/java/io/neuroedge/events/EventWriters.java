package io.neuroedge.events;

import io.neuroedge.events.aedat.Aedat4Writer;
import io.neuroedge.events.nmnist.NMnistWriter;
import io.neuroedge.events.prophesee.Evt3Writer;
import java.nio.file.Path;
import java.util.Locale;

/** Picks an {@link EventFileWriter} by format name or by the output file's extension. */
public final class EventWriters {

    /** Format names {@link #forName} accepts. */
    public static final String NAMES = "nmnist, evt3, aedat4";

    private EventWriters() {
    }

    /**
     * The writer for {@code name}: {@code nmnist}, {@code evt3} or {@code aedat4} (LZ4-compressed, as DV
     * records; case-insensitive).
     *
     * @throws IllegalArgumentException for any other name
     */
    public static EventFileWriter forName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "nmnist" -> new NMnistWriter();
            case "evt3" -> new Evt3Writer();
            case "aedat4" -> new Aedat4Writer();
            default -> throw new IllegalArgumentException("cannot write event format '" + name
                    + "'; writable formats: " + NAMES);
        };
    }

    /**
     * The writer for {@code file}'s extension: {@code .bin} / {@code .bs2} = N-MNIST,
     * {@code .raw} = EVT 3.0, {@code .aedat4} = AEDAT 4.0.
     *
     * @throws IllegalArgumentException for any other extension
     */
    public static EventFileWriter forFile(Path file) {
        return forName(formatOf(file));
    }

    /** The format name {@link #forFile} would pick for {@code file}. */
    public static String formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".bin") || name.endsWith(".bs2")) {
            return "nmnist";
        }
        if (name.endsWith(".raw")) {
            return "evt3";
        }
        if (name.endsWith(".aedat4")) {
            return "aedat4";
        }
        throw new IllegalArgumentException("cannot tell the output format from '"
                + file.getFileName() + "' (.bin/.bs2 = nmnist, .raw = evt3, .aedat4 = aedat4);"
                + " pass --format");
    }
}
