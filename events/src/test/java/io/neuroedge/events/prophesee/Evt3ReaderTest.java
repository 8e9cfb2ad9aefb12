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

/** Synthetic EVT 3.0 streams for the rules the real cut does not exercise. */
class Evt3ReaderTest {

    private static final String HEADER = "% evt 3.0\n% geometry 1280x720\n";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final EventArray events = new EventArray();

    private Evt3ReaderTest word(int type, int value) {
        int w = type << 12 | value;
        out.write(w);
        out.write(w >>> 8);
        return this;
    }

    private RecordingSummary read(String header) throws IOException {
        byte[] head = header.getBytes(StandardCharsets.US_ASCII);
        byte[] body = out.toByteArray();
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return new Evt3Reader().read(new ByteArrayInputStream(all), "test.raw", events);
    }

    @Test
    void onlyADecreaseOfTimeHighIsAWrap() throws IOException {
        word(0x0, 5);                   // y before the first TIME_HIGH: dropped
        word(0x8, 0xFFF).word(0x6, 0xFFE).word(0x0, 7).word(0x2, 1 << 11 | 3);
        word(0x6, 0x010).word(0x2, 4);  // TIME_LOW decreased: no wrap
        word(0x8, 0x001).word(0x2, 5);  // TIME_HIGH 0xFFF -> 0x001: wrap, TIME_LOW reset
        word(0x6, 0x002).word(0x2, 6);
        word(0x8, 0x000).word(0x2, 7);  // small decrease of TIME_HIGH: no wrap
        RecordingSummary summary = read(HEADER);

        assertEquals(5, events.size());
        assertEquals(0xFFFFFEL, events.timeUs(0));
        assertEquals(3, events.x(0));
        assertEquals(7, events.y(0));
        assertEquals(1, events.polarity(0));
        assertEquals(0xFFF010L, events.timeUs(1));
        assertEquals((1L << 24) + 0x1000, events.timeUs(2));
        assertEquals((1L << 24) + 0x1002, events.timeUs(3));
        assertEquals(1L << 24, events.timeUs(4));
        assertEquals(1, summary.skippedWords());
        assertEquals(3, summary.timeHighWords());
        assertEquals(1, summary.onEvents());
    }

    @Test
    void vectorsEmitOneEventPerSetBitAndAdvanceBaseX() throws IOException {
        word(0x8, 1).word(0x6, 2).word(0x0, 9);
        word(0x3, 1 << 11 | 100);          // base x 100, ON
        word(0x4, 0b1000_0000_0101);       // x 100, 102, 111
        word(0x5, 0b1000_0001);            // x 112, 119
        word(0xA, 0x101).word(0xE, 0x014).word(0xF, 0x123).word(0x7, 3).word(0xD, 0);
        out.write(0x99);
        out.write(0x99);                   // Lucid padding
        RecordingSummary summary = read(HEADER);

        int[] xs = {100, 102, 111, 112, 119};
        assertEquals(xs.length, events.size());
        for (int i = 0; i < xs.length; i++) {
            assertEquals(xs[i], events.x(i));
            assertEquals(9, events.y(i));
            assertEquals(1, events.polarity(i));
            assertEquals(0x1002, events.timeUs(i));
        }
        assertEquals(6, summary.skippedWords());
    }

    @Test
    void reservedTypesAreErrorsEvenBeforeTheFirstTimeHigh() {
        for (int type : new int[] {0x1, 0x9, 0xB, 0xC}) {
            out.reset();
            word(0x8, 0).word(0x6, 1).word(type, 0x123);
            EventFormatException e = assertThrows(EventFormatException.class, () -> read(HEADER));
            assertEquals(HEADER.length() + 4, e.byteOffset(), e.getMessage());
        }
        out.reset();
        word(0xC, 0);
        EventFormatException e = assertThrows(EventFormatException.class, () -> read(HEADER));
        assertEquals(HEADER.length(), e.byteOffset());
    }

    @Test
    void vectorBitsBeyondTheSensorAreAnError() throws IOException {
        word(0x8, 0).word(0x0, 1).word(0x3, 1270).word(0x4, 0x200); // x 1279: inside
        read(HEADER);
        assertEquals(1279, events.x(0));
        word(0x4, 0x001);                                             // x 1282: outside
        EventFormatException e = assertThrows(EventFormatException.class, () -> read(HEADER));
        assertEquals(HEADER.length() + 8, e.byteOffset());
        assertTrue(e.getMessage().contains("x = 1282"), e.getMessage());
    }

    @Test
    void withoutAKnownSizeCoordinatesAreNotChecked() throws IOException {
        word(0x8, 0).word(0x0, 2000).word(0x2, 2000);
        RecordingSummary summary = read("% evt 3.0\n");
        assertEquals(1, summary.events());
        assertEquals(2000, events.y(0));
        assertTrue(!summary.sensorSizeKnown());
    }

    @Test
    void headerOnlyFileHasNoEvents() throws IOException {
        RecordingSummary summary = read(HEADER + "% end\n");
        assertEquals(0, summary.events());
        assertEquals(-1, summary.firstTimeUs());
        assertEquals(-1, summary.lastTimeUs());
        assertEquals(1280, summary.sensorWidth());
    }

    @Test
    void formatLineIsAcceptedAndHeaderWithoutEncodingIsRejected() throws IOException {
        word(0x8, 0).word(0x2, 1);
        assertEquals(1, read("% format EVT3;height=720;width=1280\n").events());
        EventFormatException e = assertThrows(EventFormatException.class,
                () -> read("% format EVT21;height=720;width=1280\n"));
        assertEquals(0, e.byteOffset());
        assertTrue(e.getMessage().contains("(EVT21), not EVT3"), e.getMessage());
        e = assertThrows(EventFormatException.class, () -> read("% Date today\n"));
        assertTrue(e.getMessage().contains("names no event encoding"), e.getMessage());
    }
}
