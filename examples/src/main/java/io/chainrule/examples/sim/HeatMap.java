package io.chainrule.examples.sim;

/**
 * A field of values over the input plane, sent as one byte per cell in hex: a heat map needs 256 shades, not 17
 * digits, and the pages stay small enough to poll while training. A cell's value is {@code lo + (hi - lo) * b / 255}.
 *
 * @param size  cells per side; row 0 is the top (y = extent), column 0 the left (x = -extent)
 * @param lo    the value of byte 0
 * @param hi    the value of byte 255
 * @param cells the values, row-major
 */
record HeatMap(int size, double lo, double hi, double[] cells) {
    /** Half the side of the square the maps cover, [-extent, extent]^2: the data's [-1, 1]^2 and a margin. */
    static final double EXTENT = 1.25;

    /** A map of {@code cells} from their own least to their greatest value. */
    static HeatMap of(int size, double[] cells) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double c : cells) {
            lo = Math.min(lo, c);
            hi = Math.max(hi, c);
        }
        return new HeatMap(size, lo, hi, cells);
    }

    /** The centers of the cells of a {@code size} x {@code size} grid, row-major, as (x, y) pairs. */
    static float[] grid(int size) {
        float[] xy = new float[size * size * 2];
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                int i = (r * size + c) * 2;
                xy[i] = (float) (-EXTENT + (c + 0.5) * 2 * EXTENT / size);
                xy[i + 1] = (float) (EXTENT - (r + 0.5) * 2 * EXTENT / size);
            }
        }
        return xy;
    }

    /** This map at half the resolution: each cell the mean of a 2 x 2 block. */
    HeatMap halved() {
        int half = size / 2;
        double[] out = new double[half * half];
        for (int r = 0; r < half; r++) {
            for (int c = 0; c < half; c++) {
                int i = 2 * r * size + 2 * c;
                out[r * half + c] = (cells[i] + cells[i + 1] + cells[i + size] + cells[i + size + 1]) / 4;
            }
        }
        return of(half, out);
    }

    String hex() {
        StringBuilder sb = new StringBuilder(cells.length * 2);
        double range = hi - lo;
        for (double v : cells) {
            int b = range > 0 ? (int) Math.round((v - lo) / range * 255) : 0;
            sb.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16));
        }
        return sb.toString();
    }

    void write(JsonWriter w) {
        w.beginObject().name("size").value(size).name("lo").value(lo).name("hi").value(hi).name("q").value(hex())
                .endObject();
    }
}
