package io.chainrule.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Bytes read out computed or through the table give the same f32 bits, for every byte value and normalization. */
class ByteFeaturesTest {
    /** Two rows holding the 256 byte values, 128 to a row, in chunks of one row. */
    private static final ByteRows ALL_BYTES = allBytes();

    @Test
    void everyByteComputedAsThroughTheTable() {
        ByteFeatures divided = new ByteFeatures(ALL_BYTES, 255f);
        check(divided, 0);
        ByteFeatures once = (ByteFeatures) divided.normalized(Mnist.MEAN, Mnist.STD);
        check(once, 1);
        // two normalizations take the table on any JDK; it applies them in turn
        ByteFeatures twice = (ByteFeatures) once.normalized(-1.5f, 3f);
        float[] row = new float[128];
        twice.copyRow(1, row, 0);
        for (int i = 0; i < 128; i++) {
            int b = 128 + i;
            float expected = ((b / 255f - Mnist.MEAN) / Mnist.STD + 1.5f) / 3f;
            assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(row[i]), "byte " + b);
        }
    }

    private static void check(ByteFeatures features, int normalizations) {
        for (int row = 0; row < 2; row++) {
            float[] computed = new float[130];
            float[] table = new float[130];
            features.copyRowComputed(row, computed, 1);
            features.copyRowThroughTable(row, table, 1);
            float[] viaCopyRow = new float[130];
            features.copyRow(row, viaCopyRow, 1);
            for (int i = 0; i < 128; i++) {
                int b = 128 * row + i;
                float value = b / 255f;
                float expected = normalizations == 0 ? value : (value - Mnist.MEAN) / Mnist.STD;
                String what = "byte " + b + ", normalizations " + normalizations;
                assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(table[1 + i]), what);
                assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(computed[1 + i]), what);
                assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(viaCopyRow[1 + i]), what);
            }
            assertEquals(0f, computed[0], "nothing written before the offset");
            assertEquals(0f, computed[129], "nothing written after the row");
        }
    }

    private static ByteRows allBytes() {
        byte[][] chunks = new byte[2][128];
        for (int b = 0; b < 256; b++) {
            chunks[b / 128][b % 128] = (byte) b;
        }
        return new ByteRows(chunks, 128, 1, 2);
    }
}
