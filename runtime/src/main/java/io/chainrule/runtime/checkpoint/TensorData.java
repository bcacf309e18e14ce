package io.chainrule.runtime.checkpoint;

import io.chainrule.runtime.Tensor;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A tensor's elements as safetensors stores them: row-major, little-endian, nothing between them. They go through a
 * reused buffer a chunk at a time, so a large tensor never needs a second copy in memory; bulk views copy bits as they
 * are, NaN payloads and negative zeros included.
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

    /** Fills {@code tensor} from the next bytes of {@code in}; fails with EOFException if they run out. */
    static void read(ReadableByteChannel in, Tensor tensor, ByteBuffer buffer) throws IOException {
        int elementBytes = tensor.dtype().byteSize();
        int perChunk = buffer.capacity() / elementBytes;
        for (int from = 0; from < tensor.size(); from += perChunk) {
            int count = Math.min(perChunk, tensor.size() - from);
            buffer.clear().limit(count * elementBytes);
            readFully(in, buffer);
            buffer.flip();
            switch (tensor.dtype()) {
                case F32 -> buffer.asFloatBuffer().get(tensor.floats(), from, count);
                case F64 -> buffer.asDoubleBuffer().get(tensor.doubles(), from, count);
                case I32 -> buffer.asIntBuffer().get(tensor.ints(), from, count);
            }
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
