package dev.rustypinch.runtime.turn;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request ids (SPEC §7.2): {@code rp-<epoch ms, lowercase hex>-<sequence, lowercase hex>}, one thread-safe
 * sequence per process starting at 1.
 */
public final class RequestIds {
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    public RequestIds(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    public String next() {
        long number = sequence.incrementAndGet();
        return "rp-" + Long.toHexString(clock.millis()) + "-" + Long.toHexString(number);
    }
}
