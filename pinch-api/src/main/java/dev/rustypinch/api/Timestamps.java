package dev.rustypinch.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The SPEC's timestamp format (SPEC §0): UTC RFC 3339 with offset {@code +00:00} (never {@code Z});
 * no fraction when the nanoseconds are 0, else 3, 6 or 9 digits, the fewest that are exact.
 */
public final class Timestamps {
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** Formats an instant, e.g. {@code 2026-02-20T10:11:12.120+00:00}. */
    public static String format(Instant instant) {
        StringBuilder text = new StringBuilder(35).append(SECONDS.format(instant));
        int nanos = instant.getNano();
        if (nanos != 0) {
            // Zero-padded by hand: String.format would start the JDK's locale providers (CLDR), ~20 ms on a cold start.
            String digits = Integer.toString(1_000_000_000 + nanos).substring(1);
            int width = nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
            text.append('.').append(digits, 0, width);
        }
        return text.append("+00:00").toString();
    }
}
