package dev.rustypinch.plugin.channelwhatsapp;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The fixed durations of the bridge connection (SPEC §13.2), in one place so tests can shrink them.
 *
 * @param ping    how often a Ping is sent
 * @param silence how long nothing may be received before the connection counts as dead
 * @param stable  how long a connection must stay open for the reconnect attempt count to reset
 * @param connect the limit for connect plus websocket handshake
 * @param send    the limit for one blocking send, including waiting for a connection
 */
record BridgeTimings(Duration ping, Duration silence, Duration stable, Duration connect, Duration send) {
    static final BridgeTimings DEFAULT = new BridgeTimings(
            Duration.ofSeconds(30), Duration.ofSeconds(90), Duration.ofSeconds(30),
            Duration.ofSeconds(10), Duration.ofSeconds(10));

    BridgeTimings {
        requirePositive(ping, "ping");
        requirePositive(silence, "silence");
        requirePositive(stable, "stable");
        requirePositive(connect, "connect");
        requirePositive(send, "send");
    }

    private static void requirePositive(Duration duration, String name) {
        requireNonNull(duration, name + " is null");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + duration);
        }
    }
}
