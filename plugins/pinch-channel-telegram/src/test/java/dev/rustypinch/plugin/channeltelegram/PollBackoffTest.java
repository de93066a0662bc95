package dev.rustypinch.plugin.channeltelegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PollBackoffTest {
    @Test
    void defaultIntervalDoublesFrom500MillisecondsUpTo30Seconds() {
        List<Long> delays = IntStream.rangeClosed(1, 8).mapToObj(k -> PollBackoff.backoffMillis(350, k)).toList();

        assertEquals(List.of(500L, 1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L), delays);
    }

    @Test
    void intervalAbove500IsTheBase() {
        assertEquals(800, PollBackoff.backoffMillis(800, 1));
        assertEquals(1600, PollBackoff.backoffMillis(800, 2));
    }

    @Test
    void intervalAbove30SecondsIsBothBaseAndCap() {
        assertEquals(45_000, PollBackoff.backoffMillis(45_000, 1));
        assertEquals(45_000, PollBackoff.backoffMillis(45_000, 5));
    }

    @Test
    void manyFailuresStayAtTheCapWithoutOverflow() {
        assertEquals(30_000, PollBackoff.backoffMillis(0, 1_000_000));
        assertEquals(Long.MAX_VALUE, PollBackoff.backoffMillis(Long.MAX_VALUE, 70));
    }

    @Test
    void retryAfterWinsOverTheBackoff() {
        assertEquals(Duration.ofSeconds(3), PollBackoff.delay(350, 6, Optional.of(Duration.ofSeconds(3))));
        assertEquals(Duration.ofMillis(16_000), PollBackoff.delay(350, 6, Optional.empty()));
    }

    @Test
    void failureCountStartsAtOne() {
        assertThrows(IllegalArgumentException.class, () -> PollBackoff.backoffMillis(350, 0));
    }
}
