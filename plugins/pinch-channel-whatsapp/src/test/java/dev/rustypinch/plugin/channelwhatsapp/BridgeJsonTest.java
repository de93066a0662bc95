package dev.rustypinch.plugin.channelwhatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BridgeJsonTest {
    private static Map<String, BridgeJson.Value> members(String text) {
        return BridgeJson.readObject(text).orElseThrow(() -> new AssertionError("not read: " + text));
    }

    @Test
    void framesAreCompactWithAlphabeticalKeys() {
        assertEquals("{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"}", BridgeJson.write(Map.of("c", "3", "a", "1", "b", "2")));
    }

    @Test
    void framesUseTheSpecEscaping() {
        String text = "q\" b\\ \b\f\n\r\t \u0001 \u001f / \u007f é 😀";

        String frame = BridgeJson.write(Map.of("t", text));

        assertEquals("{\"t\":\"q\\\" b\\\\ \\b\\f\\n\\r\\t \\u0001 \\u001f / \u007f é 😀\"}", frame);
    }

    @Test
    void anEmptyFrameIsAnEmptyObject() {
        assertEquals("{}", BridgeJson.write(Map.of()));
    }

    @Test
    void onlyASingleJsonObjectIsAFrame() {
        assertTrue(BridgeJson.readObject("{\"type\":\"message\"}").isPresent());
        assertTrue(BridgeJson.readObject("{\"type\":\"message\"} {}").isEmpty());
        assertTrue(BridgeJson.readObject("{\"type\":\"a\",\"type\":\"b\"}").isEmpty());
        assertTrue(BridgeJson.readObject("[]").isEmpty());
        assertTrue(BridgeJson.readObject("").isEmpty());
        assertTrue(BridgeJson.readObject("not json").isEmpty());
    }

    @Test
    void membersAreReadAsTextNullOrOther() {
        Map<String, BridgeJson.Value> members = members("{\"s\":\"x\",\"n\":null,\"i\":1,\"f\":-2.5e3,\"t\":true,"
                + "\"b\":false,\"a\":[1,\"x\",null],\"o\":{\"k\":\"v\"},\"e\":\"\"}");

        assertEquals(Map.of("s", new BridgeJson.Value.Text("x"), "n", BridgeJson.Value.NULL, "i", BridgeJson.Value.OTHER,
                "f", BridgeJson.Value.OTHER, "t", BridgeJson.Value.OTHER, "b", BridgeJson.Value.OTHER,
                "a", BridgeJson.Value.OTHER, "o", BridgeJson.Value.OTHER, "e", new BridgeJson.Value.Text("")), members);
    }

    @Test
    void nestedMembersDoNotBecomeTopLevelMembers() {
        assertEquals(Map.of("type", new BridgeJson.Value.Text("message"), "meta", BridgeJson.Value.OTHER),
                members("{\"type\":\"message\",\"meta\":{\"from\":\"u\",\"content\":[\"hi\"]}}"));
    }

    @Test
    void anEmptyObjectHasNoMembers() {
        assertEquals(Map.of(), members(" {} "));
    }

    @Test
    void escapesAndSurrogatePairsAreDecoded() {
        assertEquals(Map.of("t", new BridgeJson.Value.Text("a\"b\\c/d\n\u00e9\u20ac😀😀")),
                members("{\"t\":\"a\\\"b\\\\c\\/d\\n\\u00e9\\u20AC\\ud83d\\ude00😀\"}"));
    }

    @Test
    void aLoneEscapedSurrogateIsKeptAsGiven() {
        assertEquals(Map.of("t", new BridgeJson.Value.Text("x\ud800y")), members("{\"t\":\"x\\ud800y\"}"));
    }

    @Test
    void whitespaceAroundTheObjectIsAllowed() {
        assertEquals(Map.of("type", new BridgeJson.Value.Text("status")), members("\n\t {\"type\" : \"status\"}\r\n "));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"message\"",
        "{\"type\":\"message\",",
        "{\"type\":",
        "{\"type\"",
        "{\"ty",
        "{",
        "{\"type\":\"message\",}",
        "{\"type\":\"mess",
        "{\"type\":\"message\" \"from\":\"u\"}",
        "{type:\"message\"}",
        "{'type':'message'}",
        "{\"type\":\"message\"}}",
        "{\"type\":\"x\",\"media\":[1,}",
        "{\"type\":\"x\",\"media\":[1,2}",
        "{\"type\":\"x\",\"media\":{\"a\":1]}",
        "{\"type\":\"x\",\"media\":{\"a\":}}",
        "{\"type\":\"x\",\"n\":01}",
        "{\"type\":\"x\",\"n\":NaN}",
        "{\"type\":\"x\",\"b\":True}",
        "{\"type\":\"x\"} // comment",
        "{\"type\":\"x\",\"t\":\"bad \\q escape\"}",
        "{\"type\":\"x\",\"t\":\"\\u12\"}",
        "{\"type\":\"x\",\"t\":\"raw\ncontrol\"}"
    })
    void malformedOrTruncatedJsonIsNotAFrame(String text) {
        assertEquals(Optional.empty(), BridgeJson.readObject(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"type\":\"message\"}]", "\"message\"", "42", "-1.5", "true", "null", " ", "\n"})
    void aRootThatIsNotAnObjectIsNotAFrame(String text) {
        assertEquals(Optional.empty(), BridgeJson.readObject(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{} {}", "{}[]", "{}]", "{}}", "{} x", "{},", "{}\"s\"", "{} null", "{} 1"})
    void anythingAfterTheObjectIsNotAFrame(String text) {
        assertEquals(Optional.empty(), BridgeJson.readObject(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"a\",\"type\":\"a\"}",
        "{\"type\":\"a\",\"id\":null,\"id\":\"1\"}",
        "{\"type\":\"a\",\"meta\":{\"k\":1,\"k\":2}}",
        "{\"type\":\"a\",\"list\":[{\"k\":1},{\"k\":2,\"k\":3}]}"
    })
    void aDuplicateKeyAtAnyDepthIsNotAFrame(String text) {
        assertEquals(Optional.empty(), BridgeJson.readObject(text));
    }

    @Test
    void theSameKeyInDifferentObjectsIsNoDuplicate() {
        assertEquals(Map.of("type", new BridgeJson.Value.Text("a"), "x", BridgeJson.Value.OTHER),
                members("{\"type\":\"a\",\"x\":[{\"type\":1},{\"type\":2}]}"));
    }
}
