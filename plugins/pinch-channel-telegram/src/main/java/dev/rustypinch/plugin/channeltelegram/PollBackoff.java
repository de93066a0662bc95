package dev.rustypinch.plugin.channeltelegram;

import java.time.Duration;
import java.util.Optional;

/** The wait after a failed poll (SPEC §12.2). */
final class PollBackoff {
    static final long MIN_BASE_MS = 500;
    static final long CAP_MS = 30_000;

    private PollBackoff() {
    }

    /**
     * {@code retry_after} when Telegram sent one with HTTP 429; otherwise
     * {@code min(B × 2^(k−1), max(B, 30000))} ms with {@code B = max(poll_interval_ms, 500)}.
     *
     * @param pollIntervalMs      the configured poll interval
     * @param consecutiveFailures {@code k}, at least 1
     * @param retryAfter          Telegram's {@code parameters.retry_after}
     */
    static Duration delay(long pollIntervalMs, int consecutiveFailures, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            return retryAfter.get();
        }
        return Duration.ofMillis(backoffMillis(pollIntervalMs, consecutiveFailures));
    }

    static long backoffMillis(long pollIntervalMs, int consecutiveFailures) {
        if (consecutiveFailures < 1) {
            throw new IllegalArgumentException("consecutiveFailures must be at least 1, got " + consecutiveFailures);
        }
        long base = Math.max(pollIntervalMs, MIN_BASE_MS);
        long cap = Math.max(base, CAP_MS);
        int doublings = consecutiveFailures - 1;
        if (doublings >= Long.SIZE - 2 || base > (cap >> doublings)) {
            return cap;
        }
        return Math.min(base << doublings, cap);
    }
}
