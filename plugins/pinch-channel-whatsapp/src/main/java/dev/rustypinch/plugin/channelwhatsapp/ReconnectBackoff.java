package dev.rustypinch.plugin.channelwhatsapp;

import static java.util.Objects.requireNonNull;

import java.util.function.DoubleSupplier;

/**
 * The wait before consecutive reconnect attempt {@code k} (SPEC §13.2):
 * {@code min(R × 2^(k−1), max(R, 60000))} ms times a random factor in [1.0, 1.2], where
 * {@code R = max(RECONNECT_MS, 250)}.
 */
final class ReconnectBackoff {
    static final long MIN_BASE_MILLIS = 250;
    static final long CAP_MILLIS = 60_000;
    static final double MAX_JITTER = 0.2;

    private final long baseMillis;
    private final DoubleSupplier unitRandom;

    /**
     * @param reconnectMillis the configured {@code RECONNECT_MS}
     * @param unitRandom      random numbers in [0, 1), e.g. {@code ThreadLocalRandom.current()::nextDouble}
     */
    ReconnectBackoff(long reconnectMillis, DoubleSupplier unitRandom) {
        this.baseMillis = Math.max(reconnectMillis, MIN_BASE_MILLIS);
        this.unitRandom = requireNonNull(unitRandom, "unitRandom is null");
    }

    /** The delay before attempt {@code attempt} without jitter. */
    static long unjitteredMillis(long reconnectMillis, int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, got " + attempt);
        }
        long base = Math.max(reconnectMillis, MIN_BASE_MILLIS);
        long cap = Math.max(base, CAP_MILLIS);
        long delay = base;
        for (int doubling = 1; doubling < attempt && delay < cap; doubling++) {
            delay = delay > cap / 2 ? cap : delay * 2;
        }
        return Math.min(delay, cap);
    }

    /** The delay before attempt {@code attempt} with a jitter factor of {@code 1 + 0.2 × unit}. */
    static long jitteredMillis(long reconnectMillis, int attempt, double unit) {
        if (!(unit >= 0.0 && unit <= 1.0)) {
            throw new IllegalArgumentException("unit must be in [0, 1], got " + unit);
        }
        double delay = unjitteredMillis(reconnectMillis, attempt) * (1.0 + MAX_JITTER * unit);
        return delay >= Long.MAX_VALUE ? Long.MAX_VALUE : Math.round(delay);
    }

    /** The jittered delay before attempt {@code attempt} (from 1). */
    long delayMillis(int attempt) {
        return jitteredMillis(baseMillis, attempt, unitRandom.getAsDouble());
    }
}
