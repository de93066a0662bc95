package dev.rustypinch.plugin.channelwhatsapp;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.PluginConfig;
import dev.rustypinch.api.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The WhatsApp channel's configuration, validated with the SPEC §13.1 messages.
 *
 * @param bridgeUrl       the URL as configured (trimmed), shown in {@code channel_start}
 * @param bridgeUri       the parsed URL the client connects to
 * @param allowFrom       the allowlist entries
 * @param reconnectMillis {@code RECONNECT_MS} as configured
 * @param dialect         the bridge protocol
 * @param bridgeToken     the nanobot bridge token, if any
 */
record WhatsAppSettings(String bridgeUrl, URI bridgeUri, List<String> allowFrom, long reconnectMillis,
                        BridgeDialect dialect, Optional<Secret> bridgeToken) {
    static final String BRIDGE_URL = "RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_URL";
    static final String ALLOW_FROM = "RUSTY_PINCH_CHANNELS_WHATSAPP_ALLOW_FROM";
    static final String RECONNECT_MS = "RUSTY_PINCH_CHANNELS_WHATSAPP_RECONNECT_MS";
    static final String DIALECT = "RUSTY_PINCH_CHANNELS_WHATSAPP_DIALECT";
    static final String BRIDGE_TOKEN = "RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_TOKEN";
    static final long DEFAULT_RECONNECT_MS = 2000;

    WhatsAppSettings {
        requireNonNull(bridgeUrl, "bridgeUrl is null");
        requireNonNull(bridgeUri, "bridgeUri is null");
        allowFrom = List.copyOf(allowFrom);
        requireNonNull(dialect, "dialect is null");
        requireNonNull(bridgeToken, "bridgeToken is null");
        if (reconnectMillis < 0) {
            throw new IllegalArgumentException("reconnectMillis must be >= 0, got " + reconnectMillis);
        }
    }

    /**
     * Reads and checks the configuration.
     *
     * @throws IllegalArgumentException with the SPEC's text when the URL is missing, has another
     *                                  scheme than ws/wss or cannot be parsed, or the dialect is unknown
     */
    static WhatsAppSettings read(PluginConfig config) {
        String url = config.string(BRIDGE_URL).orElseThrow(() -> new IllegalArgumentException(
                BRIDGE_URL + " is required when whatsapp channel is enabled"));
        if (!url.startsWith("ws://") && !url.startsWith("wss://")) {
            throw new IllegalArgumentException(BRIDGE_URL + " must start with ws:// or wss://");
        }
        URI uri = parse(url);
        String dialectName = config.string(DIALECT).orElse(PicoClawDialect.NAME).toLowerCase(Locale.ROOT);
        BridgeDialect dialect = BridgeDialect.named(dialectName).orElseThrow(() -> new IllegalArgumentException(
                DIALECT + " must be picoclaw or nanobot (got '" + dialectName + "')"));
        return new WhatsAppSettings(url, uri, config.csv(ALLOW_FROM), config.number(RECONNECT_MS), dialect,
                config.secret(BRIDGE_TOKEN));
    }

    private static URI parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    BRIDGE_URL + " is not a valid URL (" + e.getReason() + "); use e.g. ws://localhost:3001", e);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(
                    BRIDGE_URL + " has no host name; use e.g. ws://localhost:3001");
        }
        return uri;
    }
}
