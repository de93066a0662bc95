package dev.rustypinch.api;

import static java.util.Objects.requireNonNull;

/**
 * A successful completion.
 *
 * @param content the reply text, already extracted and trimmed per SPEC §8.3; never blank
 */
public record ChatResponse(String content) {
    public ChatResponse {
        requireNonNull(content, "content is null");
        if (content.isBlank()) {
            throw new IllegalArgumentException("content is blank");
        }
    }
}
