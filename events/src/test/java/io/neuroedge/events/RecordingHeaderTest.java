package io.neuroedge.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Parsing of the {@code % } header and the sensor size it implies. */
class RecordingHeaderTest {

    private PushbackInputStream in;

    private RecordingHeader parse(String text) throws IOException {
        in = new PushbackInputStream(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)), 2);
        return RecordingHeader.read(in, "h");
    }

    @Test
    void keepsKeysValuesAndOffsetsAndStopsAtData() throws IOException {
        RecordingHeader h = parse("% evt 3.0\r\n% serial_number 0042\n%x");
        assertEquals(2, h.lines().size());
        assertEquals(new HeaderLine(11, "serial_number", "0042"), h.lines().get(1));
        assertEquals(32, h.dataOffset());
        assertEquals('%', in.read()); // "%x" is data: pushed back
        assertEquals("EVT3", h.encoding().orElseThrow());
    }

    @Test
    void endLineEndsTheHeader() throws IOException {
        RecordingHeader h = parse("% evt 2.0\n% end\n% looks like a header\n");
        assertEquals(1, h.lines().size());
        assertEquals(16, h.dataOffset());
        assertEquals("EVT2", h.encoding().orElseThrow());
    }

    @Test
    void sensorSizeSources() throws IOException {
        assertSize(1280, 720, "% geometry 1280x720\n% plugin_name hal_plugin_gen3_fx3\n");
        assertSize(320, 320, "% format EVT21;height=320;width=320\n");
        assertSize(304, 240, "% Width 304\n% Height 240\n");
        assertSize(640, 480, "% plugin_name hal_plugin_gen31_fx3\n");
        assertSize(1280, 720, "% plugin_name hal_plugin_imx636_evk4\n");
        assertSize(320, 320, "% plugin_name hal_plugin_genx320_mp\n");
        assertSize(0, 0, "% Version 2\n");
        assertSize(0, 0, "");
    }

    private void assertSize(int width, int height, String text) throws IOException {
        RecordingHeader h = parse(text);
        assertEquals(width, h.sensorWidth(), text);
        assertEquals(height, h.sensorHeight(), text);
    }

    @Test
    void malformedHeadersAreErrors() {
        EventFormatException e = assertThrows(EventFormatException.class,
                () -> parse("% evt 3.0\n% geometry big\n"));
        assertEquals(10, e.byteOffset());
        e = assertThrows(EventFormatException.class, () -> parse("% Date \u0001\n"));
        assertEquals(7, e.byteOffset());
        e = assertThrows(EventFormatException.class,
                () -> parse("% " + "a".repeat(RecordingHeader.MAX_LINE_BYTES + 1)));
        assertTrue(e.getMessage().contains("longer than"), e.getMessage());
    }
}
