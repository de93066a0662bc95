package dev.rustypinch.plugin.channelwhatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {
    @Test
    void delayDoublesFromReconnectMsUpToSixtySeconds() {
        List<Long> delays = IntStream.rangeClosed(1, 8)
                .mapToObj(attempt -> ReconnectBackoff.unjitteredMillis(2000, attempt)).toList();

        assertEquals(List.of(2000L, 4000L, 8000L, 16000L, 32000L, 60000L, 60000L, 60000L), delays);
    }

    @Test
    void reconnectMsBelow250CountsAs250() {
        assertEquals(250, ReconnectBackoff.unjitteredMillis(0, 1));
        assertEquals(250, ReconnectBackoff.unjitteredMillis(100, 1));
        assertEquals(500, ReconnectBackoff.unjitteredMillis(100, 2));
        assertEquals(60000, ReconnectBackoff.unjitteredMillis(100, 9));
    }

    @Test
    void reconnectMsAboveSixtySecondsIsItsOwnCap() {
        assertEquals(90000, ReconnectBackoff.unjitteredMillis(90000, 1));
        assertEquals(90000, ReconnectBackoff.unjitteredMillis(90000, 5));
    }

    @Test
    void veryLateAttemptsStayAtTheCap() {
        assertEquals(60000, ReconnectBackoff.unjitteredMillis(2000, Integer.MAX_VALUE));
        assertEquals(Long.MAX_VALUE, ReconnectBackoff.unjitteredMillis(Long.MAX_VALUE, 3));
    }

    @Test
    void jitterFactorRunsFromOneToOnePointTwo() {
        assertEquals(4000, ReconnectBackoff.jitteredMillis(2000, 2, 0.0));
        assertEquals(4400, ReconnectBackoff.jitteredMillis(2000, 2, 0.5));
        assertEquals(4800, ReconnectBackoff.jitteredMillis(2000, 2, 1.0));
        assertEquals(72000, ReconnectBackoff.jitteredMillis(2000, 7, 1.0));
    }

    @Test
    void randomDelaysStayWithinTheJitterBounds() {
        Random random = new Random(42);
        ReconnectBackoff backoff = new ReconnectBackoff(300, random::nextDouble);
        for (int attempt = 1; attempt <= 12; attempt++) {
            long base = ReconnectBackoff.unjitteredMillis(300, attempt);
            for (int sample = 0; sample < 200; sample++) {
                long delay = backoff.delayMillis(attempt);
                assertTrue(delay >= base && delay <= Math.round(base * 1.2),
                        "attempt " + attempt + ": " + delay + " outside [" + base + ", " + base * 1.2 + "]");
            }
        }
    }

    @Test
    void attemptCountResetsAfterAStableConnection() {
        long stable = TimeUnit.SECONDS.toNanos(30);

        assertEquals(1, BridgeConnection.attemptAfterConnection(5, stable, stable));
        assertEquals(1, BridgeConnection.attemptAfterConnection(0, stable + 1, stable));
    }

    @Test
    void attemptCountGoesOnAfterAShortConnection() {
        long stable = TimeUnit.SECONDS.toNanos(30);

        assertEquals(1, BridgeConnection.attemptAfterConnection(0, stable - 1, stable));
        assertEquals(6, BridgeConnection.attemptAfterConnection(5, TimeUnit.SECONDS.toNanos(29), stable));
    }

    @Test
    void attemptsCountFromOne() {
        assertThrows(IllegalArgumentException.class, () -> ReconnectBackoff.unjitteredMillis(2000, 0));
    }
}
