package io.chainrule.runtime.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The arrays a data file is read into, refused with one line naming the heap they need and {@code -Xmx} when this JVM
 * cannot hold them: a valid file too large for the heap is the user's setting to change, not an OutOfMemoryError.
 */
final class HeapArrays {
    /** Bytes per element of both kinds of result, f32 and i32. */
    static final int ELEMENT_BYTES = Float.BYTES;

    private static final long MIB = 1 << 20;

    private HeapArrays() {
    }

    /**
     * The most data bytes worth staging before the result is allocated: beyond it, the staged bytes and the result
     * together could never fit in the heap.
     */
    static long stagingLimit() {
        return Runtime.getRuntime().maxMemory() / (1 + ELEMENT_BYTES);
    }

    /** A float array of {@code n} elements for {@code contents} of {@code file}, {@code staged} bytes being held. */
    static float[] floats(Path file, String contents, int n, long staged) throws IOException {
        requireRoom(file, contents, n, staged);
        try {
            return new float[n];
        } catch (OutOfMemoryError e) {
            throw tooLarge(file, contents, n, staged);
        }
    }

    /** An int array of {@code n} elements for {@code contents} of {@code file}, {@code staged} bytes being held. */
    static int[] ints(Path file, String contents, int n, long staged) throws IOException {
        requireRoom(file, contents, n, staged);
        try {
            return new int[n];
        } catch (OutOfMemoryError e) {
            throw tooLarge(file, contents, n, staged);
        }
    }

    private static void requireRoom(Path file, String contents, int n, long staged) throws IOException {
        if ((long) n * ELEMENT_BYTES + staged > Runtime.getRuntime().maxMemory()) {
            throw tooLarge(file, contents, n, staged);
        }
    }

    /** The error for {@code n} elements that do not fit, {@code staged} bytes of data being held meanwhile. */
    static IOException tooLarge(Path file, String contents, long n, long staged) {
        long array = n * ELEMENT_BYTES;
        long max = Runtime.getRuntime().maxMemory();
        String need = staged == 0 ? mib(array) + " of heap"
                : mib(array + staged) + " of heap (" + mib(array) + " for the array and " + mib(staged)
                        + " staged while reading)";
        return new IOException(file + ": " + contents + " need " + need + ", more than this JVM can allocate "
                + "(maximum heap " + mib(max) + "): run java with a larger -Xmx, e.g. -Xmx"
                + suggestedHeap(max + array + staged));
    }

    private static String mib(long bytes) {
        return (bytes + MIB - 1) / MIB + " MiB";
    }

    /** A round -Xmx value of at least {@code bytes}: the next power of two in MiB or GiB. */
    private static String suggestedHeap(long bytes) {
        long mib = (bytes + MIB - 1) / MIB;
        long power = Long.highestOneBit(mib);
        if (power < mib) {
            power <<= 1;
        }
        return power >= 1024 ? power / 1024 + "g" : power + "m";
    }
}
