package dev.rustypinch.api;

import static java.util.Objects.requireNonNull;

/**
 * One stored session message (SPEC §6.2).
 *
 * @param role      {@code user}, {@code assistant}, …
 * @param content   the text
 * @param timestamp the write time as stored (SPEC §0 format)
 */
public record SessionEntry(String role, String content, String timestamp) {
    public SessionEntry {
        requireNonNull(role, "role is null");
        requireNonNull(content, "content is null");
        requireNonNull(timestamp, "timestamp is null");
    }
}
