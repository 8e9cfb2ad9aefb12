package io.neuroedge.host.render;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link EventRenderer} on a few hand-placed events. */
class EventRendererTest {

    private static EventRenderer threeEvents() {
        EventRenderer r = new EventRenderer(4, 3);
        r.event(0, 0, 1, 0);
        r.event(0, 0, 1, 10);
        r.event(3, 2, 0, 1000);
        r.event(9, 9, 1, 1000);      // outside the 4 x 3 grid
        return r;
    }

    @Test
    void countsAreLogScaledToTheBusiestPixel() {
        BufferedImage image = threeEvents().render(RenderMode.COUNTS, 2, 1);
        assertEquals(8, image.getWidth());
        assertEquals(6, image.getHeight());
        assertEquals(0xFFFFFF, image.getRGB(1, 1) & 0xFFFFFF);
        int single = image.getRGB(6, 4) & 0xFF;
        assertEquals((int) Math.round(255 * Math.log(2) / Math.log(3)), single);
        assertEquals(0, image.getRGB(2, 0) & 0xFFFFFF);
    }

    @Test
    void polarityAndTimeSurface() {
        EventRenderer r = threeEvents();
        assertEquals(1, r.outside());
        assertEquals(1000, r.spanUs());
        BufferedImage p = r.render(RenderMode.POLARITY, 1, 1);
        assertEquals(0x00FF00, p.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0xFF0000, p.getRGB(3, 2) & 0xFFFFFF);
        BufferedImage t = r.render(RenderMode.TIMESURFACE, 1, 500);
        assertEquals(255, t.getRGB(3, 2) & 0xFF);
        int older = t.getRGB(0, 0) & 0xFF;
        assertEquals((int) Math.round(255 * Math.exp(-990.0 / 500)), older);
        assertTrue(older > 0);
    }

    @Test
    void rejectsBadSizes() {
        assertThrows(IllegalArgumentException.class, () -> new EventRenderer(0, 3));
        assertThrows(IllegalArgumentException.class, () -> threeEvents().render(RenderMode.COUNTS, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> threeEvents().render(RenderMode.TIMESURFACE, 1, 0));
    }
}
