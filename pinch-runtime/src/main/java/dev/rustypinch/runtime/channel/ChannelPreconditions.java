package dev.rustypinch.runtime.channel;

import dev.rustypinch.runtime.config.Settings;
import dev.rustypinch.runtime.config.WebSettings;
import java.util.Optional;
import java.util.Set;

/** The start preconditions of the channel workers (SPEC §12.1, §13.1, §20.1), in order, with their exact texts. */
public final class ChannelPreconditions {
    private static final Set<String> DIALECTS = Set.of("picoclaw", "nanobot");

    private ChannelPreconditions() {
    }

    /** Whether a bridge URL has a websocket scheme. */
    public static boolean isWebSocketUrl(String url) {
        return url.startsWith("ws://") || url.startsWith("wss://");
    }

    /** The first settings problem that stops the channel, before plugin availability is checked. */
    static Optional<String> settingsProblem(String channel, Settings s, WebSettings web) {
        if (channel.equals("web")) {
            if (!web.enabled()) {
                return Optional.of("web channel is disabled; set RUSTY_PINCH_CHANNELS_WEB_ENABLED=true");
            }
            if (!web.tokenPresent()) {
                return Optional.of("web channel requires RUSTY_PINCH_CHANNELS_WEB_TOKEN");
            }
        }
        if (channel.equals("telegram")) {
            if (!s.telegramEnabled()) {
                return Optional.of("telegram channel is disabled; set RUSTY_PINCH_CHANNELS_TELEGRAM_ENABLED=true");
            }
            if (s.telegramToken().isEmpty()) {
                return Optional.of("RUSTY_PINCH_CHANNELS_TELEGRAM_TOKEN is required when telegram channel is enabled");
            }
        } else if (channel.equals("whatsapp")) {
            if (!s.whatsappEnabled()) {
                return Optional.of("whatsapp channel is disabled; set RUSTY_PINCH_CHANNELS_WHATSAPP_ENABLED=true");
            }
            if (s.whatsappBridgeUrl().isEmpty()) {
                return Optional.of("RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_URL is required when whatsapp channel is enabled");
            }
            if (!isWebSocketUrl(s.whatsappBridgeUrl().get())) {
                return Optional.of("RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_URL must start with ws:// or wss://");
            }
            if (!DIALECTS.contains(s.whatsappDialect())) {
                return Optional.of("RUSTY_PINCH_CHANNELS_WHATSAPP_DIALECT must be picoclaw or nanobot (got '" + s.whatsappDialect() + "')");
            }
        }
        return Optional.empty();
    }

    static String notAvailable(String channel) {
        return "channel '" + channel + "' is not available: no loaded plugin provides it; see 'rusty-pinch plugins list'";
    }
}
