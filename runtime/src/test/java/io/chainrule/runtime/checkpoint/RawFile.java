package io.chainrule.runtime.checkpoint;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Safetensors files assembled byte by byte, without chainrule's writer. */
final class RawFile {
    private RawFile() {
    }

    /** The 8-byte little-endian length of {@code header}, the header, then {@code data}. */
    static byte[] assemble(byte[] header, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long length = header.length;
        for (int i = 0; i < 8; i++) {
            out.write((int) (length >>> (8 * i)));
        }
        out.writeBytes(header);
        out.writeBytes(data);
        return out.toByteArray();
    }

    static byte[] assemble(String header, byte[] data) {
        return assemble(header.getBytes(StandardCharsets.UTF_8), data);
    }

    /** {@code json} followed by spaces up to a multiple of 8 bytes, as the reference writer pads it. */
    static String padded(String json) {
        int length = json.getBytes(StandardCharsets.UTF_8).length;
        return json + " ".repeat((8 - length % 8) % 8);
    }

    /** Bytes from hex pairs, spaces ignored: {@code "00 00 80 3f"}. */
    static byte[] hex(String pairs) {
        String digits = pairs.replace(" ", "");
        byte[] bytes = new byte[digits.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }
}
