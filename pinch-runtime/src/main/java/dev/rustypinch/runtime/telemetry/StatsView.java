package dev.rustypinch.runtime.telemetry;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** The {@code stats} command's object (SPEC §10.4), every key in alphabetical order. */
public final class StatsView {
    private StatsView() {
    }

    /**
     * @param snapshot what {@link TelemetryStore#read()} gave (or its defaults)
     * @param file     the telemetry file as configured, shown as {@code telemetry.file}
     * @param hits     this process's prompt cache hits
     * @param misses   this process's prompt cache misses
     * @param now      the time against which worker entries count as live for {@code bus.depth}
     */
    public static Map<String, Object> stats(TelemetrySnapshot snapshot, String file, long hits, long misses, Instant now) {
        requireNonNull(snapshot, "snapshot is null");
        requireNonNull(file, "file is null");
        requireNonNull(now, "now is null");
        Map<String, Object> bus = new TreeMap<>();
        bus.put("consumed", snapshot.busConsumed());
        bus.put("depth", snapshot.liveDepth(now));
        bus.put("dropped", snapshot.busDropped());
        bus.put("published", snapshot.busPublished());

        Map<String, Object> promptCache = new TreeMap<>();
        promptCache.put("hits", hits);
        promptCache.put("misses", misses);

        Map<String, Object> telemetry = new TreeMap<>();
        telemetry.put("error_turns", snapshot.errorTurns());
        telemetry.put("file", file);
        telemetry.put("ok_turns", snapshot.okTurns());
        telemetry.put("provider_turns", snapshot.providerTurns());
        telemetry.put("schema_version", snapshot.schemaVersion());
        telemetry.put("tool_turns", snapshot.toolTurns());
        telemetry.put("total_provider_attempts", snapshot.totalProviderAttempts());
        telemetry.put("total_turns", snapshot.totalTurns());
        telemetry.put("updated_at", snapshot.updatedAt());

        Map<String, Object> stats = new TreeMap<>();
        stats.put("agent", snapshot.agent().toSortedMap());
        stats.put("bus", bus);
        stats.put("last_turn", snapshot.lastTurn() == null ? null : snapshot.lastTurn().toSortedMap());
        stats.put("prompt_cache", promptCache);
        stats.put("telemetry", telemetry);
        return stats;
    }
}
