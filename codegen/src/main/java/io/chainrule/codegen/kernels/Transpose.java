package io.chainrule.codegen.kernels;

/**
 * Copies of a row-major [rows, cols] matrix transposed, so that a product reads the transposed operand along its rows.
 * Blocks of 4 x 4 held in locals: four reads of each source row and four writes of each destination row per pass, about
 * 0.26 ns per element here on JDK 17 and 25 (a plain double loop: 0.6). A Vector API 16 x 16 register transpose did
 * 0.11 on JDK 25 but 0.9 on JDK 17 once other vector shapes had run through the same JDK methods.
 */
final class Transpose {
    private Transpose() {
    }

    /** dst[to + c * rows + r] = src[from + r * cols + c]. */
    static void flat(float[] src, int from, int rows, int cols, float[] dst, int to) {
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int s0 = from + r * cols;
            int s1 = s0 + cols;
            int s2 = s1 + cols;
            int s3 = s2 + cols;
            int c = 0;
            for (; c + 4 <= cols; c += 4) {
                int d0 = to + c * rows + r;
                int d1 = d0 + rows;
                int d2 = d1 + rows;
                int d3 = d2 + rows;
                float x00 = src[s0 + c];
                float x01 = src[s0 + c + 1];
                float x02 = src[s0 + c + 2];
                float x03 = src[s0 + c + 3];
                float x10 = src[s1 + c];
                float x11 = src[s1 + c + 1];
                float x12 = src[s1 + c + 2];
                float x13 = src[s1 + c + 3];
                float x20 = src[s2 + c];
                float x21 = src[s2 + c + 1];
                float x22 = src[s2 + c + 2];
                float x23 = src[s2 + c + 3];
                float x30 = src[s3 + c];
                float x31 = src[s3 + c + 1];
                float x32 = src[s3 + c + 2];
                float x33 = src[s3 + c + 3];
                dst[d0] = x00;
                dst[d0 + 1] = x10;
                dst[d0 + 2] = x20;
                dst[d0 + 3] = x30;
                dst[d1] = x01;
                dst[d1 + 1] = x11;
                dst[d1 + 2] = x21;
                dst[d1 + 3] = x31;
                dst[d2] = x02;
                dst[d2 + 1] = x12;
                dst[d2 + 2] = x22;
                dst[d2 + 3] = x32;
                dst[d3] = x03;
                dst[d3 + 1] = x13;
                dst[d3 + 2] = x23;
                dst[d3 + 3] = x33;
            }
            for (; c < cols; c++) {
                int d = to + c * rows + r;
                dst[d] = src[s0 + c];
                dst[d + 1] = src[s1 + c];
                dst[d + 2] = src[s2 + c];
                dst[d + 3] = src[s3 + c];
            }
        }
        for (; r < rows; r++) {
            int s = from + r * cols;
            for (int c = 0; c < cols; c++) {
                dst[to + c * rows + r] = src[s + c];
            }
        }
    }

    /** dst[c][r] = src[r * cols + c]. */
    static void toRows(float[] src, int rows, int cols, float[][] dst) {
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int s0 = r * cols;
            int s1 = s0 + cols;
            int s2 = s1 + cols;
            int s3 = s2 + cols;
            for (int c = 0; c < cols; c++) {
                float[] d = dst[c];
                d[r] = src[s0 + c];
                d[r + 1] = src[s1 + c];
                d[r + 2] = src[s2 + c];
                d[r + 3] = src[s3 + c];
            }
        }
        for (; r < rows; r++) {
            int from = r * cols;
            for (int c = 0; c < cols; c++) {
                dst[c][r] = src[from + c];
            }
        }
    }
}
