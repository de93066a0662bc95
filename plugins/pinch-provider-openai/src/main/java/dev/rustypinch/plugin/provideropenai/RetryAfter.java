package dev.rustypinch.plugin.provideropenai;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads an HTTP {@code Retry-After} value (RFC 9110 §10.2.3): delay seconds or an HTTP date
 * ({@code Sun, 06 Nov 1994 08:49:37 GMT}). Malformed values are ignored (SPEC §8.4).
 */
final class RetryAfter {
    private static final Pattern DELAY_SECONDS = Pattern.compile("[0-9]+");
    /** The largest delay whose millisecond count still fits in a {@code long}. */
    private static final long MAX_SECONDS = Long.MAX_VALUE / 1000;

    private RetryAfter() {
    }

    /**
     * @param value the header value, or {@code null} when the header is absent
     * @param now   the current time, to turn a date into a delay
     * @return the delay; zero for a date in the past; empty when absent or malformed
     */
    static Optional<Duration> parse(String value, Instant now) {
        requireNonNull(now, "now is null");
        if (value == null) {
            return Optional.empty();
        }
        String text = value.strip();
        if (DELAY_SECONDS.matcher(text).matches()) {
            return Optional.of(Duration.ofSeconds(delaySeconds(text)));
        }
        return httpDate(text).map(date -> date.isAfter(now) ? Duration.between(now, date) : Duration.ZERO);
    }

    private static long delaySeconds(String digits) {
        try {
            return Math.min(Long.parseLong(digits), MAX_SECONDS);
        } catch (NumberFormatException tooLarge) {
            return MAX_SECONDS;
        }
    }

    private static Optional<Instant> httpDate(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException malformed) {
            return Optional.empty();
        }
    }
}
