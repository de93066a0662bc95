package dev.rustypinch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
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
}

