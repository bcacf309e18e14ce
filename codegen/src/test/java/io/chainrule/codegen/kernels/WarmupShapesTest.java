package io.chainrule.codegen.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The warm-up's shapes run every tile and the register transpose, whatever the tiling rule becomes: a kernel they miss
 * runs in the interpreter, every vector an object, until a training step's own calls get it compiled (part of a first
 * epoch of 1.2-1.4 s against 0.26 s steady).
 */
class WarmupShapesTest {
    @Test
    void theWarmupsShapesTakeEveryTileAndWholeTransposeBlocks() {
        assertTrue(Gemm.vectorKernelsRunnable(), "the Vector API tiles cannot run here (they need 128-bit vectors "
                + "with FMA and the jdk.incubator.vector module): this test checks which of them the warm-up runs");
        int lanes = VectorGemm.WIDEST / 3;
        boolean widest = false;
        boolean lastTwo = false;
        boolean lastOne = false;
        boolean narrowWithHalf = false;
        boolean transposeBlocks = false;
        for (int[] shape : VectorGemm.shapesRunningEveryTile()) {
            int m = shape[0];
            int n = shape[1];
            int k = shape[2];
            String what = Arrays.toString(shape);
            assertTrue(m >= 8, what + ": rows for the 8-row tiles");
            transposeBlocks |= m % 16 == 0 && k % 16 == 0 && n % 16 == 0;
            int last = VectorGemm.lastTile(n);
            widest |= n >= VectorGemm.WIDEST;
            lastTwo |= last == 2 * lanes && last <= n;
            lastOne |= last == lanes && last <= n;
            narrowWithHalf |= last > n && n > lanes && n % lanes != 0;
        }
        assertTrue(widest, "a 3-vector tile");
        assertTrue(lastTwo, "a 2-vector tile finishing a block");
        assertTrue(lastOne, "a 1-vector tile finishing a block");
        assertTrue(narrowWithHalf, "a block too narrow for its last tile: 1-vector and half-vector tiles");
        assertTrue(transposeBlocks, "A^T and B^T's panels in whole 16 x 16 blocks");
    }
}
