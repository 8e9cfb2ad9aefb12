package io.neuroedge.events.prophesee;

import io.neuroedge.events.EventArray;
import io.neuroedge.events.EventFormatException;
import io.neuroedge.events.RecordingSummary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Synthetic EVT 2.0 and DAT streams for the rules the real recordings do not exercise. */
class Evt2AndDatReaderTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final EventArray events = new EventArray();

    private void int32(long v) {
        out.write((int) v);
        out.write((int) (v >>> 8));
        out.write((int) (v >>> 16));
        out.write((int) (v >>> 24));
    }

    private void evt2(int type, long payload) {
        int32((long) type << 28 | payload);
    }

    private static long cd(int ts6, int x, int y) {
        return (long) ts6 << 22 | x << 11 | y;
    }

    private byte[] withHeader(String header) {
        byte[] head = header.getBytes(StandardCharsets.US_ASCII);
        byte[] body = out.toByteArray();
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    private RecordingSummary readEvt2(String header) throws IOException {
        return new Evt2Reader().read(new ByteArrayInputStream(withHeader(header)), "t.raw", events);
    }

    private RecordingSummary readDat(String header) throws IOException {
        return new DatReader().read(new ByteArrayInputStream(withHeader(header)), "t.dat", events);
    }

    @Test
    void evt2Builds34BitTimesAndSkipsNonCdWords() throws IOException {
        evt2(0x1, cd(5, 1, 2));                  // before TIME_HIGH: dropped
        evt2(0x8, 0x0FFF_FFFF);                  // top of the 34-bit range
        evt2(0x1, cd(63, 639, 479));
        evt2(0xA, 0x101);
        evt2(0xD, 0);
        evt2(0xF, 0);
        evt2(0xE, 0);
        evt2(0x0, cd(0, 0, 0));
        RecordingSummary summary = readEvt2("% evt 2.0\n% geometry 640x480\n");

        assertEquals(2, events.size());
        assertEquals((1L << 34) - 1, events.timeUs(0));
        assertEquals(639, events.x(0));
        assertEquals(479, events.y(0));
        assertEquals(1, events.polarity(0));
        assertEquals((1L << 34) - 64, events.timeUs(1));
        assertEquals(0, events.polarity(1));
        assertEquals(5, summary.skippedWords());
        assertEquals(1, summary.timeHighWords());
        assertEquals(1, summary.onEvents());
    }

    @Test
    void evt2ReservedTypesAndBoundsAreErrors() {
        String header = "% evt 2.0\n% geometry 640x480\n";
        for (int type : new int[] {0x2, 0x3, 0x4, 0x5, 0x6, 0x7, 0x9, 0xB, 0xC}) {
            out.reset();
            evt2(0x8, 1);
            evt2(type, 0);
            EventFormatException e =
                    assertThrows(EventFormatException.class, () -> readEvt2(header));
            assertEquals(header.length() + 4, e.byteOffset());
            assertTrue(e.getMessage().contains("reserved EVT 2.0 word type"), e.getMessage());
        }
        out.reset();
        evt2(0x8, 1);
        evt2(0x0, cd(0, 640, 0));
        EventFormatException e = assertThrows(EventFormatException.class, () -> readEvt2(header));
        assertTrue(e.getMessage().contains("x = 640 is outside the 640 x 480 sensor"),
                e.getMessage());
    }

    private void dat(long t, int x, int y, int p) {
        int32(t);
        int32((long) p << 28 | (long) y << 14 | x);
    }

    @Test
    void datDecodesUnsigned32BitTimesAndChecksWidthAndHeight() throws IOException {
        out.write(0x0C);
        out.write(8);
        dat(0xFFFF_FFFFL, 303, 239, 1);
        dat(7, 0, 0, 0);
        String header = "% Version 2\n% Width 304\n% Height 240\n";
        RecordingSummary summary = readDat(header);
        assertEquals(2, events.size());
        assertEquals(0xFFFF_FFFFL, events.timeUs(0));
        assertEquals(303, events.x(0));
        assertEquals(239, events.y(0));
        assertEquals(304, summary.sensorWidth());
        assertEquals(240, summary.sensorHeight());

        dat(8, 0, 240, 0);
        EventFormatException e = assertThrows(EventFormatException.class, () -> readDat(header));
        assertEquals(header.length() + 2 + 16, e.byteOffset());
    }

    @Test
    void datTriggerFileIsSkippedAndCounted() throws IOException {
        out.write(0x0E);
        out.write(8);
        dat(1, 1, 0, 1);
        dat(2, 1, 0, 0);
        RecordingSummary summary = readDat("% Version 2\n");
        assertEquals(0, summary.events());
        assertEquals(2, summary.skippedWords());
    }

    @Test
    void datTypeAndSizeBytesAreChecked() throws IOException {
        String header = "% Version 2\n";
        assertEquals(0, readDat(header).events());

        out.write(0x00);
        EventFormatException e = assertThrows(EventFormatException.class, () -> readDat(header));
        assertEquals(header.length(), e.byteOffset());

        out.reset();
        out.write(0x00);
        out.write(16);
        e = assertThrows(EventFormatException.class, () -> readDat(header));
        assertEquals(header.length() + 1, e.byteOffset());

        out.reset();
        out.write(0x01);
        out.write(8);
        e = assertThrows(EventFormatException.class, () -> readDat(header));
        assertEquals(header.length(), e.byteOffset());
        assertTrue(e.getMessage().contains("unsupported DAT event type 0x01"), e.getMessage());
    }
}
