package dev.rustypinch.plugin.channeltelegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The plugin's streaming JSON against what Jackson databind's {@code ObjectMapper.readTree} and {@code writeValueAsString}
 * gave before (the oracle here).
 */
class TelegramJsonTest {
    private static JsonNode oracle(String text) throws JsonProcessingException {
        return TelegramBotApiJson.JSON.readTree(text);
    }

    private static ObjectNode read(String text) {
        return TelegramJson.readObject(text).orElseThrow(() -> new AssertionError("not read as an object: " + text));
    }

    private static void assertReadAsBefore(String text) throws JsonProcessingException {
        assertEquals(oracle(text), read(text), text);
    }

    @Test
    void updatesPageIsReadAsReadTreeReadIt() throws Exception {
        assertReadAsBefore("{\"ok\":true,\"result\":[{\"update_id\":99,\"message\":{\"message_id\":1,\"from\":{\"id\":777,"
                + "\"is_bot\":false,\"first_name\":\"A\",\"username\":null},\"chat\":{\"id\":-1001234567890,\"type\":"
                + "\"supergroup\"},\"date\":1700000000,\"text\":\"hi\",\"entities\":[],\"ratio\":0.5,\"exp\":1e3}},"
                + "{\"update_id\":100,\"edited_message\":{}}]}");
    }

    @Test
    void integersKeepTheirSizeAndOtherNumbersAreDoubles() throws Exception {
        ObjectNode json = read("{\"int\":2147483647,\"long\":2147483648,\"big\":18446744073709551616,\"negative\":"
                + "-9223372036854775809,\"fraction\":1.0,\"exponent\":1E2}");

        assertInstanceOf(IntNode.class, json.get("int"));
        assertInstanceOf(LongNode.class, json.get("long"));
        assertInstanceOf(BigIntegerNode.class, json.get("big"));
        assertInstanceOf(BigIntegerNode.class, json.get("negative"));
        assertInstanceOf(DoubleNode.class, json.get("fraction"));
        assertInstanceOf(DoubleNode.class, json.get("exponent"));
        assertEquals(oracle(json.get("big").bigIntegerValue().toString()), json.get("big"));
    }

    @Test
    void numberLongerThanTheParserLimitIsNotRead() {
        assertEquals(Optional.empty(), TelegramJson.readObject("{\"update_id\":" + "9".repeat(1001) + "}"));
        assertThrows(JsonProcessingException.class, () -> oracle("{\"update_id\":" + "9".repeat(1001) + "}"));
    }

    @Test
    void unicodeEscapesSurrogatePairsAndRawUtf16AreDecoded() throws Exception {
        String text = "{\"a\":\"caf\\u00e9 \\ud83d\\ude00 \uD83D\uDE00 \\u001b\\n\\\"\\\\\\/\",\"lone\":\"\\ud800x\","
                + "\"k\\u00e9y\":\"\u4e2d\u6587\"}";

        ObjectNode json = read(text);

        assertEquals("caf\u00e9 \uD83D\uDE00 \uD83D\uDE00 \u001b\n\"\\/", json.get("a").textValue());
        assertEquals("\uD800x", json.get("lone").textValue());
        assertEquals("\u4e2d\u6587", json.get("k\u00e9y").textValue());
        assertReadAsBefore(text);
    }

    @Test
    void nullsAreNullNodesNotMissingKeys() throws Exception {
        ObjectNode json = read("{\"text\":null,\"list\":[null,1]}");

        assertTrue(json.get("text").isNull());
        assertTrue(json.get("list").get(0).isNull());
        assertReadAsBefore("{\"text\":null,\"list\":[null,1]}");
    }

    @Test
    void repeatedKeyKeepsItsLastValue() throws Exception {
        assertEquals(2, read("{\"update_id\":1,\"update_id\":2}").get("update_id").intValue());
        assertReadAsBefore("{\"update_id\":1,\"x\":true,\"update_id\":2}");
    }

    @Test
    void malformedOrTruncatedJsonIsNotAnObject() {
        for (String text : List.of(
                "{\"ok\":true,\"result\":[{\"update_id\":",
                "{\"ok\":true,\"result\":[",
                "{\"ok\":true",
                "{\"ok\":tru}",
                "{\"ok\" true}",
                "{ok:true}",
                "{'ok':true}",
                "{\"ok\":true,}",
                "{\"result\":[1,]}",
                "{\"result\":[1}",
                "{\"result\":01}",
                "{\"result\":NaN}",
                "{\"text\":\"unterminated}",
                "{\"text\":\"bad escape \\x\"}",
                "{\"text\":\"raw control \u0001\"}",
                "<html>Bad Gateway</html>")) {
            assertEquals(Optional.empty(), TelegramJson.readObject(text), text);
            assertThrows(JsonProcessingException.class, () -> oracle(text), text);
        }
    }

    @Test
    void firstValueThatIsNotAnObjectIsNotAnObject() {
        for (String text : List.of("", "   ", "null", "true", "1", "\"ok\"", "[]", "[{\"ok\":true}]")) {
            assertEquals(Optional.empty(), TelegramJson.readObject(text), "'" + text + "'");
        }
    }

    @Test
    void contentAfterTheFirstObjectIsNotReadAsBefore() throws Exception {
        assertReadAsBefore("{\"ok\":true,\"result\":[]} trailing");
        assertReadAsBefore("{\"ok\":true,\"result\":[]}}");
        assertReadAsBefore("{\"ok\":true}\n{\"ok\":false}");
    }

    @Test
    void nestingDeeperThanTheParserLimitIsNotRead() {
        String deep = "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";

        assertEquals(Optional.empty(), TelegramJson.readObject(deep));
        assertThrows(JsonProcessingException.class, () -> oracle(deep));
    }

    @Test
    void sendMessageBodyIsWrittenAsTheObjectMapperWroteIt() throws Exception {
        for (String text : List.of("plain", "caf\u00e9 \u4e2d \uD83D\uDE00", "\u0000\u0001\u001f\u007f\t\n\r\b\f",
                "quote \" backslash \\ slash / <html> &amp; \u2028\u2029", "lone \uD800 surrogate \uDC00", "")) {
            ObjectNode expected = TelegramBotApiJson.JSON.createObjectNode().put("chat_id", "-100200").put("text", text);

            assertEquals(TelegramBotApiJson.JSON.writeValueAsString(expected), TelegramJson.sendMessageBody("-100200", text),
                    text);
        }
    }

    @Test
    void offsetFileKeepsItsKeyOrderAndOmitsAnEmptyFinishedList() {
        assertEquals("{\"bot_id\":\"123\",\"offset\":5,\"updated_at\":\"t\"}", TelegramJson.offsetFile("123", List.of(), 5, "t"));
        assertEquals("{\"bot_id\":\"1\\\"2\",\"finished\":[7,9223372036854775807],\"offset\":6,\"updated_at\":\"t\"}",
                TelegramJson.offsetFile("1\"2", List.of(7L, Long.MAX_VALUE), 6, "t"));
    }
}
