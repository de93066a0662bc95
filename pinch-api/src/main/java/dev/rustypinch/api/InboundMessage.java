package dev.rustypinch.api;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A chat message a channel accepted (after its allowlist and empty-text filtering). The runtime
 * runs it as a turn in session {@code <channel>:<chatId>} and replies to {@code chatId}.
 *
 * @param channel   the channel name, e.g. {@code telegram}
 * @param senderId  who wrote it
 * @param chatId    where to reply; also names the session
 * @param text      the trimmed, non-empty text
 * @param messageId the channel's message id, if it has one
 */
public record InboundMessage(String channel, String senderId, String chatId, String text, Optional<String> messageId) {
    public InboundMessage {
        requireNonNull(channel, "channel is null");
        requireNonNull(senderId, "senderId is null");
        requireNonNull(chatId, "chatId is null");
        requireNonNull(text, "text is null");
        requireNonNull(messageId, "messageId is null");
        if (UnicodeWhitespace.isBlank(text)) {
            throw new IllegalArgumentException("text is blank");
        }
    }

    /** The session id the runtime uses: {@code <channel>:<chatId>}. */
    public String sessionId() {
        return channel + ":" + chatId;
    }
}
