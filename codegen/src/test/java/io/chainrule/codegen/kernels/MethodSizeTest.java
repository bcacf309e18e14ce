package io.chainrule.codegen.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** C2 does not compile a method over HugeMethodLimit (8,000 bytes of bytecode): the kernels must stay below it. */
class MethodSizeTest {
    private static final int HUGE_METHOD_LIMIT = 8000;

    @Test
    void everyKernelMethodIsCompilable() throws IOException {
        for (Class<?> kernel : new Class<?>[] {VectorGemm.class, VectorGemv.class, VectorDots.class, PlainGemm.class,
                Transpose.class, VectorTranspose.class, Gemm.class}) {
            Map<String, Integer> sizes = codeLengths(kernel);
            assertTrue(sizes.size() > 2, kernel + " has methods");
            sizes.forEach((method, size) -> assertTrue(size < HUGE_METHOD_LIMIT, kernel.getSimpleName() + "."
                    + method + " has " + size + " bytes of bytecode"));
        }
        int tile = codeLengths(VectorGemm.class).get("tile3");
        assertTrue(tile > 500 && tile < 2000, "the 4 x 3L tile, about 1 KB, read as " + tile);
    }

    /** Method name (the first of overloads) to the length of its Code attribute, read from the class file. */
    static Map<String, Integer> codeLengths(Class<?> type) throws IOException {
        Map<String, Integer> lengths = new LinkedHashMap<>();
        try (InputStream bytes = type.getResourceAsStream(type.getSimpleName() + ".class");
                DataInputStream in = new DataInputStream(bytes)) {
            in.readInt();
            in.readInt();
            int poolSize = in.readUnsignedShort();
            String[] utf8 = new String[poolSize];
            for (int i = 1; i < poolSize; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                    case 15 -> in.skipNBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                    case 5, 6 -> {
                        in.skipNBytes(8);
                        i++;
                    }
                    default -> throw new IOException("constant pool tag " + tag);
                }
            }
            in.skipNBytes(6);
            in.skipNBytes(2L * in.readUnsignedShort());
            skipMembers(in);
            int methods = in.readUnsignedShort();
            for (int m = 0; m < methods; m++) {
                in.skipNBytes(2);
                String name = utf8[in.readUnsignedShort()];
                in.skipNBytes(2);
                int attributes = in.readUnsignedShort();
                for (int a = 0; a < attributes; a++) {
                    String attribute = utf8[in.readUnsignedShort()];
                    int length = in.readInt();
                    if (attribute.equals("Code")) {
                        in.skipNBytes(4);
                        lengths.putIfAbsent(name, in.readInt());
                        in.skipNBytes(length - 8L);
                    } else {
                        in.skipNBytes(length);
                    }
                }
            }
        }
        return lengths;
    }

    private static void skipMembers(DataInputStream in) throws IOException {
        int count = in.readUnsignedShort();
        for (int f = 0; f < count; f++) {
            in.skipNBytes(6);
            int attributes = in.readUnsignedShort();
            for (int a = 0; a < attributes; a++) {
                in.skipNBytes(2);
                in.skipNBytes(in.readInt());
            }
        }
    }
}
