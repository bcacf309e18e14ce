package io.chainrule.runtime.checkpoint;

import io.chainrule.runtime.Tensor;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes the safetensors format, which PyTorch users open with {@code safetensors.torch.load_file}: an
 * 8-byte little-endian header length, a JSON header giving each tensor's dtype, shape and byte range, then the raw
 * little-endian data. Writes F64, F32 and I32; reads these and what PyTorch writes besides: I64 (PyTorch's default
 * for labels) into i32 when every value fits, F16 and BF16 widened exactly to f32.
 */
public final class SafeTensors {
    private static final int LENGTH_BYTES = 8;

    private SafeTensors() {
    }

    /**
     * Writes {@code tensors} and the string pairs of {@code metadata} to {@code file}, replacing it atomically: if
     * anything fails, the file is left as it was. Tensors are laid out as the reference writer lays them out, so the
     * same tensors give the same bytes. Fails before touching the disk on a name safetensors cannot hold
     * ({@code __metadata__}, unpaired surrogates) or a null.
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        AtomicFile.write(file, contents(tensors, metadata));
    }

    /** The file's contents, laid out and checked now, written when called. */
    static AtomicFile.Contents contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
        Map<String, Tensor> snapshot = new LinkedHashMap<>(tensors);
        Header header = Header.layOut(snapshot, metadata);
        byte[] headerBytes = header.encode();
        return out -> {
            ByteBuffer length = ByteBuffer.allocate(LENGTH_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            length.putLong(headerBytes.length).flip();
            TensorData.writeFully(out, length);
            TensorData.writeFully(out, ByteBuffer.wrap(headerBytes));
            ByteBuffer buffer = TensorData.buffer();
            for (HeaderEntry e : header.entries()) {
                TensorData.write(out, snapshot.get(e.name()), buffer);
            }
        };
    }

    /**
     * Reads every tensor and the metadata of {@code file}, checking all of it first: a truncated or inconsistent file
     * fails with a {@link SafeTensorsFormatException} whose one line names the file and the problem.
     */
    public static SafeTensorsFile read(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            if (size < LENGTH_BYTES) {
                throw new SafeTensorsFormatException(file, "truncated: " + size + " bytes, fewer than the "
                        + LENGTH_BYTES + " of the header length");
            }
            ByteBuffer length = ByteBuffer.allocate(LENGTH_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            TensorData.readFully(in, length);
            long headerLength = length.getLong(0);
            if (Long.compareUnsigned(headerLength, Header.MAX_BYTES) > 0) {
                throw new SafeTensorsFormatException(file, "the header length, " + Long.toUnsignedString(headerLength)
                        + " bytes, is more than the " + Header.MAX_BYTES + " safetensors allows (the file has "
                        + size + "): not a safetensors file");
            }
            long afterLength = size - LENGTH_BYTES;
            if (headerLength > afterLength) {
                throw new SafeTensorsFormatException(file, "truncated inside the header: the header length is "
                        + headerLength + " bytes, the file holds " + afterLength + " after it");
            }
            byte[] headerBytes = new byte[(int) headerLength];
            TensorData.readFully(in, ByteBuffer.wrap(headerBytes));
            Header header = HeaderParser.parse(file, headerBytes, afterLength - headerLength);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            ByteBuffer buffer = TensorData.buffer();
            for (HeaderEntry e : header.entries()) {
                Tensor t = Tensor.zeros(e.type());
                try {
                    TensorData.read(in, e.stored(), t, buffer);
                } catch (EOFException ended) {
                    throw new SafeTensorsFormatException(file, "truncated while being read: the file ended inside"
                            + " tensor " + Names.shown(e.name()));
                } catch (TensorData.OutOfRange v) {
                    throw new SafeTensorsFormatException(file, "tensor " + Names.shown(e.name()) + ": "
                            + v.getMessage() + ", chainrule's integer dtype; I64 tensors load when every value lies"
                            + " in [" + Integer.MIN_VALUE + ", " + Integer.MAX_VALUE + "]");
                }
                tensors.put(e.name(), t);
            }
            return new SafeTensorsFile(tensors, header.metadata());
        }
    }
}
