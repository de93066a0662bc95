package dev.rustypinch.plugin.channelweb;

import dev.rustypinch.api.Channel;
import dev.rustypinch.api.ChannelFactory;
import dev.rustypinch.api.ConfigKey;
import dev.rustypinch.api.ConfigType;
import dev.rustypinch.api.PluginContext;
import java.util.List;

/** Creates the {@code web} channel (SPEC §20): an OpenAI-compatible chat API and a chat page. */
public final class WebChannelFactory implements ChannelFactory {
    private static final List<ConfigKey> KEYS = List.of(
            ConfigKey.optional(WebSettings.LISTEN, ConfigType.STRING, WebSettings.DEFAULT_LISTEN,
                    "address the web channel listens on, host:port (port 0 = any free port)"),
            new ConfigKey(WebSettings.TOKEN, ConfigType.SECRET, null, true,
                    "bearer token every API request and the chat page must present"),
            ConfigKey.optional(WebSettings.ALLOW_ORIGINS, ConfigType.CSV, null,
                    "foreign origins allowed to call the API (CORS); empty = same origin only"),
            ConfigKey.optional(WebSettings.TURN_TIMEOUT_SECS, ConfigType.NUMBER, "300",
                    "seconds a request waits for its turn; 0 = no limit"));

    @Override
    public String channelName() {
        return WebChannel.CHANNEL;
    }

    @Override
    public List<ConfigKey> configKeys() {
        return KEYS;
    }

    /**
     * @throws IllegalArgumentException without a token, or with a listen address that is not {@code host:port}
     */
    @Override
    public Channel create(PluginContext context, long maxMessages) {
        return new WebChannel(WebSettings.from(context.config()), context);
    }
}
