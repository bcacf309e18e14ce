package io.chainrule.runtime.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chainrule.runtime.checkpoint.JsonValue.JsonArray;
import io.chainrule.runtime.checkpoint.JsonValue.JsonInteger;
import io.chainrule.runtime.checkpoint.JsonValue.JsonObject;
import io.chainrule.runtime.checkpoint.JsonValue.JsonString;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonReaderTest {

    @Test
    void readsNestedObjectsArraysIntegersAndStringsKeepingMemberOrder() throws JsonSyntaxException {
        JsonValue value = parse(" {\"z\": [1, -2, [], {}], \"a\" : {\"n\":\t0}\r\n} ");

        Map<String, JsonValue> expected = new LinkedHashMap<>();
        expected.put("z", new JsonArray(List.of(new JsonInteger(1), new JsonInteger(-2), new JsonArray(List.of()),
                new JsonObject(Map.of()))));
        expected.put("a", new JsonObject(Map.of("n", new JsonInteger(0))));
        assertEquals(new JsonObject(expected), value);
        assertEquals(List.of("z", "a"), List.copyOf(((JsonObject) value).members().keySet()));
    }

    @Test
    void decodesEveryEscape() throws JsonSyntaxException {
        assertEquals(new JsonString("\" \\ / \b \f \n \r \t \u0001 é 😀 é"),
                parse("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0001 \\u00e9 \\ud83d\\ude00 é\""));
    }

    @Test
    void readsTheExtremeLongs() throws JsonSyntaxException {
        assertEquals(new JsonArray(List.of(new JsonInteger(Long.MAX_VALUE), new JsonInteger(Long.MIN_VALUE))),
                parse("[9223372036854775807,-9223372036854775808]"));
    }

    @Test
    void whatItWritesItReadsBack() throws JsonSyntaxException {
        StringBuilder everyAwkwardChar = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            everyAwkwardChar.append(c);
        }
        everyAwkwardChar.append("é中😀\u2028");
        Map<String, JsonValue> members = new LinkedHashMap<>();
        members.put(everyAwkwardChar.toString(), new JsonArray(List.of(new JsonString(everyAwkwardChar.toString()),
                new JsonInteger(-7))));
        JsonObject value = new JsonObject(members);

        assertEquals(value, parse(value.toJson()));
    }

    @Test
    void writesCompactlyEscapingOnlyWhatJsonRequires() {
        assertEquals("{\"a\\\"b\":[\"\\\\\\n\\u001f/é\",-3]}", new JsonObject(Map.of("a\"b",
                new JsonArray(List.of(new JsonString("\\\n\u001f/é"), new JsonInteger(-3))))).toJson());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`{\"a\":1,}`| 7| expected a string key, found '}'",
        "[1 2]| 3| expected ',' or ']' in an array, found '2'",
        "`{\"a\" 1}`| 5| expected ':' after the key \"a\", found '1'",
        "`\"abc`| 0| unterminated string",
        "`\"a\\qb\"`| 2| invalid escape: a backslash followed by 'q'",
        "`\"\\u12g4\"`| 1| \\u must be followed by 4 hex digits",
        "`\"\\udc00\"`| 1| unpaired surrogate \\uDC00",
        "`\"\\ud800\\u0041\"`| 1| unpaired surrogate \\uD800",
        "01| 1| leading zeros are not allowed",
        "-| 1| expected a digit, found the end of the text",
        "1e5| 1| only integers are supported, found a fraction or an exponent",
        "9223372036854775808| 0| integer out of range: more than 64 bits",
        "null| 0| null is not supported: only strings, integers, arrays and objects are",
        "nope| 0| expected a value, found 'n'",
        "`{\"a\":1} {}`| 8| expected the end of the text after the value, found '{'",
    })
    void rejectsWithThePositionAndTheReason(String text, int position, String reason) {
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> parse(text));
        assertEquals(reason, e.reason());
        assertEquals(position, e.position());
    }

    @Test
    void rejectsRawControlCharactersInStrings() {
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> parse("\"a\nb\""));
        assertEquals("byte 2: unescaped control character 0x0a in a string", e.getMessage());
    }

    @Test
    void rejectsInvalidUtf8AtTheOffendingByte() {
        byte[] overlong = {'"', 'a', (byte) 0xc0, (byte) 0xaf, '"'};
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> JsonReader.parse(overlong));
        assertEquals("byte 2: invalid UTF-8 in a string", e.getMessage());
    }

    @Test
    void positionsCountBytesNotCharacters() {
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> parse("[\"中\" x]"));
        assertEquals("byte 7: expected ',' or ']' in an array, found 'x'", e.getMessage());
    }

    @Test
    void nestingIsBounded() throws JsonSyntaxException {
        parse("[".repeat(64) + "]".repeat(64));
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class,
                () -> parse("[".repeat(65) + "]".repeat(65)));
        assertEquals("byte 64: values nested deeper than 64 levels", e.getMessage());
    }

    private static JsonValue parse(String text) throws JsonSyntaxException {
        return JsonReader.parse(text.getBytes(StandardCharsets.UTF_8));
    }
}
