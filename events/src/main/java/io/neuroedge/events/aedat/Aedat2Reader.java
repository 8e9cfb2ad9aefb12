package io.neuroedge.events.aedat;

import io.neuroedge.events.ChunkedDecoder;
import io.neuroedge.events.EventFormat;
import io.neuroedge.events.EventFormatException;
import io.neuroedge.events.EventFormats;
import io.neuroedge.events.RecordingSummary;
import io.neuroedge.events.StreamingEventFileReader;
import io.neuroedge.runtime.input.EventSink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads jAER AEDAT 2.0 files: a {@code #} text header ({@link AedatTextHeader}), then 8-byte
 * big-endian events {@code int32 address, int32 timestamp} (1 µs ticks).
 *
 * <p>The address layout comes from the {@code # AEChip:} line ({@link Aedat2Chip}):
 * <ul>
 * <li>DVS128: bits 31..16 must be 0; bit 15 marks an external/special event (skipped); y in
 *     bits 14..8, x in bits 7..1, polarity in bit 0.</li>
 * <li>DAVIS: bit 31 set marks an APS or IMU sample (skipped); bit 10 an external-input event
 *     (skipped); y in bits 30..22, x in bits 21..12, polarity in bit 11.</li>
 * </ul>
 * Raw fields are mapped by an {@link Aedat2Mapping}, by default the chip's jAER mapping.
 *
 * <p>Timestamps are read as unsigned 32-bit and unwrapped: a step back of more than 2^31 µs
 * means the counter wrapped and adds 2^32 to all later timestamps. Smaller steps back (jAER's
 * timestamp resets and slightly unordered old files) are delivered as they are.
 *
 * <p>Errors ({@link EventFormatException}, events before it already delivered): a header line
 * that is not text or ends the file inside a line, a file that ends inside the jAER preferences
 * block (a truncated header), a missing or unknown {@code AEChip} (unless a chip is given), a
 * DVS128 address with bits above 15 set or a DVS coordinate outside the sensor (garbage rather
 * than events), and a partial final event. Skipped special, APS and IMU events are counted in
 * {@link RecordingSummary#skippedWords()}. Streams 64 KiB chunks; allocates nothing per event. A
 * reader has no state and may be shared between threads.
 */
public final class Aedat2Reader extends StreamingEventFileReader {

    private static final int EVENT_BYTES = 8;

    private final Aedat2Chip chip;
    private final Aedat2Mapping mapping;

    /** A reader that takes the chip from the header and applies jAER's mapping. */
    public Aedat2Reader() {
        this(null, null);
    }

    /**
     * @param chip    the address layout, or null to take it from the {@code # AEChip:} line
     * @param mapping the raw-field mapping, or null for the chip's jAER mapping
     */
    public Aedat2Reader(Aedat2Chip chip, Aedat2Mapping mapping) {
        this.chip = chip;
        this.mapping = mapping;
    }

    /**
     * Streams all DVS events of {@code in} (header included) into {@code sink}; the stream is
     * read to its end and not closed.
     *
     * @param source name of the stream for error messages, e.g. the file path
     */
    @Override
    public RecordingSummary read(InputStream in, String source, EventSink sink)
            throws IOException {
        ByteSource bytes = new ByteSource(in, source);
        AedatTextHeader header = AedatTextHeader.read(bytes, false);
        Aedat2Chip layout = checkHeader(header, bytes);
        Decoder decoder = new Decoder(source, sink, layout,
                mapping != null ? mapping : layout.jaerMapping());
        decoder.run(bytes, header.dataOffset(), EVENT_BYTES, "8-byte event");
        return decoder.summary(EventFormat.AEDAT, header.toRecordingHeader());
    }

    /**
     * Reads and checks only the header of {@code file}, so that {@link EventFormats#open} can
     * refuse a file whose events could not be decoded at all.
     */
    void checkHeader(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            ByteSource bytes = new ByteSource(in, file.toString());
            checkHeader(AedatTextHeader.read(bytes, false), bytes);
        }
    }

    /** Checks the version line and truncation; returns the address layout to use. */
    private Aedat2Chip checkHeader(AedatTextHeader header, ByteSource bytes) throws IOException {
        String source = bytes.source();
        if (!header.lines().isEmpty() && !header.lines().get(0).key().equals("!AER-DAT2.0")) {
            throw new EventFormatException(source, 0, "first line is '#"
                    + header.lines().get(0).key() + "', not #!AER-DAT2.0");
        }
        if (header.endsInsidePreferences() && !bytes.hasMore()) {
            throw new EventFormatException(source, header.dataOffset(), "file ends inside the "
                    + "header's preferences block: the header is truncated and holds no events");
        }
        return chip != null ? chip : chipOf(header, source);
    }

    private static Aedat2Chip chipOf(AedatTextHeader header, String source)
            throws EventFormatException {
        Optional<String> name = header.value("AEChip");
        if (name.isEmpty()) {
            throw new EventFormatException(source, header.dataOffset(), "header has no "
                    + "'# AEChip:' line, so the address layout is unknown");
        }
        Aedat2Chip chip = Aedat2Chip.ofClassName(name.get());
        if (chip == null) {
            throw new EventFormatException(source, header.dataOffset(), "AEChip '" + name.get()
                    + "' has no known address layout (DVS128, DAVIS240 and DAVIS346 do)");
        }
        return chip;
    }

    /** Decoder state of one read; survives chunk boundaries. */
    private static final class Decoder extends ChunkedDecoder {
        private static final long WRAP = 1L << 32;

        private final boolean davis;
        private final int width;
        private final int height;
        private final Aedat2Mapping mapping;
        private final int polarityFlip;
        private long previousRaw = -1;
        private long wrapBase;

        Decoder(String source, EventSink sink, Aedat2Chip chip, Aedat2Mapping mapping) {
            super(source, sink, chip.width(), chip.height());
            this.davis = chip.davisLayout();
            this.width = chip.width();
            this.height = chip.height();
            this.mapping = mapping;
            this.polarityFlip = mapping.rawPolarityZeroIsOn() ? 1 : 0;
        }

        @Override
        protected void decode(byte[] buf, int length, long bufStart) throws EventFormatException {
            for (int i = 0; i < length; i += EVENT_BYTES) {
                int address = Bytes.intBE(buf, i);
                long time = unwrap(Bytes.intBE(buf, i + 4) & 0xFFFF_FFFFL);
                int x;
                int y;
                int p;
                if (davis) {
                    if (address < 0 || (address & 0x400) != 0) {
                        skippedWords++;   // APS / IMU sample or external input
                        continue;
                    }
                    y = address >>> 22 & 0x1FF;
                    x = address >>> 12 & 0x3FF;
                    p = address >>> 11 & 1;
                } else {
                    if ((address & 0xFFFF_0000) != 0) {
                        throw new EventFormatException(source, bufStart + i, String.format(
                                "address 0x%08X has bits above 15 set: not a DVS128 event",
                                address));
                    }
                    if ((address & 0x8000) != 0) {
                        skippedWords++;   // external / special event
                        continue;
                    }
                    y = address >>> 8 & 0x7F;
                    x = address >>> 1 & 0x7F;
                    p = address & 1;
                }
                if (x >= width || y >= height) {
                    throw new EventFormatException(source, bufStart + i, "raw x = " + x
                            + ", y = " + y + " is outside the " + width + " x " + height
                            + " sensor");
                }
                emit(mapping.mirrorX() ? width - 1 - x : x,
                        mapping.mirrorY() ? height - 1 - y : y,
                        p ^ polarityFlip, time, bufStart + i);
            }
        }

        /** Extends a raw 32-bit timestamp; only a step back of over 2^31 counts as a wrap. */
        private long unwrap(long raw) {
            if (previousRaw >= 0 && previousRaw - raw > WRAP / 2) {
                wrapBase += WRAP;
            }
            previousRaw = raw;
            return wrapBase + raw;
        }
    }
}
