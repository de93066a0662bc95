package dev.rustypinch.runtime.telemetry;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The telemetry file's content (SPEC §10.2): turn counters, the last turn, and the bus totals and
 * worker entries (Java only).
 *
 * @param schemaVersion         1 (a 0 in the file reads as 1)
 * @param updatedAt             when the last turn was recorded (SPEC §0 format); empty in a file
 *                              that only bus flushes have written
 * @param totalTurns            {@code total_turns}
 * @param okTurns               {@code ok_turns}
 * @param errorTurns            {@code error_turns}
 * @param providerTurns         {@code provider_turns}
 * @param toolTurns             {@code tool_turns}
 * @param totalProviderAttempts {@code total_provider_attempts}
 * @param lastTurn              the last recorded turn, or {@code null}
 * @param busPublished          {@code bus.published}
 * @param busConsumed           {@code bus.consumed}
 * @param busDropped            {@code bus.dropped}
 * @param workers               {@code bus.workers}, in file order
 * @param agent                 the {@code agent} counters (SPEC §18.6, Java only)
 */
public record TelemetrySnapshot(
        long schemaVersion,
        String updatedAt,
        long totalTurns,
        long okTurns,
        long errorTurns,
        long providerTurns,
        long toolTurns,
        long totalProviderAttempts,
        TurnRecord lastTurn,
        long busPublished,
        long busConsumed,
        long busDropped,
        List<WorkerState> workers,
        AgentCounts agent) {
    /** How long a worker entry counts as live. */
    public static final Duration WORKER_TTL = Duration.ofSeconds(90);

    /** The current schema version. */
    public static final long SCHEMA_VERSION = 1;

    public TelemetrySnapshot {
        requireNonNull(updatedAt, "updatedAt is null");
        workers = List.copyOf(requireNonNull(workers, "workers is null"));
        requireNonNull(agent, "agent is null");
    }

    /** A snapshot without agent counters (zeros), as before agent mode. */
    public TelemetrySnapshot(long schemaVersion, String updatedAt, long totalTurns, long okTurns, long errorTurns,
                             long providerTurns, long toolTurns, long totalProviderAttempts, TurnRecord lastTurn,
                             long busPublished, long busConsumed, long busDropped, List<WorkerState> workers) {
        this(schemaVersion, updatedAt, totalTurns, okTurns, errorTurns, providerTurns, toolTurns, totalProviderAttempts,
                lastTurn, busPublished, busConsumed, busDropped, workers, AgentCounts.ZERO);
    }

    /** Zero counters, no last turn, empty bus. */
    public static TelemetrySnapshot defaults(String updatedAt) {
        return new TelemetrySnapshot(SCHEMA_VERSION, updatedAt, 0, 0, 0, 0, 0, 0, null, 0, 0, 0, List.of());
    }

    /** The sum of the queue depths of the workers updated within {@link #WORKER_TTL} before {@code now}. */
    public long liveDepth(Instant now) {
        long depth = 0;
        for (WorkerState worker : workers) {
            if (isLive(worker, now)) {
                depth = saturatedAdd(depth, worker.depth());
            }
        }
        return depth;
    }

    /** Whether the worker's entry was updated within {@link #WORKER_TTL} before {@code now}. */
    static boolean isLive(WorkerState worker, Instant now) {
        Optional<Instant> updated = parseTimestamp(worker.updatedAt());
        return updated.isPresent() && !updated.get().isBefore(now.minus(WORKER_TTL));
    }

    private static Optional<Instant> parseTimestamp(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** {@code a + b}, or {@link Long#MAX_VALUE} when that overflows; both are non-negative. */
    static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
