package io.neuroedge.events.labels;

import io.neuroedge.events.csv.CsvFormatException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroedge.runtime.testing.SharedTestData;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class LabelsCsvTest {

    private static List<LabelsCsv.Entry> read(String text) throws IOException {
        return LabelsCsv.read(new StringReader(text), "labels.csv");
    }

    private static CsvFormatException failure(String text) {
        return assertThrows(CsvFormatException.class, () -> read(text));
    }

    @Test
    void readsTheRealNMnistLabels() throws IOException {
        Path csv = SharedTestData.resolve("dvs/nmnist/labels.csv");
        List<LabelsCsv.Entry> entries = LabelsCsv.read(csv);
        assertEquals(1000, entries.size());
        assertEquals(new LabelsCsv.Entry("train/1.bs2", 5), entries.get(0));
        Set<Integer> classes = new TreeSet<>();
        for (LabelsCsv.Entry entry : entries) {
            classes.add(entry.label());
            assertTrue(Files.isRegularFile(csv.resolveSibling(entry.file())), entry.file());
        }
        assertEquals(Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), classes);
    }

    @Test
    void columnsMayBeInAnyOrderWithExtrasQuotesBomAndCrlf() throws IOException {
        List<LabelsCsv.Entry> entries = read(
                "\uFEFFsplit,Label,notes,FILE\r\n"
                + "train, 3 ,\"a, b\",\"dir with, comma/x.bin\"\r\n"
                + "\r\n"
                + "test,0,,y.bin\r\n");
        assertEquals(List.of(new LabelsCsv.Entry("dir with, comma/x.bin", 3),
                new LabelsCsv.Entry("y.bin", 0)), entries);
    }

    @Test
    void headerOnlyGivesNoEntries() throws IOException {
        assertEquals(List.of(), read("file,label\n"));
    }

    @Test
    void missingColumnIsNamed() {
        CsvFormatException e = failure("file,split\na.bin,train\n");
        assertEquals(1, e.line());
        assertTrue(e.getMessage().startsWith("labels.csv: line 1, column 'label': missing column"),
                e.getMessage());
    }

    @Test
    void nonIntegerLabelNamesLineAndColumn() {
        CsvFormatException e = failure("file,label\na.bin,1\nb.bin,one\n");
        assertEquals(3, e.line());
        assertEquals("labels.csv: line 3, column 'label': 'one' is not an integer label",
                e.getMessage());
        assertTrue(failure("file,label\na.bin,1.5\n").getMessage().contains("'1.5'"));
    }

    @Test
    void otherBadInputsAreReported() {
        assertTrue(failure("file,label\na.bin,-1\n").getMessage()
                .contains("line 2, column 'label': label -1 is negative"));
        assertTrue(failure("file,label\na.bin\n").getMessage()
                .contains("line 2: expected 2 cells like the header, found 1"));
        assertTrue(failure("file,label\n,4\n").getMessage()
                .contains("line 2, column 'file': empty file name"));
        assertTrue(failure("file,label,label\n").getMessage()
                .contains("column 'label': column appears twice"));
        assertTrue(failure("file,label\n\"a.bin,4\n").getMessage()
                .contains("line 2, column 0: quoted cell has no closing quote"));
        assertTrue(failure("").getMessage().contains("line 1: empty file"));
    }
}
