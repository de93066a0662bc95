package dev.rustypinch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimestampsTest {
    @Test
    void wholeSecondsHaveNoFraction() {
        assertEquals("2026-02-20T10:11:12+00:00", Timestamps.format(Instant.parse("2026-02-20T10:11:12Z")));
    }

    @Test
    void fractionUsesFewestExactWidth() {
        assertEquals("2026-02-20T10:11:12.120+00:00", Timestamps.format(Instant.parse("2026-02-20T10:11:12.120Z")));
        assertEquals("2026-02-20T10:11:12.123456+00:00", Timestamps.format(Instant.parse("2026-02-20T10:11:12.123456Z")));
        assertEquals("2026-02-20T10:11:12.000000001+00:00", Timestamps.format(Instant.parse("2026-02-20T10:11:12.000000001Z")));
        assertEquals("2026-02-20T10:11:12.000100+00:00", Timestamps.format(Instant.parse("2026-02-20T10:11:12.0001Z")));
    }

    @Test
    void smallFieldsAreZeroPadded() {
        assertEquals("0007-01-02T03:04:05+00:00", Timestamps.format(Instant.parse("0007-01-02T03:04:05Z")));
    }

    /** The seconds part is what the pattern {@code yyyy-MM-dd'T'HH:mm:ss} in UTC gives, for every year. */
    @Test
    void secondsMatchTheDateTimePatternAcrossYears() {
        DateTimeFormatter pattern = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT)
                .withZone(ZoneOffset.UTC);
        Random random = new Random(17);
        long min = Instant.parse("-0100-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("+12000-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(min + (long) (random.nextDouble() * (max - min)));
            assertEquals(pattern.format(instant) + "+00:00", Timestamps.format(instant), instant.toString());
        }
        for (String edge : new String[] {"0000-06-01T00:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
                "+10000-01-01T00:00:00Z"}) {
            Instant instant = Instant.parse(edge);
            assertEquals(pattern.format(instant) + "+00:00", Timestamps.format(instant), edge);
        }
    }
}
