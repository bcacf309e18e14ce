package io.chainrule.codegen.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/** The register-block transpose against the scalar one it stands in for, element for element. */
class VectorTransposeTest {
    @Test
    void sameCopyAsTheScalarTransposeAtOffsetsAndRaggedColumns() {
        assertEquals(FloatVector.SPECIES_PREFERRED.length() == 16 && Runtime.version().feature() >= 25,
                VectorTranspose.FAST, "used with 16-float vectors on JDK 25 and later only");
        Random random = new Random(13);
        // rows: a panel of 48, 32 or 16 of B's rows, or a batch of 100 (A^T of a weight gradient), fewer than 16;
        // columns: fc1's 784, fc2's 120, a single block, ragged ends
        int[][] shapes = {{48, 784}, {32, 120}, {16, 16}, {16, 17}, {48, 100}, {16, 31}, {100, 120}, {100, 84},
            {100, 10}, {7, 40}, {19, 33}};
        for (int[] shape : shapes) {
            int rows = shape[0];
            int cols = shape[1];
            int from = 5 * cols + 3;
            int to = 7;
            float[] src = new float[from + rows * cols + 11];
            for (int i = 0; i < src.length; i++) {
                src[i] = random.nextFloat();
            }
            float[] expected = new float[to + rows * cols + 5];
            float[] actual = expected.clone();
            Transpose.flat(src, from, rows, cols, expected, to);
            VectorTranspose.flat(src, from, rows, cols, actual, to);
            assertArrayEquals(expected, actual, rows + " x " + cols);
        }
    }
}
