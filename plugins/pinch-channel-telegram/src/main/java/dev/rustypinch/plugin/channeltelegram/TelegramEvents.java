package dev.rustypinch.plugin.channeltelegram;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.EventSink;
import java.util.LinkedHashMap;
import java.util.Map;

/** The Telegram channel's own event lines (SPEC §10.5). Callers pass texts already free of secrets. */
final class TelegramEvents {
    static final String CHANNEL = "telegram";

    private final EventSink sink;

    TelegramEvents(EventSink sink) {
        this.sink = requireNonNull(sink, "sink is null");
    }

    /** {@code channel_poll_error}: a poll or the final acknowledgement failed. */
    void pollError(String error) {
        sink.emit("channel_poll_error", fields(error));
    }

    /** {@code channel_state_error}: the offset file could not be read or written. */
    void stateError(String error) {
        sink.emit("channel_state_error", fields(error));
    }

    /** {@code channel_send_error}: a reply was not delivered. */
    void sendError(String chatId, String error) {
        Map<String, Object> fields = fields(error);
        fields.put("chat_id", chatId);
        sink.emit("channel_send_error", fields);
    }

    private static Map<String, Object> fields(String error) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("channel", CHANNEL);
        fields.put("error", error);
        return fields;
    }
}
