package dev.rustypinch.plugin.channeltelegram;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.UnicodeWhitespace;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Delivers one reply as chunks (SPEC §12.5), retrying transient failures of a chunk up to
 * {@value #MAX_RETRIES} times, and reports a chunk that cannot be delivered as
 * {@code channel_send_error}; the chunks after it are not sent.
 */
final class ReplySender {
    static final int MAX_RETRIES = 3;
    static final String EMPTY_REPLY = "(empty response)";

    private final TelegramBotApi api;
    private final ReplySplitter splitter;
    private final TelegramEvents events;
    private final Sleeper sleeper;

    ReplySender(TelegramBotApi api, ReplySplitter splitter, TelegramEvents events, Sleeper sleeper) {
        this.api = requireNonNull(api, "api is null");
        this.splitter = requireNonNull(splitter, "splitter is null");
        this.events = requireNonNull(events, "events is null");
        this.sleeper = requireNonNull(sleeper, "sleeper is null");
    }

    /** Sends the reply; returns when it is delivered or its failure is reported. */
    void send(String chatId, String reply) {
        String text = UnicodeWhitespace.trim(reply);
        List<String> chunks = splitter.split(text.isEmpty() ? EMPTY_REPLY : text);
        for (int i = 0; i < chunks.size(); i++) {
            String failure = sendChunk(chatId, chunks.get(i));
            if (failure != null) {
                String prefix = chunks.size() > 1
                        ? String.format(Locale.ROOT, "chunk %d/%d: ", i + 1, chunks.size())
                        : "";
                events.sendError(chatId, prefix + failure);
                return;
            }
        }
    }

    /** @return null when delivered, else the error text of the last attempt */
    private String sendChunk(String chatId, String chunk) {
        for (int retry = 0; ; retry++) {
            try {
                api.sendMessage(chatId, chunk);
                return null;
            } catch (BotApiException e) {
                if (!e.isTransient() || retry == MAX_RETRIES) {
                    return e.getMessage();
                }
                if (!sleep(e.retryAfter().orElse(Duration.ofSeconds(1L << retry)))) {
                    return e.getMessage();
                }
            }
        }
    }

    private boolean sleep(Duration duration) {
        try {
            sleeper.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
