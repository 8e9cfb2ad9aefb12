package io.neuroedge.events;

import io.neuroedge.events.aedat.AedatVersions;
import io.neuroedge.events.nmnist.NMnistReader;
import io.neuroedge.events.prophesee.DatReader;
import io.neuroedge.events.prophesee.Evt2Reader;
import io.neuroedge.events.prophesee.Evt3Reader;
import io.neuroedge.runtime.input.EventSink;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Recognises an event file's format from its content (not its name) and opens a reader for it.
 *
 * <p>Rules, in order: a first line {@code #!AER-DAT} is {@link EventFormat#AEDAT}; a
 * {@code % } header naming EVT 3.0 / 2.0 is {@link EventFormat#EVT3} / {@link EventFormat#EVT2};
 * a {@code % } header naming no encoding, followed by a DAT type byte (0x00, 0x0C, 0x0E) and size
 * byte 0x08, is {@link EventFormat#DAT}. N-MNIST has no header, so it is chosen only by
 * exclusion: a file not starting with {@code %} or {@code #}, whose length is a non-zero multiple
 * of 5 and whose first events (up to {@value #NMNIST_PROBE_EVENTS}) have y at most 240 and
 * non-decreasing timestamps. Everything else is {@link EventFormat#UNKNOWN}.
 */
public final class EventFormats {

    /** How many leading N-MNIST events must look valid. */
    static final int NMNIST_PROBE_EVENTS = 64;
    private static final int PROBE_BYTES = 64 * 1024;

    private EventFormats() {
    }

    /** The format of {@code file}, judged from its first 64 KiB and its length. */
    public static EventFormat detect(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(PROBE_BYTES);
        }
        long length = Files.size(file);
        if (startsWith(head, "#!AER-DAT")) {
            return EventFormat.AEDAT;
        }
        if (startsWith(head, "% ")) {
            return detectPropheseeHeader(head, file.toString());
        }
        if (head.length > 0 && head[0] != '#' && head[0] != '%' && looksLikeNMnist(head, length)) {
            return EventFormat.NMNIST;
        }
        return EventFormat.UNKNOWN;
    }

    /**
     * A reader for the format {@link #detect} finds in {@code file}.
     *
     * @throws EventFormatException if the format is unknown, or an AEDAT version without a reader
     *                              (only 2.0, 3.1 and 4.0 have one; see {@link AedatVersions})
     */
    public static EventFileReader open(Path file) throws IOException {
        EventFormat format = detect(file);
        return switch (format) {
            case EVT3 -> new Evt3Reader();
            case EVT2 -> new Evt2Reader();
            case DAT -> new DatReader();
            case NMNIST -> EventFormats::readNMnist;
            case AEDAT -> AedatVersions.reader(file);
            case UNKNOWN -> throw new EventFormatException(file.toString(), 0,
                    "no event reader for this file (detected " + format + ")");
        };
    }

    private static EventFormat detectPropheseeHeader(byte[] head, String source) {
        PushbackInputStream in = new PushbackInputStream(new ByteArrayInputStream(head), 2);
        RecordingHeader header;
        try {
            header = RecordingHeader.read(in, source);
        } catch (IOException e) {
            // a malformed header is simply not a format we recognise
            return EventFormat.UNKNOWN;
        }
        Optional<String> encoding = header.encoding();
        if (encoding.isPresent()) {
            return switch (encoding.get()) {
                case "EVT3" -> EventFormat.EVT3;
                case "EVT2" -> EventFormat.EVT2;
                default -> EventFormat.UNKNOWN;
            };
        }
        int at = (int) header.dataOffset();
        if (at + 2 <= head.length) {
            int type = head[at] & 0xFF;
            boolean datType = type == 0x00 || type == 0x0C || type == 0x0E;
            if (datType && head[at + 1] == DatReader.RECORD_BYTES) {
                return EventFormat.DAT;
            }
        }
        return EventFormat.UNKNOWN;
    }

    private static boolean looksLikeNMnist(byte[] head, long length) {
        if (length == 0 || length % NMnistReader.BYTES_PER_EVENT != 0) {
            return false;
        }
        int events = Math.min(NMNIST_PROBE_EVENTS, head.length / NMnistReader.BYTES_PER_EVENT);
        long previous = -1;
        for (int e = 0; e < events; e++) {
            int i = e * NMnistReader.BYTES_PER_EVENT;
            int y = head[i + 1] & 0xFF;
            if (y > NMnistReader.OVERFLOW_MARKER_Y) {
                return false;
            }
            if (y == NMnistReader.OVERFLOW_MARKER_Y) {
                continue;
            }
            long t = ((head[i + 2] & 0x7F) << 16) | ((head[i + 3] & 0xFF) << 8)
                    | (head[i + 4] & 0xFF);
            if (t < previous) {
                return false;
            }
            previous = t;
        }
        return true;
    }

    private static boolean startsWith(byte[] head, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        if (head.length < p.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (head[i] != p[i]) {
                return false;
            }
        }
        return true;
    }

    /** N-MNIST through {@link NMnistReader} (bounds 256 x 256, so N-Caltech101 reads too). */
    private static RecordingSummary readNMnist(Path file, EventSink sink) throws IOException {
        Tally tally = new Tally(sink);
        NMnistReader.Summary summary = NMnistReader.withoutSensorBounds().read(file, tally);
        return new RecordingSummary(EventFormat.NMNIST, RecordingHeader.EMPTY, summary.events(),
                tally.on, summary.overflowMarkers(), 0, tally.first, tally.last, 0, 0);
    }

    /** Passes events on while counting what {@link RecordingSummary} needs. */
    private static final class Tally implements EventSink {
        private final EventSink next;
        long on;
        long first = -1;
        long last = -1;

        Tally(EventSink next) {
            this.next = next;
        }

        @Override
        public void event(int x, int y, int polarity, long timeUs) {
            if (first < 0) {
                first = timeUs;
            }
            last = timeUs;
            on += polarity;
            next.event(x, y, polarity, timeUs);
        }
    }
}
