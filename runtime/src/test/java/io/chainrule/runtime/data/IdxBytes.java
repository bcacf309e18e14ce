package io.chainrule.runtime.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;

/** Synthetic IDX files for tests: a header of any magic and dimensions, then any bytes. */
final class IdxBytes {
    private IdxBytes() {
    }

    /** An IDX file: {@code magic}, the dimension sizes, then {@code data} as given (not checked against them). */
    static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.put(data).array();
    }

    /** A well-formed unsigned-byte IDX file with these dimensions, its data byte {@code i} being {@code i * 7}. */
    static byte[] ubytes(int... dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) {
            data[i] = (byte) (i * 7);
        }
        return idx(0x0800 | dims.length, dims, data);
    }

    /** A labels file holding {@code labels}. */
    static byte[] labels(int... labels) {
        byte[] data = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            data[i] = (byte) labels[i];
        }
        return idx(0x0801, new int[] {labels.length}, data);
    }

    static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
