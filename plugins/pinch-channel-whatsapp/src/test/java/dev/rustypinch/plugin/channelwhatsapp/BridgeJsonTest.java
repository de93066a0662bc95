package dev.rustypinch.plugin.channelwhatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BridgeJsonTest {
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
    void onlyASingleJsonObjectIsAFrame() {
        assertTrue(BridgeJson.readObject("{\"type\":\"message\"}").isPresent());
        assertTrue(BridgeJson.readObject("{\"type\":\"message\"} {}").isEmpty());
        assertTrue(BridgeJson.readObject("{\"type\":\"a\",\"type\":\"b\"}").isEmpty());
        assertTrue(BridgeJson.readObject("[]").isEmpty());
        assertTrue(BridgeJson.readObject("").isEmpty());
        assertTrue(BridgeJson.readObject("not json").isEmpty());
    }
}
