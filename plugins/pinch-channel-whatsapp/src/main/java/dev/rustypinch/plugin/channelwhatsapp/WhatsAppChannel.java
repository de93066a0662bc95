package dev.rustypinch.plugin.channelwhatsapp;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.Channel;
import dev.rustypinch.api.InboundSink;
import dev.rustypinch.api.OutboundMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import javax.net.ssl.SSLContext;

/** The {@code whatsapp} channel: a {@link BridgeConnection} speaking one {@link BridgeDialect}. */
final class WhatsAppChannel implements Channel {
    private final WhatsAppSettings settings;
    private final ChannelEvents events;
    private final BridgeConnection connection;
    private volatile BridgeInbound inbound;

    WhatsAppChannel(WhatsAppSettings settings, ChannelEvents events, BridgeTimings timings,
                    Optional<SSLContext> sslContext, DoubleSupplier unitRandom) {
        this.settings = requireNonNull(settings, "settings is null");
        this.events = requireNonNull(events, "events is null");
        Optional<String> authFrame = settings.dialect().authFrame(settings.bridgeToken()).map(BridgeJson::write);
        this.connection = new BridgeConnection(settings.bridgeUri(), timings,
                new ReconnectBackoff(settings.reconnectMillis(), unitRandom), authFrame, sslContext, events,
                this::accept);
    }

    @Override
    public Map<String, Object> startEventFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("allow_from_count", settings.allowFrom().size());
        fields.put("bridge_url", settings.bridgeUrl());
        fields.put("reconnect_ms", settings.reconnectMillis());
        return fields;
    }

    @Override
    public void start(InboundSink sink) {
        requireNonNull(sink, "sink is null");
        if (inbound != null) {
            throw new IllegalStateException("whatsapp channel already started");
        }
        inbound = new BridgeInbound(settings.dialect(), Allowlist.of(settings.allowFrom()),
                new RecentIds(RecentIds.DEFAULT_CAPACITY), events, sink);
        connection.start();
    }

    @Override
    public void send(OutboundMessage message) {
        requireNonNull(message, "message is null");
        connection.send(BridgeJson.write(settings.dialect().replyFrame(message.chatId(), message.text())));
    }

    @Override
    public void stopReceiving() {
        connection.stopReceiving();
    }

    @Override
    public void close() {
        connection.close();
    }

    private void accept(String text) {
        BridgeInbound current = inbound;
        if (current != null) {
            current.accept(text);
        }
    }

    @Override
    public String toString() {
        return "WhatsAppChannel[" + settings.bridgeUrl() + ", " + settings.dialect() + "]";
    }
}
