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
 * that a caller can check the dimensions it expects ({@link #dims}) before any data is read; {@link #readFloats} or
 * {@link #readInts} then reads the data. Every problem with a file's contents is an {@link IdxFormatException} naming
 * the file and what was expected.
 *
 * <p>Nothing is allocated from the header's claims before they are checked against the bytes there are. A plain
 * file's size is compared with the header first, then its data streams through a small buffer straight into the
 * result. A gzip stream's length is known only once it is read, so its data is staged as it arrives
 * ({@link StagedBytes}, one byte per element: a quarter of the result, 45 MiB for MNIST's training images besides
 * their 180 MiB of f32) and the result is allocated once all of it has arrived and the stream has ended as it should.
 * A valid file too large for the heap is refused by {@link HeapArrays}, naming the heap it needs.
 */
final class Idx implements Closeable {
    private static final int UNSIGNED_BYTE = 0x08;
    private static final int BUFFER_BYTES = 1 << 16;
    // The largest array the JVM reliably allocates.
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    // Bytes after the data are counted up to this many, so that no stream, however long, keeps a read going.
    private static final int MAX_EXTRA_COUNTED = 1 << 20;

    /** Receives the data, a chunk at a time, in file order: {@code count} bytes that start at element {@code at}. */
    interface Sink {
        void accept(byte[] chunk, int count, int at);
    }

    /** Gives data known to be all there to a sink, once. */
    private interface Delivery {
        void to(Sink sink) throws IOException;
    }

    /** The data, all there, with the bytes of it {@code staged} in memory until it is delivered. */
    private record Data(long staged, Delivery delivery) {
    }

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

    /** The data as f32, byte {@code b} becoming {@code valueOfByte[b]}, shaped as {@link #dims}. */
    Tensor readFloats(float[] valueOfByte) throws IOException {
        int size = elements();
        Data data = data(size);
        float[] values = HeapArrays.floats(file, contents(), size, data.staged());
        data.delivery().to((chunk, count, at) -> {
            for (int i = 0; i < count; i++) {
                values[at + i] = valueOfByte[chunk[i] & 0xFF];
            }
        });
        return Tensor.of(values, dims);
    }

    /** The data as i32 in 0..255, shaped as {@link #dims}. */
    Tensor readInts() throws IOException {
        int size = elements();
        Data data = data(size);
        int[] values = HeapArrays.ints(file, contents(), size, data.staged());
        data.delivery().to((chunk, count, at) -> {
            for (int i = 0; i < count; i++) {
                values[at + i] = chunk[i] & 0xFF;
            }
        });
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

    /** The {@code size} bytes of data, checked to be all there before anything of their size is allocated. */
    private Data data(int size) throws IOException {
        if (fileSize >= 0) {
            long found = fileSize - headerBytes();
            if (found < size) {
                throw truncated(size, found);
            }
            if (found > size) {
                throw extraBytes(found - size, size);
            }
            // The file could still change while it is read: readData and expectEnd check again.
            return new Data(0, sink -> {
                readData(size, sink);
                expectEnd(size);
            });
        }
        StagedBytes staged = new StagedBytes(size, HeapArrays.stagingLimit());
        readData(size, (chunk, count, at) -> staged.append(chunk, count));
        expectEnd(size);
        if (!staged.kept()) {
            throw HeapArrays.tooLarge(file, contents(), size, size);
        }
        return new Data(staged.total(), staged::replay);
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

    private void readData(int size, Sink sink) throws IOException {
        int at = 0;
        while (at < size) {
            int n = readSome(buffer, 0, Math.min(buffer.length, size - at));
            if (n < 0) {
                throw truncated(size, at);
            }
            sink.accept(buffer, n, at);
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
