package dev.rustypinch.plugin.channeltelegram;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.PluginConfig;
import dev.rustypinch.api.Secret;
import java.time.Duration;
import java.util.List;

/**
 * The Telegram channel's configuration (SPEC §2.5, §12).
 *
 * @param token              the bot token; only ever put into request URLs
 * @param allowFrom          sender or chat ids allowed to talk to the bot; empty allows everyone
 * @param pollTimeoutSecs    the long-poll {@code timeout} asked of Telegram
 * @param pollIntervalMs     the wait after an empty poll, and the back-off base
 * @param requestTimeoutSecs the limit of one Bot API call
 * @param apiBase            the Bot API base URL without trailing {@code /}
 */
record TelegramSettings(
        Secret token,
        List<String> allowFrom,
        long pollTimeoutSecs,
        long pollIntervalMs,
        long requestTimeoutSecs,
        String apiBase) {
    static final String TOKEN = "RUSTY_PINCH_CHANNELS_TELEGRAM_TOKEN";
    static final String ALLOW_FROM = "RUSTY_PINCH_CHANNELS_TELEGRAM_ALLOW_FROM";
    static final String POLL_TIMEOUT_SECS = "RUSTY_PINCH_CHANNELS_TELEGRAM_POLL_TIMEOUT_SECS";
    static final String POLL_INTERVAL_MS = "RUSTY_PINCH_CHANNELS_TELEGRAM_POLL_INTERVAL_MS";
    static final String REQUEST_TIMEOUT_SECS = "RUSTY_PINCH_CHANNELS_TELEGRAM_REQUEST_TIMEOUT_SECS";
    static final String API_BASE = "RUSTY_PINCH_CHANNELS_TELEGRAM_API_BASE";
    static final String DEFAULT_API_BASE = "https://api.telegram.org";

    /** OkHttp refuses call timeouts above {@link Integer#MAX_VALUE} milliseconds. */
    private static final long MAX_LIMIT_MILLIS = Integer.MAX_VALUE;

    TelegramSettings {
        requireNonNull(token, "token is null");
        allowFrom = List.copyOf(requireNonNull(allowFrom, "allowFrom is null"));
        requireNonNull(apiBase, "apiBase is null");
        if (pollTimeoutSecs < 0 || pollIntervalMs < 0 || requestTimeoutSecs < 0) {
            throw new IllegalArgumentException("telegram timeouts and intervals must not be negative");
        }
    }

    /**
     * Reads the settings.
     *
     * @throws IllegalArgumentException when the token is missing
     */
    static TelegramSettings from(PluginConfig config) {
        Secret token = config.secret(TOKEN).orElseThrow(() -> new IllegalArgumentException(
                TOKEN + " is required when telegram channel is enabled"));
        String base = config.string(API_BASE).orElse(DEFAULT_API_BASE);
        return new TelegramSettings(
                token,
                config.csv(ALLOW_FROM),
                config.number(POLL_TIMEOUT_SECS),
                config.number(POLL_INTERVAL_MS),
                config.number(REQUEST_TIMEOUT_SECS),
                stripTrailingSlashes(base));
    }

    static String stripTrailingSlashes(String base) {
        int end = base.length();
        while (end > 0 && base.charAt(end - 1) == '/') {
            end--;
        }
        return base.substring(0, end);
    }

    /** The token part before the first {@code :}, or {@code unknown}; never the secret part. */
    String botId() {
        String value = token.reveal();
        int colon = value.indexOf(':');
        return colon > 0 ? value.substring(0, colon) : "unknown";
    }

    /** The {@code timeout} query value of a long poll: at least 1 s. */
    long longPollSeconds() {
        return Math.max(pollTimeoutSecs, 1);
    }

    /** The limit of one long poll: {@code max(request_timeout_secs, poll_timeout_secs + 5)} s. */
    Duration pollCallLimit() {
        long pollWithMargin = pollTimeoutSecs > Long.MAX_VALUE - 5 ? Long.MAX_VALUE : pollTimeoutSecs + 5;
        return cappedSeconds(Math.max(requestTimeoutSecs, pollWithMargin));
    }

    /** The limit of one {@code sendMessage} call: {@code max(request_timeout_secs, 1)} s. */
    Duration sendCallLimit() {
        return cappedSeconds(Math.max(requestTimeoutSecs, 1));
    }

    private static Duration cappedSeconds(long seconds) {
        return seconds >= MAX_LIMIT_MILLIS / 1000 ? Duration.ofMillis(MAX_LIMIT_MILLIS) : Duration.ofSeconds(seconds);
    }
}
