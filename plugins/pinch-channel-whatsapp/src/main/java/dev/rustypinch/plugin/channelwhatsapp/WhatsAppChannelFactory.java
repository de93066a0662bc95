package dev.rustypinch.plugin.channelwhatsapp;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.Channel;
import dev.rustypinch.api.ChannelFactory;
import dev.rustypinch.api.ConfigKey;
import dev.rustypinch.api.ConfigType;
import dev.rustypinch.api.PluginContext;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import javax.net.ssl.SSLContext;

/** Creates the {@code whatsapp} channel (SPEC §13): a PicoClaw or nanobot websocket bridge client. */
public final class WhatsAppChannelFactory implements ChannelFactory {
    private static final List<ConfigKey> CONFIG_KEYS = List.of(
            new ConfigKey(WhatsAppSettings.BRIDGE_URL, ConfigType.STRING, null, true,
                    "WhatsApp bridge websocket URL (ws:// or wss://), e.g. ws://localhost:3001"),
            ConfigKey.optional(WhatsAppSettings.ALLOW_FROM, ConfigType.CSV, null,
                    "Comma-separated sender or chat ids allowed to use the assistant; empty allows everyone"),
            ConfigKey.optional(WhatsAppSettings.RECONNECT_MS, ConfigType.NUMBER,
                    Long.toString(WhatsAppSettings.DEFAULT_RECONNECT_MS),
                    "Base reconnect delay in milliseconds (at least 250), doubled per failed attempt up to 60000"),
            ConfigKey.optional(WhatsAppSettings.DIALECT, ConfigType.STRING, PicoClawDialect.NAME,
                    "Bridge protocol: picoclaw or nanobot"),
            ConfigKey.optional(WhatsAppSettings.BRIDGE_TOKEN, ConfigType.SECRET, null,
                    "Token sent in the nanobot bridge's auth frame"));

    @Override
    public String channelName() {
        return ChannelEvents.CHANNEL;
    }

    @Override
    public List<ConfigKey> configKeys() {
        return CONFIG_KEYS;
    }

    @Override
    public Channel create(PluginContext context, long maxMessages) {
        return create(context, BridgeTimings.DEFAULT, Optional.empty(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The channel with test timings, a test-only trusted TLS context and a chosen jitter source. */
    WhatsAppChannel create(PluginContext context, BridgeTimings timings, Optional<SSLContext> sslContext,
                           DoubleSupplier unitRandom) {
        requireNonNull(context, "context is null");
        WhatsAppSettings settings = WhatsAppSettings.read(context.config());
        return new WhatsAppChannel(settings, new ChannelEvents(context.events()), timings, sslContext, unitRandom);
    }
}
