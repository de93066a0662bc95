package dev.rustypinch.plugin.channeltelegram;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rustypinch.api.InboundMessage;
import dev.rustypinch.api.UnicodeWhitespace;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one Telegram update into the message to publish, or nothing when it is skipped
 * (SPEC §12.3): not a message, from a bot, not allowed, or without text.
 */
final class UpdateFilter {
    private final Set<String> allowFrom;

    UpdateFilter(List<String> allowFrom) {
        this.allowFrom = Set.copyOf(allowFrom);
    }

    /** The update's id; callers pass updates whose {@code update_id} was checked to be integral. */
    static long updateId(JsonNode update) {
        return update.get("update_id").longValue();
    }

    /** The message to publish, or empty when the update is skipped. */
    Optional<InboundMessage> accept(JsonNode update) {
        JsonNode message = update.get("message");
        if (message == null || !message.isObject()) {
            message = update.get("edited_message");
        }
        if (message == null || !message.isObject()) {
            return Optional.empty();
        }
        JsonNode from = message.get("from");
        boolean hasSender = from != null && from.isObject();
        if (hasSender && from.path("is_bot").asBoolean(false)) {
            return Optional.empty();
        }
        Optional<String> chatId = id(message.path("chat").get("id"));
        if (chatId.isEmpty()) {
            return Optional.empty();
        }
        String senderId = hasSender ? id(from.get("id")).orElse(chatId.get()) : chatId.get();
        if (!allowFrom.isEmpty() && !allowFrom.contains(senderId) && !allowFrom.contains(chatId.get())) {
            return Optional.empty();
        }
        String text = UnicodeWhitespace.trim(text(message));
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new InboundMessage(
                TelegramEvents.CHANNEL, senderId, chatId.get(), text, Optional.of(Long.toString(updateId(update)))));
    }

    private static String text(JsonNode message) {
        JsonNode text = message.get("text");
        if (text != null && text.isTextual()) {
            return text.textValue();
        }
        JsonNode caption = message.get("caption");
        return caption != null && caption.isTextual() ? caption.textValue() : "";
    }

    private static Optional<String> id(JsonNode id) {
        if (id == null) {
            return Optional.empty();
        }
        if (id.isIntegralNumber()) {
            return Optional.of(id.bigIntegerValue().toString());
        }
        if (id.isTextual() && !id.textValue().isEmpty()) {
            return Optional.of(id.textValue());
        }
        return Optional.empty();
    }
}
