package io.chainrule.runtime.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Splits a CSV file into lines of fields: UTF-8 (a leading byte-order mark skipped; bytes that are not UTF-8 are an
 * error, as is the replacement character that stands for them), gzip-compressed or not
 * (recognized by its magic, {@code 1f 8b}, whatever its name), lines ended by LF, CRLF or CR, fields separated by a
 * delimiter and optionally quoted ({@code "a, b"}, with {@code ""} for a quote inside); a quoted line break is not
 * supported. Fields are returned as they are, spaces included. Each problem is a {@link CsvFormatException} at its
 * line and column.
 */
final class CsvRecords implements Closeable {
    private static final int BUFFER_CHARS = 1 << 16;
    // No number or column name is this long: a longer field is a wrong delimiter or not a CSV file, and reading it
    // whole could take any amount of memory.
    private static final int MAX_FIELD_CHARS = 1 << 16;
    private static final int END = -1;
    private static final int NONE = -2;
    private static final char REPLACEMENT = '\uFFFD';

    private final Path file;
    private final Reader in;
    private final char delimiter;
    private final char[] buffer = new char[BUFFER_CHARS];
    private final StringBuilder field = new StringBuilder();
    private int position;
    private int limit;
    private int pushedBack = NONE;
    private int line;
    private boolean started;

    private CsvRecords(Path file, Reader in, char delimiter) {
        this.file = file;
        this.in = in;
        this.delimiter = delimiter;
    }

    /** Opens {@code file}, gzip or plain. */
    static CsvRecords open(Path file, char delimiter) throws IOException {
        BufferedInputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER_CHARS);
        try {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1F && raw.read() == 0x8B;
            raw.reset();
            InputStream bytes = gzip ? new GZIPInputStream(raw, BUFFER_CHARS) : raw;
            // Bytes that are not UTF-8 become U+FFFD, reported where they are rather than where decoding reached.
            return new CsvRecords(file, new InputStreamReader(bytes, StandardCharsets.UTF_8), delimiter);
        } catch (EOFException e) {
            raw.close();
            throw new CsvFormatException(file, 0, 0, "truncated gzip stream: the gzip header is incomplete", e);
        } catch (ZipException e) {
            raw.close();
            throw new CsvFormatException(file, 0, 0, "corrupt gzip header: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /**
     * The next line's fields; no fields for a blank line (nothing, or only spaces and tabs); null after the last line.
     * A file's final line break ends its last line rather than starting an empty one.
     */
    String[] next() throws IOException {
        int c = read();
        if (c == END) {
            return null;
        }
        line++;
        List<String> fields = new ArrayList<>();
        boolean blank = true;
        while (true) {
            field.setLength(0);
            int column = fields.size() + 1;
            if (c == '"') {
                blank = false;
                c = readQuoted(column);
                if (c != delimiter && !isLineEnd(c)) {
                    throw new CsvFormatException(file, line, column, "'" + (char) c + "' after a closing quote: "
                            + "expected '" + delimiter + "' or the end of the line");
                }
            } else {
                while (c != delimiter && !isLineEnd(c)) {
                    blank &= c == ' ' || c == '\t';
                    append(c, column);
                    c = read();
                }
            }
            fields.add(field.toString());
            if (c != delimiter) {
                break;
            }
            blank = false;
            c = read();
        }
        if (c == '\r') {
            int next = read();
            if (next != '\n') {
                pushedBack = next;
            }
        }
        return blank ? new String[0] : fields.toArray(new String[0]);
    }

    /** The line of the fields {@link #next} returned last, from 1. */
    int line() {
        return line;
    }

    /** Reads a quoted field's contents after its opening quote; returns the character after its closing quote. */
    private int readQuoted(int column) throws IOException {
        while (true) {
            int c = read();
            if (c == END || c == '\n' || c == '\r') {
                throw new CsvFormatException(file, line, column, "a quoted field is not closed on its line: expected "
                        + "a closing '\"' (quoted line breaks are not supported)");
            }
            if (c == '"') {
                int next = read();
                if (next != '"') {
                    return next;
                }
            }
            append(c, column);
        }
    }

    private void append(int c, int column) throws CsvFormatException {
        if (c == REPLACEMENT) {
            throw new CsvFormatException(file, line, column, "not UTF-8 text: bytes that are not UTF-8 (is this a CSV "
                    + "file?)");
        }
        if (field.length() == MAX_FIELD_CHARS) {
            throw new CsvFormatException(file, line, column, "a field longer than " + MAX_FIELD_CHARS
                    + " characters: is '" + delimiter + "' the delimiter?");
        }
        field.append((char) c);
    }

    private static boolean isLineEnd(int c) {
        return c == '\n' || c == '\r' || c == END;
    }

    private int read() throws IOException {
        if (pushedBack != NONE) {
            int c = pushedBack;
            pushedBack = NONE;
            return c;
        }
        if (position == limit && !fill()) {
            return END;
        }
        char c = buffer[position++];
        if (!started) {
            started = true;
            if (c == '\uFEFF') {
                return read();
            }
        }
        return c;
    }

    private boolean fill() throws IOException {
        int n;
        try {
            n = in.read(buffer, 0, buffer.length);
        } catch (EOFException e) {
            // No line: decoding reads ahead of the lines returned.
            throw new CsvFormatException(file, 0, 0, "truncated gzip stream: the file is cut short", e);
        } catch (ZipException e) {
            throw new CsvFormatException(file, 0, 0, "corrupt gzip stream: " + e.getMessage(), e);
        }
        position = 0;
        limit = Math.max(n, 0);
        return n > 0;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
