package dev.rustypinch.api;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The SPEC's timestamp format (SPEC §0): UTC RFC 3339 with offset {@code +00:00} (never {@code Z});
 * no fraction when the nanoseconds are 0, else 3, 6 or 9 digits, the fewest that are exact.
 */
public final class Timestamps {
    private Timestamps() {
    }

    /** Formats an instant, e.g. {@code 2026-02-20T10:11:12.120+00:00}. */
    public static String format(Instant instant) {
        StringBuilder text = new StringBuilder(35);
        LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        if (utc.getYear() >= 1 && utc.getYear() <= 9999) {
            // By hand: a DateTimeFormatter costs a cold command milliseconds to set up (it loads ~30 classes).
            digits(text, utc.getYear(), 4).append('-');
            digits(text, utc.getMonthValue(), 2).append('-');
            digits(text, utc.getDayOfMonth(), 2).append('T');
            digits(text, utc.getHour(), 2).append(':');
            digits(text, utc.getMinute(), 2).append(':');
            digits(text, utc.getSecond(), 2);
        } else {
            text.append(OtherYears.SECONDS.format(instant));
        }
        int nanos = instant.getNano();
        if (nanos != 0) {
            // Zero-padded by hand: String.format would start the JDK's locale providers (CLDR), ~20 ms on a cold start.
            String digits = Integer.toString(1_000_000_000 + nanos).substring(1);
            int width = nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
            text.append('.').append(digits, 0, width);
        }
        return text.append("+00:00").toString();
    }

    private static StringBuilder digits(StringBuilder text, int value, int width) {
        String digits = Integer.toString(value);
        for (int pad = digits.length(); pad < width; pad++) {
            text.append('0');
        }
        return text.append(digits);
    }

    /** Years outside 1–9999 (never from a real clock), written as before: year of era, sign past four digits. */
    private static final class OtherYears {
        static final DateTimeFormatter SECONDS =
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

        private OtherYears() {
        }
    }
}
