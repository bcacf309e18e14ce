package io.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chainrule.ir.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The walk's merged geometry: the fast paths are single rows, the general path visits each row once. */
class StridedWalkTest {

    /** Each visited row as {length, offset of operand 0, offset of operand 1, ...}. */
    private static List<List<Integer>> rows(StridedWalk w, int operands) {
        List<List<Integer>> rows = new ArrayList<>();
        while (w.next()) {
            List<Integer> row = new ArrayList<>(List.of(w.rowLength()));
            for (int k = 0; k < operands; k++) {
                row.add(w.offset(k));
            }
            rows.add(row);
        }
        return rows;
    }

    private static StridedWalk broadcast(Shape out, Shape a, Shape b) {
        return StridedWalk.of(out.dims(), out.strides(), StridedWalk.broadcastStrides(a, out),
                StridedWalk.broadcastStrides(b, out));
    }

    @Test
    void sameShapesAreOneRow() {
        Shape s = Shape.of(2, 3, 4);
        StridedWalk w = broadcast(s, s, s);
        assertEquals(1, w.rowStride(1));
        assertEquals(List.of(List.of(24, 0, 0, 0)), rows(w, 3));
    }

    @Test
    void aScalarOperandIsOneRowOfStrideZero() {
        Shape s = Shape.of(2, 3);
        StridedWalk w = broadcast(s, s, Shape.SCALAR);
        assertEquals(0, w.rowStride(2));
        assertEquals(List.of(List.of(6, 0, 0, 0)), rows(w, 3));
    }

    @Test
    void broadcastRowsWalkTheOuterAxes() {
        Shape out = Shape.of(3, 4);
        StridedWalk w = broadcast(out, Shape.of(3, 1), Shape.of(1, 4));
        assertEquals(0, w.rowStride(1));
        assertEquals(1, w.rowStride(2));
        assertEquals(List.of(List.of(4, 0, 0, 0), List.of(4, 4, 1, 0), List.of(4, 8, 2, 0)), rows(w, 3));
    }

    @Test
    void sizeOneAxesAreDroppedAndContiguousAxesMerged() {
        // [2, 1, 3, 4] + [3, 4]: the trailing [3, 4] merges into rows of 12, the size-1 axis disappears.
        Shape out = Shape.of(2, 1, 3, 4);
        StridedWalk w = broadcast(out, out, Shape.of(3, 4));
        assertEquals(List.of(List.of(12, 0, 0, 0), List.of(12, 12, 12, 0)), rows(w, 3));
    }

    @Test
    void rankZeroIsOneElement() {
        StridedWalk w = StridedWalk.of(new int[0], new int[0]);
        assertEquals(List.of(List.of(1, 0)), rows(w, 1));
    }

    @Test
    void emptyShapesHaveNoRows() {
        assertEquals(List.of(), rows(StridedWalk.of(new int[] {0, 3}, new int[] {3, 1}), 1));
        assertEquals(List.of(), rows(StridedWalk.of(new int[] {3, 0}, new int[] {0, 1}), 1));
    }

    @Test
    void broadcastStridesAreZeroWhereTheOperandRepeats() {
        assertArrayEquals(new int[] {0, 3, 0, 1}, StridedWalk.broadcastStrides(Shape.of(4, 1, 3), Shape.of(2, 4, 5,
                3)));
    }
}
