package io.neuroedge.host.spikes;

import io.neuroedge.events.csv.CsvFormatException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroedge.runtime.testing.SharedTestData;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpikeCsvTest {

    private static SpikeTrain read(String text, String columns) throws IOException {
        return SpikeCsv.read(new StringReader(text), "spikes.csv", ColumnSpec.parse(columns));
    }

    private static CsvFormatException failure(String text, String columns) {
        return assertThrows(CsvFormatException.class, () -> read(text, columns));
    }

    private static Path lifNorse() {
        return SharedTestData.resolve("nir/lif/lif_norse.csv");
    }

    private static List<Integer> spikeSteps(SpikeTrain train, int neuron) {
        List<Integer> steps = new ArrayList<>();
        for (int s = 0; s < train.steps(); s++) {
            for (int k = 0; k < train.count(s, neuron); k++) {
                steps.add(s);
            }
        }
        return steps;
    }

    @Test
    void realLifInputColumnHas34SpikesStartingAtStep60() throws IOException {
        SpikeTrain train = SpikeCsv.read(lifNorse(), "0");
        assertEquals(1000, train.steps());
        assertEquals(1, train.neurons());
        assertEquals("0", train.columnName(0)); // the file has no header row
        assertEquals(34, train.totalCount());
        assertEquals(0, train.saturatedCount());
        List<Integer> steps = spikeSteps(train, 0);
        assertEquals(List.of(60, 220, 270), steps.subList(0, 3));

        // independent check: plain String.split over the same file
        List<Integer> expected = new ArrayList<>();
        List<String> lines = Files.readAllLines(lifNorse());
        for (int i = 0; i < lines.size(); i++) {
            if (Double.parseDouble(lines.get(i).split(",")[0]) != 0) {
                expected.add(i);
            }
        }
        assertEquals(expected, steps);
    }

    @Test
    void realLifOutputColumnAndVoltageColumn() throws IOException {
        SpikeTrain both = SpikeCsv.read(lifNorse(), "0,2");
        assertEquals(2, both.neurons());
        assertEquals(2, both.sourceColumn(1));
        assertEquals(4, spikeSteps(both, 1).size());

        CsvFormatException e = assertThrows(CsvFormatException.class,
                () -> SpikeCsv.read(lifNorse(), "1"));
        assertEquals(61, e.line());
        assertTrue(e.getMessage().endsWith("line 61, column 1: step 60: value 0.04 is not a whole "
                + "number of spikes; spike counts must be whole numbers >= 0"), e.getMessage());
    }

    @Test
    void headerIsDetectedAndColumnsSelectedByName() throws IOException {
        SpikeTrain train = read("t,in_a,in_b\n0,1,0\n1,0,2\n2,1.0,2e0\n", "in_b,in_a");
        assertEquals(3, train.steps());
        assertEquals("in_b", train.columnName(0));
        assertEquals(2, train.sourceColumn(0));
        int[] step = new int[2];
        train.copyStep(2, step);
        assertArrayEquals(new int[] {2, 1}, step);
        assertEquals(0, train.count(0, 0));
        assertEquals(1, train.count(0, 1));
    }

    @Test
    void allColumnsByDefaultAndTrailingBlankLinesAllowed() throws IOException {
        SpikeTrain train = read("1,0,0\n0,1,0\n0,0,1\n\n\n", null);
        assertEquals(3, train.steps());
        assertEquals(3, train.neurons());
        for (int s = 0; s < 3; s++) {
            for (int n = 0; n < 3; n++) {
                assertEquals(s == n ? 1 : 0, train.count(s, n));
            }
        }
    }

    @Test
    void largeCountsSaturateAndAreCounted() throws IOException {
        SpikeTrain train = read("127,128\n1e3,3\n", null);
        assertEquals(SpikeTrain.MAX_COUNT, train.count(0, 0));
        assertEquals(SpikeTrain.MAX_COUNT, train.count(0, 1));
        assertEquals(SpikeTrain.MAX_COUNT, train.count(1, 0));
        assertEquals(3, train.count(1, 1));
        assertEquals(2, train.saturatedCount());
    }

    @Test
    void badValuesNameRowAndColumn() {
        CsvFormatException e = failure("a,b\n0,1\n0,0.5\n", null);
        assertEquals(3, e.line());
        assertEquals("spikes.csv: line 3, column 1 ('b'): step 1: value 0.5 is not a whole number"
                + " of spikes; spike counts must be whole numbers >= 0", e.getMessage());
        assertTrue(failure("0,1\n-1,0\n", null).getMessage()
                .contains("line 2, column 0: step 1: value -1 is negative"));
        assertTrue(failure("0,1\n0,x\n", null).getMessage()
                .contains("line 2, column 1: step 1: 'x' is not a number"));
        assertTrue(failure("0,,1\n", null).getMessage()
                .contains("line 1, column 1: step 0: empty cell"));
        assertTrue(failure("0,1\n0,NaN\n", null).getMessage()
                .contains("line 2, column 1: step 1: 'NaN' is not a number"));
    }

    @Test
    void raggedRowsAndInnerBlankLinesAreRejected() {
        assertTrue(failure("0,1,0\n0,1\n", "0").getMessage().contains(
                "line 2: step 1: expected 3 cells like the first row, found 2"));
        assertTrue(failure("0,1\n\n1,0\n", null).getMessage()
                .contains("line 2: blank line inside the data"));
        assertTrue(failure("", null).getMessage().contains("line 1: no data"));
    }

    @Test
    void badColumnSelectionNamesTheFileAndItem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> read("0,1\n", "2"));
        assertTrue(e.getMessage().startsWith("spikes.csv: column selection '2'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SpikeCsv.read(lifNorse(), "0-"));
    }
}
