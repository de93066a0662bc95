package dev.rustypinch.plugin.channelwhatsapp;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.EventSink;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The WhatsApp channel's SPEC §10.5 events. Never given a secret. */
final class ChannelEvents {
    static final String CHANNEL = "whatsapp";

    private final EventSink sink;

    ChannelEvents(EventSink sink) {
        this.sink = requireNonNull(sink, "sink is null");
    }

    void connected() {
        sink.emit("channel_connected", Map.of("channel", CHANNEL));
    }

    void connectError(String error) {
        failure("channel_connect_error", Optional.of(error));
    }

    void readError(String error) {
        failure("channel_read_error", Optional.of(error));
    }

    void parseError(String error) {
        failure("channel_parse_error", Optional.of(error));
    }

    void sendError(Optional<String> error) {
        failure("channel_send_error", error);
    }

    void bridgeStatus(Optional<String> status) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("channel", CHANNEL);
        fields.put("status", status.orElse(null));
        sink.emit("channel_bridge_status", fields);
    }

    private void failure(String event, Optional<String> error) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("channel", CHANNEL);
        fields.put("error", error.orElse(null));
        sink.emit(event, fields);
    }
}
