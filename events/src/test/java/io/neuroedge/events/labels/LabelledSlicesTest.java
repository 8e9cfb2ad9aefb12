package io.neuroedge.events.labels;

import io.neuroedge.events.EventArray;
import io.neuroedge.runtime.testing.SharedTestData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Label CSV parsing, its error messages, and cutting an event stream into labelled windows. */
class LabelledSlicesTest {

    private static LabelledSlices parse(String text) throws IOException {
        return LabelledSlices.parse(new StringReader(text), "labels.csv");
    }

    private static LabelCsvException bad(String text) {
        return assertThrows(LabelCsvException.class, () -> parse(text));
    }

    @Test
    void realLabelFileHasTwelveWindows() throws IOException {
        LabelledSlices slices = LabelledSlices.read(
                SharedTestData.resolve("dvs/dvsgesture/user01_natural_labels.csv"));
        List<LabelledSlices.Window> w = slices.windows();
        assertEquals(12, w.size());
        assertEquals(List.of(1, 2, 3, 5, 4, 6, 7, 8, 8, 9, 10, 11),
                w.stream().map(LabelledSlices.Window::classId).toList());
        assertEquals(new LabelledSlices.Window(1, 53_036_986, 59_508_469, 2), w.get(0));
        assertEquals(new LabelledSlices.Window(11, 171_367_247, 177_991_967, 13), w.get(11));
        // Class 8 twice, back to back: both windows stay separate.
        assertEquals(141_594_080, w.get(7).endUs());
        assertEquals(142_355_542, w.get(8).startUs());

        // One event at each boundary of every window, plus events in the gaps.
        EventArray events = new EventArray();
        events.event(0, 0, 1, 0);
        for (LabelledSlices.Window window : w) {
            events.event(1, 2, 1, window.startUs() - 1);   // before: in the gap
            events.event(3, 4, 0, window.startUs());       // first microsecond: inside
            events.event(5, 6, 1, window.endUs() - 1);     // last microsecond: inside
            events.event(7, 8, 0, window.endUs());         // end is exclusive
        }
        List<LabelledEvents> cut = slices.slice(events);
        assertEquals(12, cut.size());
        for (int i = 0; i < 12; i++) {
            EventArray in = cut.get(i).events();
            assertEquals(w.get(i), cut.get(i).window());
            assertEquals(2, in.size(), "window " + i);
            assertEquals(w.get(i).startUs(), in.timeUs(0));
            assertEquals(3, in.x(0));
            assertEquals(w.get(i).endUs() - 1, in.timeUs(1));
            assertEquals(5, in.x(1));
        }
    }

    @Test
    void routerCountsRoutedAndUnlabelledEvents() throws IOException {
        LabelledSlices slices = parse("class,startTime_usec,endTime_usec\n2,100,200\n3,200,300\n");
        EventArray first = new EventArray();
        EventArray second = new EventArray();
        LabelledSlices.Router router = slices.router(List.of(first, second));
        router.event(0, 0, 1, 99);
        router.event(0, 0, 1, 100);
        router.event(0, 0, 1, 199);
        router.event(0, 0, 1, 200);     // shared boundary: belongs to the second window only
        router.event(0, 0, 1, 150);     // out of time order is fine
        router.event(0, 0, 1, 300);
        assertEquals(3, first.size());
        assertEquals(1, second.size());
        assertEquals(200, second.timeUs(0));
        assertEquals(4, router.routed());
        assertEquals(2, router.unlabelled());
        assertThrows(IllegalArgumentException.class, () -> slices.router(List.of(first)));
    }

    @Test
    void toleratesBomCrlfSpacesBlankLinesAndUnsortedRows() throws IOException {
        LabelledSlices slices = parse("\uFEFFclass,startTime_usec,endTime_usec\r\n 4 , 500 , 600 \r\n\r\n1,0,10\r\n");
        assertEquals(List.of(new LabelledSlices.Window(1, 0, 10, 4), new LabelledSlices.Window(4, 500, 600, 2)),
                slices.windows());
        assertEquals(0, parse("class,startTime_usec,endTime_usec\n").windows().size());
    }

    @Test
    void errorsNameLineAndColumn() {
        LabelCsvException e = bad("");
        assertEquals(1, e.line());
        assertTrue(e.getMessage().startsWith("labels.csv: line 1: empty file"), e.getMessage());

        e = bad("class,start,end\n1,0,10\n");
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("expected header"), e.getMessage());

        e = bad("class,startTime_usec,endTime_usec\n1,0,10\n2,20\n");
        assertEquals(3, e.line());
        assertEquals(0, e.column());
        assertTrue(e.getMessage().contains("expected 3 fields"), e.getMessage());

        e = bad("class,startTime_usec,endTime_usec\n1,0,10\n2,2x0,30\n");
        assertEquals("labels.csv: line 3, column 2: startTime_usec is not an integer: '2x0'", e.getMessage());

        e = bad("class,startTime_usec,endTime_usec\n1,0,\n");
        assertEquals(2, e.line());
        assertEquals(3, e.column());

        e = bad("class,startTime_usec,endTime_usec\n12,0,10\n");
        assertEquals(1, e.column());
        assertTrue(e.getMessage().contains("class 12 is outside 1..11"), e.getMessage());

        e = bad("class,startTime_usec,endTime_usec\n1,-5,10\n");
        assertEquals("labels.csv: line 2, column 2: negative start time -5", e.getMessage());

        e = bad("class,startTime_usec,endTime_usec\n1,10,10\n");
        assertEquals(3, e.column());
        assertTrue(e.getMessage().contains("end time 10 is not after start time 10"), e.getMessage());
    }

    @Test
    void overlappingWindowsAreRejectedNamingBothLines() {
        LabelCsvException e = bad("class,startTime_usec,endTime_usec\n1,0,100\n2,200,300\n3,99,150\n");
        assertEquals(4, e.line());
        assertEquals("labels.csv: line 4: window [99, 150) overlaps window [0, 100) on line 2", e.getMessage());
    }
}
