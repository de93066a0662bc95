package dev.rustypinch.plugin.channeltelegram;

import dev.rustypinch.api.Channel;
import dev.rustypinch.api.ChannelFactory;
import dev.rustypinch.api.ConfigKey;
import dev.rustypinch.api.ConfigType;
import dev.rustypinch.api.PluginContext;
import java.util.List;

/** Creates the {@code telegram} channel (SPEC §12). */
public final class TelegramChannelFactory implements ChannelFactory {
    private static final List<ConfigKey> KEYS = List.of(
            new ConfigKey(TelegramSettings.TOKEN, ConfigType.SECRET, null, true,
                    "Telegram bot token from @BotFather"),
            ConfigKey.optional(TelegramSettings.ALLOW_FROM, ConfigType.CSV, null,
                    "Telegram user or chat ids allowed to talk to the bot; empty allows everyone"),
            ConfigKey.optional(TelegramSettings.POLL_TIMEOUT_SECS, ConfigType.NUMBER, "30",
                    "Telegram long-poll timeout in seconds"),
            ConfigKey.optional(TelegramSettings.POLL_INTERVAL_MS, ConfigType.NUMBER, "350",
                    "wait after an empty Telegram poll, and the poll back-off base, in milliseconds"),
            ConfigKey.optional(TelegramSettings.REQUEST_TIMEOUT_SECS, ConfigType.NUMBER, "60",
                    "limit of one Telegram Bot API call in seconds"),
            ConfigKey.optional(TelegramSettings.API_BASE, ConfigType.STRING, TelegramSettings.DEFAULT_API_BASE,
                    "Telegram Bot API base URL (local Bot API servers, test doubles)"));

    @Override
    public String channelName() {
        return TelegramEvents.CHANNEL;
    }

    @Override
    public List<ConfigKey> configKeys() {
        return KEYS;
    }

    /**
     * @throws IllegalArgumentException when the token is missing or the API base is not a URL
     */
    @Override
    public Channel create(PluginContext context, long maxMessages) {
        return new TelegramChannel(TelegramSettings.from(context.config()), context, Sleeper.THREAD);
    }
}
