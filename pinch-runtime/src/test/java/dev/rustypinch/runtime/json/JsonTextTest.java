package dev.rustypinch.runtime.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class JsonTextTest {
    @Test
    void compactHasNoWhitespaceBetweenTokens() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("b", 1L);
        value.put("a", Arrays.asList(true, null, 7));
        value.put("c", Map.of());
        assertEquals("{\"b\":1,\"a\":[true,null,7],\"c\":{}}", JsonText.compact(value));
    }

    @Test
    void mapIterationOrderIsKept() {
        Map<String, Object> sorted = new TreeMap<>(Map.of("zeta", 1, "alpha", 2, "mid", 3));
        assertEquals("{\"alpha\":2,\"mid\":3,\"zeta\":1}", JsonText.compact(sorted));
    }

    @Test
    void namedEscapesAreUsed() {
        assertEquals("\"q\\\" b\\\\ \\b \\f \\n \\r \\t\"", JsonText.compact("q\" b\\ \b \f \n \r \t"));
    }

    @Test
    void otherControlCharactersUseLowercaseHex() {
        assertEquals("\"\\u0000\\u0001\\u001b\\u001f\\u000b\"", JsonText.compact("\u0000\u0001\u001b\u001f\u000b"));
    }

    @Test
    void slashDeleteAndNonAsciiAreRaw() {
        String text = "a/b \u007f \u0080 \u00e9 \u2028 \u4e2d \ud83d\ude00";
        assertEquals("\"" + text + "\"", JsonText.compact(text));
    }

    @Test
    void everyCharacterBelowSpaceIsEscaped() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            all.append(c);
        }
        String expected = "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f"
                + "\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d"
                + "\\u001e\\u001f\"";
        assertEquals(expected, JsonText.compact(all.toString()));
    }

    @Test
    void prettyUsesTwoSpacesAndColonSpace() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("x", "y");
        inner.put("n", null);
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("a", 1);
        value.put("list", List.of("p", 2L));
        value.put("obj", inner);
        String expected = "{\n"
                + "  \"a\": 1,\n"
                + "  \"list\": [\n"
                + "    \"p\",\n"
                + "    2\n"
                + "  ],\n"
                + "  \"obj\": {\n"
                + "    \"x\": \"y\",\n"
                + "    \"n\": null\n"
                + "  }\n"
                + "}";
        assertEquals(expected, JsonText.pretty(value));
    }

    @Test
    void prettyWritesEmptyContainersWithoutSpace() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("list", new ArrayList<>());
        value.put("obj", new LinkedHashMap<>());
        assertEquals("{\n  \"list\": [],\n  \"obj\": {}\n}", JsonText.pretty(value));
        assertEquals("[]", JsonText.pretty(List.of()));
        assertEquals("{}", JsonText.pretty(Map.of()));
    }

    @Test
    void prettyEscapesLikeCompact() {
        assertEquals("[\n  \"\\u0001/\\n\u00e9\"\n]", JsonText.pretty(List.of("\u0001/\n\u00e9")));
    }

    @Test
    void jsonNodesAreWritten() throws Exception {
        JsonNode node = JsonText.parse("{\"b\":[1,2.5,-3e2,12345678901,123456789012345678901234567890],\"a\":\"x\","
                + "\"t\":true,\"f\":false,\"n\":null,\"o\":{}}");
        assertEquals("{\"b\":[1,2.5,-300.0,12345678901,123456789012345678901234567890],\"a\":\"x\",\"t\":true,"
                + "\"f\":false,\"n\":null,\"o\":{}}", JsonText.compact(node));
    }

    @Test
    void parseRejectsTrailingTokens() {
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> JsonText.parse("{\"a\":1}{\"b\":2}"));
        assertTrue(e.getOriginalMessage().contains("Trailing token"), e.getOriginalMessage());
        assertThrows(JsonProcessingException.class, () -> JsonText.parse("1 2".getBytes(UTF_8)));
    }

    @Test
    void parseOfEmptyTextIsMissing() throws Exception {
        assertTrue(JsonText.parse("").isMissingNode());
        assertTrue(JsonText.parse(" \n\t".getBytes(UTF_8)).isMissingNode());
        assertTrue(JsonText.parse("null").isNull());
    }

    @Test
    void truncatedTextIsAnEndOfInputError() {
        for (String text : List.of("{", "{\"a\":", "\"abc", "{\"a\":1")) {
            assertThrows(JsonEOFException.class, () -> JsonText.parse(text), text);
        }
    }

    @Test
    void malformedTextIsAnError() {
        for (String text : List.of("}", "{a:1}", "[1,]", "{\"a\" 1}", "tru", "01", "'x'", "{\"a\":1,}", "NaN")) {
            assertThrows(JsonProcessingException.class, () -> JsonText.parse(text), text);
        }
    }

    @Test
    void repeatedKeyKeepsTheLastValue() throws Exception {
        assertEquals("{\"a\":2,\"b\":3}", JsonText.compact(JsonText.parse("{\"a\":1,\"b\":3,\"a\":2}")));
    }

    @Test
    void nestingIsBoundedByTheParserConstraints() {
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        assertThrows(JsonProcessingException.class, () -> JsonText.parse(deep));
    }

    @Test
    void valuesOfOtherTypesAreStillWritten() {
        Map<Object, Object> keyedByNumber = new LinkedHashMap<>();
        keyedByNumber.put(7, new String[] {"x"});
        assertEquals("{\"7\":[\"x\"]}", JsonText.compact(keyedByNumber));
        assertEquals("[\n  \"x\"\n]", JsonText.pretty(new String[] {"x"}));
    }

    /**
     * The streaming reader and writer give exactly what Jackson's mapper gave before them (configured as the runtime
     * configured it), for random documents of every JSON type, escapes, surrogate pairs and number sizes.
     */
    @Test
    void streamingMatchesTheMapperOnRandomDocuments() throws Exception {
        ObjectMapper reference = JsonMapper.builder(JsonFactory.builder()
                        .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
                        .build())
                .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
                .disable(JsonWriteFeature.ESCAPE_NON_ASCII)
                .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        Random random = new Random(18);
        for (int i = 0; i < 2_000; i++) {
            Object value = randomValue(random, 0);
            String expected = reference.writeValueAsString(value);
            assertEquals(expected, JsonText.compact(value));
            JsonNode expectedTree = reference.readTree(expected);
            JsonNode tree = JsonText.parse(expected);
            assertEquals(expectedTree, tree, expected);
            assertEquals(expected, JsonText.compact(JsonText.parse(expected.getBytes(UTF_8))));
            assertEquals(reference.writeValueAsString(expectedTree), JsonText.compact(tree));
        }
    }

    private static Object randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 7 : 9);
        switch (kind) {
            case 0:
                return null;
            case 1:
                return random.nextBoolean();
            case 2:
                return random.nextInt();
            case 3:
                return random.nextBoolean() ? random.nextLong() : new BigInteger(100, random).negate();
            case 4:
                return random.nextBoolean() ? random.nextDouble() * Math.pow(10, random.nextInt(40) - 20)
                        : (double) random.nextInt(1000);
            case 5:
            case 6:
                return randomText(random);
            case 7: {
                List<Object> list = new ArrayList<>();
                for (int n = random.nextInt(4); n > 0; n--) {
                    list.add(randomValue(random, depth + 1));
                }
                return list;
            }
            default: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int n = random.nextInt(4); n > 0; n--) {
                    map.put(randomText(random), randomValue(random, depth + 1));
                }
                return map;
            }
        }
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(12); n > 0; n--) {
            int pick = random.nextInt(6);
            if (pick == 0) {
                text.append((char) random.nextInt(0x21));
            } else if (pick == 1) {
                text.append("\"\\/\u007f\u2028".charAt(random.nextInt(5)));
            } else if (pick == 2) {
                text.appendCodePoint(0x1F600 + random.nextInt(50));
            } else if (pick == 3) {
                text.append((char) (0x80 + random.nextInt(0x700)));
            } else {
                text.append((char) ('a' + random.nextInt(26)));
            }
        }
        return text.toString();
    }
}
