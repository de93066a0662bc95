package dev.rustypinch.runtime.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        JsonNode node = JsonText.mapper().readTree("{\"b\":[1,2],\"a\":\"x\"}");
        assertEquals("{\"b\":[1,2],\"a\":\"x\"}", JsonText.compact(node));
    }

    @Test
    void mapperRejectsTrailingTokens() {
        assertThrows(Exception.class, () -> JsonText.mapper().readTree("{\"a\":1}{\"b\":2}"));
    }
}
