package io.neuroedge.events;

import io.neuroedge.events.nmnist.NMnistReader;
import io.neuroedge.events.nmnist.NMnistWriter;
import io.neuroedge.events.prophesee.Evt2Reader;
import io.neuroedge.events.prophesee.Evt3Reader;
import io.neuroedge.events.prophesee.Evt3Writer;
import io.neuroedge.runtime.testing.SharedTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.neuroedge.events.EventAssertions.assertSameEvents;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real recordings written by the writers and read back by the existing readers. */
class EventWriterRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void nmnistRecordingRoundTripsByteForByte() throws IOException {
        Path source = SharedTestData.resolve("dvs/nmnist/train/1.bs2");
        NMnistReader reader = new NMnistReader();
        EventArray original = reader.readAll(source);
        Path out = dir.resolve("1.bs2");

        EventFileWriter.WriteSummary summary = new NMnistWriter().write(original, 34, 34, out);

        assertEquals(4681, summary.events());
        assertEquals(0, summary.timeOriginUs());
        assertSameEvents(original, reader.readAll(out), 0);
        assertEquals(EventFormat.NMNIST, EventFormats.detect(out));
        // the source has no overflow markers, so the encoding is the same byte for byte
        assertEquals(0, reader.read(source, (x, y, p, t) -> { }).overflowMarkers());
        assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(out));
    }

    @Test
    void evt3RecordingRoundTripsWithAbsoluteTimes() throws IOException {
        Path source = SharedTestData.resolve("dvs/prophesee/evt3_gen41_pedestrians_cut.raw");
        EventArray original = new Evt3Reader().readAll(source);
        Path out = dir.resolve("pedestrians.raw");

        EventFileWriter.WriteSummary summary = new Evt3Writer().write(original, 1280, 720, out);

        assertEquals(5000, summary.events());
        assertEquals(0, summary.timeOriginUs());
        assertEquals(5840504, original.timeUs(0));
        RecordingSummary back = new Evt3Reader().read(out, new EventArray());
        assertEquals(1280, back.sensorWidth());
        assertEquals(720, back.sensorHeight());
        assertEquals(0, back.skippedWords());
        assertSameEvents(original, new Evt3Reader().readAll(out), 0);
        assertEquals(EventFormat.EVT3, EventFormats.detect(out));
    }

    @Test
    void evt2RecordingConvertsToEvt3() throws IOException {
        Path source = SharedTestData.resolve("dvs/prophesee/evt2_gen3_sparklers_cut.raw");
        EventArray original = new Evt2Reader().readAll(source);
        RecordingSummary info = new Evt2Reader().read(source, (x, y, p, t) -> { });
        Path out = dir.resolve("sparklers.raw");

        EventFileWriter.WriteSummary summary =
                new Evt3Writer().write(original, info.sensorWidth(), info.sensorHeight(), out);

        assertTrue(original.size() > 0);
        assertEquals(Evt3Writer.timeOrigin(original.timeUs(0)), summary.timeOriginUs());
        assertSameEvents(original, new Evt3Reader().readAll(out), summary.timeOriginUs());
    }

    @Test
    void aedat4RecordingConvertsToEvt3WithTimesRelativeToItsEpochPeriod() throws IOException {
        Path source = SharedTestData.resolve("dvs/aedat4/davis346_aestream.aedat4");
        EventArray original = EventFormats.open(source).readAll(source);
        Path out = dir.resolve("davis.raw");

        EventFileWriter.WriteSummary summary = new Evt3Writer().write(original, 346, 260, out);

        // absolute Unix microseconds (~1.6e15) do not fit: whole 2^24 us periods are dropped
        long origin = summary.timeOriginUs();
        assertEquals(1633953690975950L, original.timeUs(0));
        assertEquals(0, origin % (1L << 24));
        assertTrue(original.timeUs(0) - origin < 1L << 24);
        EventArray back = new Evt3Reader().readAll(out);
        assertSameEvents(original, back, origin);
        assertEquals(original.timeUs(original.size() - 1) - original.timeUs(0),
                back.timeUs(back.size() - 1) - back.timeUs(0));
    }
}
