package io.neuroedge.host.spikes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnSpecTest {

    private static final List<String> HEADER = List.of("in0", "in1", "v", "out", "in-2");

    private static String parseFailure(String spec) {
        return assertThrows(IllegalArgumentException.class, () -> ColumnSpec.parse(spec))
                .getMessage();
    }

    private static String resolveFailure(String spec, List<String> header, int width) {
        return assertThrows(IllegalArgumentException.class,
                () -> ColumnSpec.parse(spec).resolve(header, width)).getMessage();
    }

    @Test
    void indicesRangesAndNamesKeepTheGivenOrder() {
        assertArrayEquals(new int[] {0}, ColumnSpec.parse("0").resolve(null, 3));
        assertArrayEquals(new int[] {0, 2, 5}, ColumnSpec.parse("0,2,5").resolve(null, 6));
        assertArrayEquals(new int[] {1, 2, 3}, ColumnSpec.parse("1-3").resolve(null, 4));
        assertArrayEquals(new int[] {3, 0, 1, 4},
                ColumnSpec.parse(" out , 0-1, in-2").resolve(HEADER, 5));
        assertArrayEquals(new int[] {0, 1, 2}, ColumnSpec.parse(null).resolve(null, 3));
        assertArrayEquals(new int[] {0, 1}, ColumnSpec.parse(" ").resolve(HEADER, 2));
        assertArrayEquals(new int[] {0, 1}, ColumnSpec.all().resolve(null, 2));
    }

    @Test
    void malformedSelectionsAreRejectedWhenParsed() {
        assertTrue(parseFailure("0,,2").contains("empty item"));
        assertTrue(parseFailure("3-1").contains("range '3-1' runs backwards"));
        assertTrue(parseFailure("-1").contains("index '-1' is negative"));
        assertTrue(parseFailure("1-").contains("'1-' is neither an index"));
        assertTrue(parseFailure("99999999999").contains("index 99999999999 is too large"));
    }

    @Test
    void unresolvableSelectionsNameTheItem() {
        assertTrue(resolveFailure("5", null, 3).contains(
                "item '5': column 5 does not exist; the table has 3 column(s), indices 0-2"));
        assertTrue(resolveFailure("1-4", null, 3).contains("item '1-4': column 4 does not exist"));
        assertTrue(resolveFailure("0,0-1", null, 3).contains(
                "item '0-1' selects column 0 a second time"));
        assertTrue(resolveFailure("out", null, 3).contains(
                "'out' is a column name, but the table has no header row"));
        assertTrue(resolveFailure("volts", HEADER, 5).contains("no column named 'volts'"));
    }
}
