package dev.rustypinch.plugin.provideropenai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-02-20T10:11:12Z");

    @Test
    void delaySecondsAreADuration() {
        assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse("7", NOW));
    }

    @Test
    void zeroSecondsIsZero() {
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("0", NOW));
    }

    @Test
    void surroundingSpacesAreIgnored() {
        assertEquals(Optional.of(Duration.ofSeconds(3)), RetryAfter.parse(" 3 ", NOW));
    }

    @Test
    void httpDateInTheFutureIsTheTimeUntilIt() {
        assertEquals(Optional.of(Duration.ofSeconds(90)), RetryAfter.parse("Fri, 20 Feb 2026 10:12:42 GMT", NOW));
    }

    @Test
    void httpDateInThePastIsZero() {
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Fri, 20 Feb 2026 10:00:00 GMT", NOW));
    }

    @Test
    void hugeDelaySecondsSaturateAtWhatMillisecondsCanHold() {
        Duration delay = RetryAfter.parse("99999999999999999999999", NOW).orElseThrow();
        assertEquals(Long.MAX_VALUE / 1000, delay.getSeconds());
    }

    @Test
    void absentHeaderIsEmpty() {
        assertEquals(Optional.empty(), RetryAfter.parse(null, NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "-5", "1.5", "5s", "2026-02-20T10:12:42Z", "Fri, 20 Feb 2026 25:12:42 GMT"})
    void malformedValuesAreIgnored(String value) {
        assertEquals(Optional.empty(), RetryAfter.parse(value, NOW));
    }
}
