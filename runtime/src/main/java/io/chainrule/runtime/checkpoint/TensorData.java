package io.chainrule.runtime.checkpoint;

import io.chainrule.runtime.Tensor;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A tensor's elements as safetensors stores them: row-major, little-endian, nothing between them. They go through a
 * reused buffer a chunk at a time, so a large tensor never needs a second copy in memory; bulk views copy bits as they
 * are, NaN payloads and negative zeros included. Dtypes PyTorch writes and chainrule does not compute in are converted
 * element by element as they are read.
 */
final class TensorData {
    private static final int CHUNK_BYTES = 1 << 16;

    private TensorData() {
    }

    /** A buffer for {@link #write} and {@link #read}: a whole number of elements of every dtype, little-endian. */
    static ByteBuffer buffer() {
        return ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    }

    static void write(WritableByteChannel out, Tensor tensor, ByteBuffer buffer) throws IOException {
        int elementBytes = tensor.dtype().byteSize();
        int perChunk = buffer.capacity() / elementBytes;
        for (int from = 0; from < tensor.size(); from += perChunk) {
            int count = Math.min(perChunk, tensor.size() - from);
            buffer.clear();
            switch (tensor.dtype()) {
                case F32 -> buffer.asFloatBuffer().put(tensor.floats(), from, count);
                case F64 -> buffer.asDoubleBuffer().put(tensor.doubles(), from, count);
                case I32 -> buffer.asIntBuffer().put(tensor.ints(), from, count);
            }
            buffer.limit(count * elementBytes);
            writeFully(out, buffer);
        }
    }

    /** An I64 value that an i32 tensor cannot hold, at element {@code element} of the tensor. */
    static final class OutOfRange extends IOException {
        OutOfRange(long value, long element) {
            super("I64 value " + value + " at element " + element + " does not fit in i32");
        }
    }

    /**
     * Fills {@code tensor} from the next bytes of {@code in}, elements of the {@code stored} dtype, converted to the
     * tensor's; fails with EOFException if they run out, or OutOfRange at an I64 value beyond i32.
     */
    static void read(ReadableByteChannel in, SafeTensorsDtype stored, Tensor tensor, ByteBuffer buffer)
            throws IOException {
        int elementBytes = stored.byteSize();
        int perChunk = buffer.capacity() / elementBytes;
        for (int from = 0; from < tensor.size(); from += perChunk) {
            int count = Math.min(perChunk, tensor.size() - from);
            buffer.clear().limit(count * elementBytes);
            readFully(in, buffer);
            buffer.flip();
            switch (stored) {
                case F32 -> buffer.asFloatBuffer().get(tensor.floats(), from, count);
                case F64 -> buffer.asDoubleBuffer().get(tensor.doubles(), from, count);
                case I32 -> buffer.asIntBuffer().get(tensor.ints(), from, count);
                case I64 -> narrow(buffer.asLongBuffer(), tensor.ints(), from, count);
                case F16 -> widen(buffer.asShortBuffer(), tensor.floats(), from, count, false);
                case BF16 -> widen(buffer.asShortBuffer(), tensor.floats(), from, count, true);
            }
        }
    }

    private static void narrow(LongBuffer values, int[] into, int from, int count) throws OutOfRange {
        for (int i = 0; i < count; i++) {
            long v = values.get(i);
            if (v != (int) v) {
                throw new OutOfRange(v, from + i);
            }
            into[from + i] = (int) v;
        }
    }

    private static void widen(ShortBuffer values, float[] into, int from, int count, boolean bfloat16) {
        for (int i = 0; i < count; i++) {
            short bits = values.get(i);
            into[from + i] = bfloat16 ? HalfFloats.bf16(bits) : HalfFloats.f16(bits);
        }
    }

    static void writeFully(WritableByteChannel out, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }

    static void readFully(ReadableByteChannel in, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            if (in.read(bytes) < 0) {
                throw new EOFException();
            }
        }
    }
}
