package io.chainrule.runtime.data;

/**
 * The feature storage a {@link Dataset} and all its views share: rows of the same number of f32 values, however they
 * are held.
 */
sealed interface Features permits FloatFeatures, ByteFeatures {
    /** Row {@code row}'s values into {@code into} from {@code offset}; allocation-free. */
    void copyRow(int row, float[] into, int offset);

    /**
     * Reads one value in each cache line of row {@code row} and returns them mixed, so that the caller can start the
     * memory reads of a whole batch's rows at once before copying the rows one after another.
     */
    int touchRow(int row);

    /** The same rows with every value {@code (x - mean) / std} in f32, sharing what is held. */
    Features normalized(float mean, float std);
}
