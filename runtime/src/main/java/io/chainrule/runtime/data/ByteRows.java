package io.chainrule.runtime.data;

/**
 * {@code rows} rows of {@code rowBytes} unsigned bytes each, held in the chunks they were read into
 * ({@link StagedBytes}), {@code rowsPerChunk} whole rows to a chunk, so that no row straddles two chunks and the data
 * is never copied into one array.
 */
record ByteRows(byte[][] chunks, int rowBytes, int rowsPerChunk, int rows) {

    /** The chunk size that holds whole rows of {@code rowBytes}: as many as fit in a staging chunk, at least one. */
    static int rowsPerChunk(int rowBytes) {
        return rowBytes == 0 ? 1 : Math.max(1, StagedBytes.MAX_CHUNK_BYTES / rowBytes);
    }

    /** Byte {@code i} of row {@code row}, in 0..255. */
    int get(int row, int i) {
        return chunks[row / rowsPerChunk][row % rowsPerChunk * rowBytes + i] & 0xFF;
    }

    /** One byte in each 64 of row {@code row}, summed: reads that start fetching the row from memory. */
    int touch(int row) {
        byte[] chunk = chunks[row / rowsPerChunk];
        int from = row % rowsPerChunk * rowBytes;
        int sum = 0;
        for (int i = 0; i < rowBytes; i += 64) {
            sum += chunk[from + i];
        }
        return sum;
    }

    /** Row {@code row}, byte {@code b} becoming {@code valueOfByte[b]}, into {@code into} from {@code offset}. */
    void copyRow(int row, float[] valueOfByte, float[] into, int offset) {
        if (rowBytes == 0) {
            return;
        }
        byte[] chunk = chunks[row / rowsPerChunk];
        int from = row % rowsPerChunk * rowBytes;
        for (int i = 0; i < rowBytes; i++) {
            into[offset + i] = valueOfByte[chunk[from + i] & 0xFF];
        }
    }

    /** Row {@code row}, byte {@code b} becoming {@code b / divisor} in f32. */
    void copyRowDivided(int row, float divisor, float[] into, int offset) {
        if (rowBytes == 0) {
            return;
        }
        byte[] chunk = chunks[row / rowsPerChunk];
        int from = row % rowsPerChunk * rowBytes;
        for (int i = 0; i < rowBytes; i++) {
            into[offset + i] = unsigned(chunk[from + i]) / divisor;
        }
    }

    /** Row {@code row}, byte {@code b} becoming {@code (b / divisor - mean) / std} in f32. */
    void copyRowNormalized(int row, float divisor, float mean, float std, float[] into, int offset) {
        if (rowBytes == 0) {
            return;
        }
        byte[] chunk = chunks[row / rowsPerChunk];
        int from = row % rowsPerChunk * rowBytes;
        for (int i = 0; i < rowBytes; i++) {
            into[offset + i] = (unsigned(chunk[from + i]) / divisor - mean) / std;
        }
    }

    /**
     * The byte's unsigned value as a float: 256 added to a negative one by float min and max, which C2 vectorizes
     * where it does not vectorize {@code b & 0xFF} (JDK 25).
     */
    private static float unsigned(byte b) {
        float signed = b;
        return signed + 256f * Math.min(Math.max(-signed, 0f), 1f);
    }
}
