package io.chainrule.runtime.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The memory a data file is read into, refused with one line naming the heap it needs and {@code -Xmx} when this JVM
 * cannot hold it: a valid file too large for the heap is the user's setting to change, not an OutOfMemoryError.
 */
final class HeapArrays {
    private static final long MIB = 1 << 20;

    private HeapArrays() {
    }

    /** The most data bytes worth keeping while they are read: beyond the heap, they could never fit. */
    static long stagingLimit() {
        return Runtime.getRuntime().maxMemory();
    }

    /** An int array of {@code n} elements for {@code contents} of {@code file}, {@code staged} bytes being held. */
    static int[] ints(Path file, String contents, int n, long staged) throws IOException {
        long bytes = (long) n * Integer.BYTES;
        requireRoom(file, contents, bytes, staged);
        try {
            return new int[n];
        } catch (OutOfMemoryError e) {
            throw tooLarge(file, contents, bytes, staged);
        }
    }

    /** Refuses {@code bytes} more for {@code contents} of {@code file} beyond the heap, {@code staged} being held. */
    static void requireRoom(Path file, String contents, long bytes, long staged) throws IOException {
        if (bytes + staged > Runtime.getRuntime().maxMemory()) {
            throw tooLarge(file, contents, bytes, staged);
        }
    }

    /** The error for {@code bytes} that do not fit, {@code staged} bytes of data being held meanwhile. */
    static IOException tooLarge(Path file, String contents, long bytes, long staged) {
        long max = Runtime.getRuntime().maxMemory();
        String need = staged == 0 ? mib(bytes) + " of heap"
                : mib(bytes + staged) + " of heap (" + mib(bytes) + " for the array and " + mib(staged)
                        + " staged while reading)";
        return new IOException(file + ": " + contents + " need " + need + ", more than this JVM can allocate "
                + "(maximum heap " + mib(max) + "): run java with a larger -Xmx, e.g. -Xmx"
                + suggestedHeap(max + bytes + staged));
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
