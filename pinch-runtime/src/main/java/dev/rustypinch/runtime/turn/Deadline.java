package dev.rustypinch.runtime.turn;

import java.time.Duration;
import java.util.Optional;

/** A point on the monotonic clock by which something must end, or none. Immutable. */
final class Deadline {
    /** Limits beyond this are treated as none (they cannot be reached, and the arithmetic stays in range). */
    private static final long MAX_NANOS = Duration.ofDays(365 * 100L).toNanos();
    private static final Deadline NONE = new Deadline(0, false);

    private final long atNanos;
    private final boolean bounded;

    private Deadline(long atNanos, boolean bounded) {
        this.atNanos = atNanos;
        this.bounded = bounded;
    }

    /** {@code limit} from now, or none when the limit is empty. */
    static Deadline after(Optional<Duration> limit) {
        if (limit.isEmpty() || limit.get().compareTo(Duration.ofNanos(MAX_NANOS)) > 0) {
            return NONE;
        }
        return new Deadline(System.nanoTime() + limit.get().toNanos(), true);
    }

    /** Whether there is a limit at all. */
    boolean bounded() {
        return bounded;
    }

    /** Nanoseconds left, at least 0; {@link Long#MAX_VALUE} without a limit. */
    long remainingNanos() {
        return bounded ? Math.max(0, atNanos - System.nanoTime()) : Long.MAX_VALUE;
    }

    /** The earlier of the two. */
    Deadline earlier(Deadline other) {
        if (!bounded) {
            return other;
        }
        if (!other.bounded) {
            return this;
        }
        return atNanos - other.atNanos <= 0 ? this : other;
    }
}
