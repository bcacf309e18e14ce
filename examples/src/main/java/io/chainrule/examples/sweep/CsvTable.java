package io.chainrule.examples.sweep;

import io.chainrule.runtime.checkpoint.AtomicFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A table with named columns, written as CSV (RFC 4180: a cell with a comma, quote or line break is quoted). */
public final class CsvTable {
    private final List<String> columns;
    private final List<List<String>> rows = new ArrayList<>();

    public CsvTable(String... columns) {
        this.columns = List.of(columns);
    }

    /** Adds a row of one cell per column, each written as {@code String.valueOf} writes it. */
    public CsvTable add(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("a row of this table has " + columns.size() + " cells (" + columns
                    + "), got " + cells.length);
        }
        List<String> row = new ArrayList<>();
        for (Object c : cells) {
            row.add(String.valueOf(c));
        }
        rows.add(row);
        return this;
    }

    public List<String> columns() {
        return columns;
    }

    public List<List<String>> rows() {
        return List.copyOf(rows);
    }

    /** The header line, then a line per row. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        line(sb, columns);
        rows.forEach(r -> line(sb, r));
        return sb.toString();
    }

    /** Writes {@link #text()} to {@code file}, replacing it atomically. */
    public void write(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(text().getBytes(StandardCharsets.UTF_8));
        AtomicFile.write(file, out -> {
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        });
    }

    private static void line(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            boolean quote = c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r");
            sb.append(i == 0 ? "" : ",").append(quote ? '"' + c.replace("\"", "\"\"") + '"' : c);
        }
        sb.append('\n');
    }
}
