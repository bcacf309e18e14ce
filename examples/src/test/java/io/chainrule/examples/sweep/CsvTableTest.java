package io.chainrule.examples.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {
    @Test
    void cellsWithCommasQuotesOrLineBreaksAreQuoted(@TempDir Path dir) throws Exception {
        CsvTable table = new CsvTable("target", "error").add("sin(10x)", 1.5e-5).add("a, b", "say \"hi\"")
                .add("two\nlines", null);
        Path file = dir.resolve("t.csv");
        table.write(file);
        assertEquals("target,error\nsin(10x),1.5E-5\n\"a, b\",\"say \"\"hi\"\"\"\n\"two\nlines\",null\n",
                Files.readString(file));
    }

    @Test
    void aRowHasOneCellPerColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CsvTable("a", "b").add(1));
        assertEquals("a row of this table has 2 cells ([a, b]), got 1", e.getMessage());
    }
}
