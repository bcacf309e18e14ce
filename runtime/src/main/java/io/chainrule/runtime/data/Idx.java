package io.chainrule.runtime.data;

import io.chainrule.runtime.Tensor;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, LeCun's format for MNIST: a big-endian magic number {@code 0x000008NN} (unsigned bytes in NN
 * dimensions), NN big-endian 32-bit dimension sizes, then exactly their product of bytes, row-major. A gzip file is
 * recognized by its first two bytes ({@code 1f 8b}), whatever its name. {@link #open} reads and checks the header, so
 * that a caller can check the dimensions it expects ({@link #dims}) before any data is read; {@link #readRows} or
 * {@link #readInts} then reads the data. Every problem with a file's contents is an {@link IdxFormatException} naming
 * the file and what was expected.
 *
 * <p>Nothing is allocated from the header's claims before they are checked against the bytes there are. A plain
 * file's size is compared with the header first. Either kind of file's data is then kept as it arrives, in chunks of
 * whole rows ({@link StagedBytes}) that become the result ({@link ByteRows}) without a second copy: 45 MiB for MNIST's
 * training images, never more than what has arrived plus one chunk. A valid file too large for the heap is refused by
 * {@link HeapArrays}, naming the heap it needs.
 */
final class Idx implements Closeable {
    private static final int UNSIGNED_BYTE = 0x08;
    private static final int BUFFER_BYTES = 1 << 16;
    // The largest array the JVM reliably allocates.
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    // Bytes after the data are counted up to this many, so that no stream, however long, keeps a read going.
    private static final int MAX_EXTRA_COUNTED = 1 << 20;

    private final Path file;
    private final InputStream in;
    private final boolean gzip;
    // A plain regular file's size; -1 for a gzip stream or a pipe, whose length is known only once read.
    private final long fileSize;
    private final String[] axes;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int[] dims;
    private boolean gzipCutShort;

    private Idx(Path file, InputStream in, boolean gzip, long fileSize, String[] axes) {
        this.file = file;
        this.in = in;
        this.gzip = gzip;
        this.fileSize = fileSize;
        this.axes = axes;
    }

    /** Opens {@code file} and reads its header, checked; one axis name per expected dimension, e.g. "labels". */
    static Idx open(Path file, String... axes) throws IOException {
        InputStream stream;
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
            stream = Files.newInputStream(file);
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(file.toString(), null, "not readable (permission denied)");
        }
        BufferedInputStream raw = new BufferedInputStream(stream, BUFFER_BYTES);
        Idx idx;
        try {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1F && raw.read() == 0x8B;
            raw.reset();
            InputStream in = gzip ? new GZIPInputStream(raw, BUFFER_BYTES) : raw;
            idx = new Idx(file, in, gzip, !gzip && attributes.isRegularFile() ? attributes.size() : -1, axes);
        } catch (EOFException e) {
            raw.close();
            throw new IdxFormatException(file, "truncated gzip stream: the gzip header is incomplete", e);
        } catch (ZipException e) {
            raw.close();
            throw new IdxFormatException(file, "corrupt gzip header: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
        try {
            idx.dims = idx.readHeader();
            return idx;
        } catch (IOException | RuntimeException e) {
            idx.close();
            throw e;
        }
    }

    /** The dimension sizes the header gives, one per axis. */
    int[] dims() {
        return dims.clone();
    }

    /**
     * The data as rows: one per entry of the first dimension, each the product of the other dimensions in bytes (one
     * byte for a file of one dimension), held in the chunks it was read into.
     */
    ByteRows readRows() throws IOException {
        int size = elements();
        if (fileSize >= 0) {
            long found = fileSize - headerBytes();
            if (found < size) {
                throw truncated(size, found);
            }
            if (found > size) {
                throw extraBytes(found - size, size);
            }
            HeapArrays.requireRoom(file, contents(), size, 0);
        }
        int rowBytes = size == 0 ? 0 : size / dims[0];
        int rowsPerChunk = ByteRows.rowsPerChunk(rowBytes);
        // A gzip stream's length is known only once read, and even a plain file could change while it is read: what
        // arrives is kept in chunks allocated as it comes, never from the header's claim, and checked at the end.
        StagedBytes staged = new StagedBytes(size, HeapArrays.stagingLimit(),
                Math.max(1, rowsPerChunk * rowBytes));
        readData(size, staged);
        expectEnd(size);
        if (!staged.kept()) {
            throw HeapArrays.tooLarge(file, contents(), size, 0);
        }
        return new ByteRows(staged.chunks(), rowBytes, rowsPerChunk, dims[0]);
    }

    /** The data as i32 in 0..255, shaped as {@link #dims}. */
    Tensor readInts() throws IOException {
        ByteRows rows = readRows();
        int size = elements();
        int[] values = HeapArrays.ints(file, contents(), size, size);
        int at = 0;
        for (int row = 0; row < rows.rows(); row++) {
            for (int i = 0; i < rows.rowBytes(); i++) {
                values[at++] = rows.get(row, i);
            }
        }
        return Tensor.of(values, dims);
    }

    /** The header's product of dimensions, at most {@link #MAX_ELEMENTS} as {@link #readHeader} checked. */
    private int elements() {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    private int[] readHeader() throws IOException {
        int got = readFully(buffer, 4);
        if (got < 4) {
            throw truncatedHeader(got);
        }
        int magic = bigEndianInt(buffer, 0);
        String expected = String.format("expected 0x%08x (unsigned bytes in %d dimensions)",
                UNSIGNED_BYTE << 8 | axes.length, axes.length);
        if (magic >>> 16 != 0) {
            throw new IdxFormatException(file, String.format("bad magic 0x%08x: %s; this is not an IDX file", magic,
                    expected));
        }
        int type = magic >>> 8;
        if (type != UNSIGNED_BYTE) {
            throw new IdxFormatException(file, String.format(
                    "bad magic 0x%08x: %s; element type 0x%02x (%s) is not supported", magic, expected, type,
                    typeName(type)));
        }
        int rank = magic & 0xFF;
        if (rank != axes.length) {
            throw new IdxFormatException(file, "expected " + axes.length + " dimensions (" + String.join(", ", axes)
                    + "), found " + rank);
        }
        got = readFully(buffer, 4 * rank);
        if (got < 4 * rank) {
            throw truncatedHeader(4 + got);
        }
        int[] dims = new int[rank];
        long elements = 1;
        for (int i = 0; i < rank; i++) {
            long d = Integer.toUnsignedLong(bigEndianInt(buffer, 4 * i));
            elements *= d;
            if (d > MAX_ELEMENTS || elements > MAX_ELEMENTS) {
                throw new IdxFormatException(file, "dimension " + axes[i] + " = " + d + " makes more than "
                        + MAX_ELEMENTS + " elements, more than one array can hold");
            }
            dims[i] = (int) d;
        }
        return dims;
    }

    private void readData(int size, StagedBytes into) throws IOException {
        int at = 0;
        while (at < size) {
            int n = readSome(buffer, 0, Math.min(buffer.length, size - at));
            if (n < 0) {
                throw truncated(size, at);
            }
            into.append(buffer, n);
            at += n;
        }
    }

    /** Reading past the data both finds trailing bytes and makes gzip check its trailer's CRC and length. */
    private void expectEnd(int size) throws IOException {
        long extra = 0;
        for (int n; extra <= MAX_EXTRA_COUNTED && (n = readSome(buffer, 0, buffer.length)) >= 0; ) {
            extra += n;
        }
        if (gzipCutShort) {
            throw new IdxFormatException(file, "truncated gzip stream: the " + describeData(size)
                    + " are complete but the gzip trailer is missing");
        }
        if (extra > MAX_EXTRA_COUNTED) {
            throw new IdxFormatException(file, "more than " + MAX_EXTRA_COUNTED + " extra bytes after the "
                    + describeData(size) + ": expected the file to end there");
        }
        if (extra > 0) {
            throw extraBytes(extra, size);
        }
    }

    private IdxFormatException truncated(int size, long found) {
        return new IdxFormatException(file, (gzipCutShort ? "truncated gzip stream: " : "truncated: ") + "expected "
                + describeData(size) + " after the " + headerBytes() + "-byte header, found " + found);
    }

    private IdxFormatException extraBytes(long extra, int size) {
        return new IdxFormatException(file, extra + " extra bytes after the " + describeData(size)
                + ": expected the file to end there");
    }

    private String describeData(int size) {
        return size + " bytes of data (" + contents() + ")";
    }

    /** The header's dimensions with their names, e.g. "60000 images x 28 rows x 28 columns". */
    private String contents() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            s.append(i == 0 ? "" : " x ").append(dims[i]).append(' ').append(axes[i]);
        }
        return s.toString();
    }

    private int headerBytes() {
        return 4 + 4 * axes.length;
    }

    private IdxFormatException truncatedHeader(int got) {
        return new IdxFormatException(file, (gzipCutShort ? "truncated gzip stream: " : "truncated: ") + "expected a "
                + headerBytes() + "-byte header (magic number and " + axes.length + " dimension sizes), found " + got
                + " bytes");
    }

    private int readFully(byte[] into, int length) throws IOException {
        int got = 0;
        while (got < length) {
            int n = readSome(into, got, length - got);
            if (n < 0) {
                break;
            }
            got += n;
        }
        return got;
    }

    /** Like {@link InputStream#read}, with a gzip stream cut short reported as the end and corruption named. */
    private int readSome(byte[] into, int offset, int length) throws IOException {
        try {
            return in.read(into, offset, length);
        } catch (EOFException e) {
            if (!gzip) {
                throw e;
            }
            gzipCutShort = true;
            return -1;
        } catch (ZipException e) {
            throw new IdxFormatException(file, "corrupt gzip stream: " + e.getMessage(), e);
        }
    }

    private static int bigEndianInt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | b[at + 3] & 0xFF;
    }

    private static String typeName(int type) {
        return switch (type) {
            case 0x09 -> "signed bytes";
            case 0x0B -> "16-bit integers";
            case 0x0C -> "32-bit integers";
            case 0x0D -> "32-bit floats";
            case 0x0E -> "64-bit floats";
            default -> "unknown";
        };
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
