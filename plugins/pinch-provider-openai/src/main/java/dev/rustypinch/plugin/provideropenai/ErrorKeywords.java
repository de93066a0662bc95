package dev.rustypinch.plugin.provideropenai;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.ProviderException.Kind;
import java.util.List;
import java.util.Locale;

/**
 * The keyword rule of SPEC §8.4 for an error message a provider put into a 2xx body: a message that
 * mentions rate limiting, a timeout, overload or unavailability is worth retrying.
 */
final class ErrorKeywords {
    private static final List<String> TRANSIENT_KEYWORDS = List.of(
            "rate limit", "temporarily", "timeout", "timed out", "try again", "overloaded", "service unavailable");

    private ErrorKeywords() {
    }

    /** Classifies a provider's error message by its lowercased text. */
    static Kind classify(String message) {
        requireNonNull(message, "message is null");
        String lower = message.toLowerCase(Locale.ROOT);
        for (String keyword : TRANSIENT_KEYWORDS) {
            if (lower.contains(keyword)) {
                return Kind.TRANSIENT;
            }
        }
        return Kind.PERMANENT;
    }
}
