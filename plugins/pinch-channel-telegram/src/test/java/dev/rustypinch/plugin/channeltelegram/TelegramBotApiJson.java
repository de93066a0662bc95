package dev.rustypinch.plugin.channeltelegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * JSON for test fixtures and recorded events, written by Jackson databind (lowercase hex escapes, as the runtime and
 * the plugin write them): independent of the plugin's own writer.
 */
final class TelegramBotApiJson {
    static final ObjectMapper JSON = JsonMapper.builder().disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE).build();

    private TelegramBotApiJson() {
    }

    static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
