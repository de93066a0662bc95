package dev.rustypinch.plugin.channeltelegram;

import com.fasterxml.jackson.core.JsonProcessingException;

/** JSON string literals for test fixtures. */
final class TelegramBotApiJson {
    private TelegramBotApiJson() {
    }

    static String quote(String text) {
        try {
            return TelegramBotApi.JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
