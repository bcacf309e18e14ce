package io.chainrule.runtime.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every check of a header, each failing with its own one-line message naming the file. */
class CorruptHeaderTest {
    private static final String READ = "F64, F32, I32, F16 and BF16 (widened to f32) and I64 (narrowed to i32)";

    @TempDir
    Path dir;

    static Stream<Arguments> corruptFiles() {
        String wrongSize = "{\"fc1.weight\":{\"dtype\":\"F32\",\"shape\":[120,784],\"data_offsets\":[0,376316]}}";
        String missingComma = "{\"a\":{\"dtype\":\"F32\" \"shape\":[1],\"data_offsets\":[0,4]}}";
        return Stream.of(
                corrupt("a header length beyond the format's limit", RawFile.hex("00 00 00 00 00 00 00 01 7b 7d"),
                        "the header length, 72057594037927936 bytes, is more than the 100000000 safetensors allows"
                                + " (the file has 10): not a safetensors file"),
                corrupt("a header length with the top bit set", RawFile.hex("ff ff ff ff ff ff ff ff 7b 7d"),
                        "the header length, 18446744073709551615 bytes, is more than the 100000000 safetensors"
                                + " allows (the file has 10): not a safetensors file"),
                corrupt("an empty header", "", 0,
                        "malformed header JSON at byte 0 of the header: expected a value, found the end of the text"),
                corrupt("malformed JSON", missingComma, 0, "malformed header JSON at byte "
                        + missingComma.indexOf("\"shape\"") + " of the header: expected ',' or '}' in an object,"
                        + " found '\"'"),
                corrupt("invalid UTF-8", RawFile.assemble(RawFile.hex("7b 22 61 ff 22 3a 7b 7d 7d"), new byte[0]),
                        "malformed header JSON at byte 3 of the header: invalid UTF-8 in a string"),
                corrupt("a literal JSON has but headers do not", "{\"a\":true}", 0,
                        "malformed header JSON at byte 5 of the header: true is not supported: only strings,"
                                + " integers, arrays and objects are"),
                corrupt("a fraction", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", 4,
                        "malformed header JSON at byte 30 of the header: only integers are supported, found a"
                                + " fraction or an exponent"),
                corrupt("an integer beyond 64 bits", "{\"a\":{\"data_offsets\":[0,99999999999999999999]}}", 0,
                        "malformed header JSON at byte 24 of the header: integer out of range: more than 64 bits"),
                corrupt("a duplicate key", "{\"a\":{},\"a\":{}}", 0,
                        "malformed header JSON at byte 8 of the header: duplicate key \"a\""),
                corrupt("an unpaired surrogate", "{\"\\ud800\":{}}", 0,
                        "malformed header JSON at byte 2 of the header: unpaired surrogate \\uD800"),
                corrupt("text after the header object", "{} x", 0, "malformed header JSON at byte 3 of the header:"
                        + " expected the end of the text after the value, found 'x'"),
                corrupt("nesting too deep", "{\"a\":" + "[".repeat(100), 0,
                        "malformed header JSON at byte 68 of the header: values nested deeper than 64 levels"),
                corrupt("a header that is not an object", "[1,2]", 0, "the header is an array, not an object"),
                corrupt("metadata that is not an object", "{\"__metadata__\":\"pt\"}", 0,
                        "__metadata__ is a string, not an object of strings"),
                corrupt("metadata that is not a string", "{\"__metadata__\":{\"epoch\":3}}", 0,
                        "__metadata__ value for \"epoch\" is an integer, not a string"),
                corrupt("an entry that is not an object", "{\"a\":[0,4]}", 0,
                        "tensor a: expected an object with dtype, shape and data_offsets, found an array"),
                corrupt("an unexpected key", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"offsets\":[0,4]}}", 4,
                        "tensor a: unexpected key \"offsets\" (an entry has dtype, shape and data_offsets)"),
                corrupt("a missing key", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4, "tensor a: no data_offsets"),
                corrupt("an unknown dtype", "{\"a\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,4]}}", 4,
                        "tensor a: dtype \"U8\" cannot be read; chainrule reads " + READ),
                corrupt("a dtype that is not a string", "{\"a\":{\"dtype\":32,\"shape\":[1],\"data_offsets\":[0,4]}}",
                        4, "tensor a: dtype is an integer, not a string"),
                corrupt("a negative dimension", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2,-1],\"data_offsets\":[0,4]}}",
                        4, "tensor a: shape [2,-1] is not an array of integers from 0 to 2147483647"),
                corrupt("a dimension beyond int",
                        "{\"a\":{\"dtype\":\"F32\",\"shape\":[3000000000],\"data_offsets\":[0,4]}}", 4,
                        "tensor a: shape [3000000000] is not an array of integers from 0 to 2147483647"),
                corrupt("more elements than a tensor holds",
                        "{\"a\":{\"dtype\":\"F32\",\"shape\":[65536,65536],\"data_offsets\":[0,4]}}", 4,
                        "tensor a: shape [65536,65536] has more than 2147483647 elements, the most a chainrule"
                                + " tensor holds"),
                corrupt("one offset", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4]}}", 4,
                        "tensor a: data_offsets [4] is not a pair [begin, end] of non-negative integers"),
                corrupt("a negative offset", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[-4,0]}}", 4,
                        "tensor a: data_offsets [-4,0] is not a pair [begin, end] of non-negative integers"),
                corrupt("offsets that end before they begin",
                        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,4]}}", 8,
                        "tensor a: data_offsets [8, 4] end before they begin"),
                corrupt("offsets that disagree with the shape", wrongSize, 376316,
                        "tensor fc1.weight: f32[120,784] needs 376320 bytes, data_offsets give 376316"),
                corrupt("overlapping offsets", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12,
                        "tensor b: data_offsets [4, 12] overlap those of tensor a, [0, 8]"),
                corrupt("a gap between tensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[12,20]}}", 20,
                        "tensor b: data_offsets [12, 20] leave bytes 8 to 12 of the data unused"),
                corrupt("a gap before the first tensor",
                        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12,
                        "tensor a: data_offsets [4, 12] leave bytes 0 to 4 of the data unused"),
                corrupt("offsets out of range", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[1000,1008]}}", 16,
                        "tensor b: data_offsets [1000, 1008] lie outside the 16 bytes of data"),
                corrupt("a name with a line break, shown quoted to keep the message on one line",
                        "{\"fc1\\nweight\":{\"dtype\":\"BOOL\",\"shape\":[],\"data_offsets\":[0,1]}}", 1,
                        "tensor \"fc1\\nweight\": dtype \"BOOL\" cannot be read; chainrule reads " + READ),
                corrupt("trailing bytes", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 12,
                        "4 trailing bytes after the 8 bytes of tensor data the header describes"));
    }

    private static Arguments corrupt(String what, String header, int dataBytes, String problem) {
        return corrupt(what, RawFile.assemble(header, new byte[dataBytes]), problem);
    }

    private static Arguments corrupt(String what, byte[] file, String problem) {
        return Arguments.of(what, file, problem);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptFiles")
    void eachProblemHasItsOwnMessage(String what, byte[] contents, String problem) throws IOException {
        Path file = dir.resolve("corrupt.safetensors");
        Files.write(file, contents);

        SafeTensorsFormatException e = assertThrows(SafeTensorsFormatException.class, () -> SafeTensors.read(file));

        assertEquals(file + ": " + problem, e.getMessage());
    }
}
