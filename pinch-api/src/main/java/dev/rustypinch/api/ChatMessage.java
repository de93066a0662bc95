package dev.rustypinch.api;

import static java.util.Objects.requireNonNull;

/**
 * One chat-completion message.
 *
 * @param role    {@code system}, {@code user} or {@code assistant}
 * @param content the text
 */
public record ChatMessage(String role, String content) {
    public ChatMessage {
        requireNonNull(role, "role is null");
        requireNonNull(content, "content is null");
    }
}
