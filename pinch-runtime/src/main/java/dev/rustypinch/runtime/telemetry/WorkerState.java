package dev.rustypinch.runtime.telemetry;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A channel worker's entry in the telemetry file's {@code bus.workers} (SPEC §11.3).
 *
 * @param id        {@code <channel>@<hostname>:<pid>}
 * @param channel   e.g. {@code telegram}
 * @param pid       the worker's process id
 * @param depth     its queue length
 * @param updatedAt when it was measured (SPEC §0 format)
 */
public record WorkerState(String id, String channel, long pid, long depth, String updatedAt) {
    public WorkerState {
        requireNonNull(id, "id is null");
        requireNonNull(channel, "channel is null");
        requireNonNull(updatedAt, "updatedAt is null");
        if (pid < 0) {
            throw new IllegalArgumentException("pid is negative");
        }
        if (depth < 0) {
            throw new IllegalArgumentException("depth is negative");
        }
    }

    /** The keys in the file's declared order: id, channel, pid, depth, updated_at. */
    Map<String, Object> toTelemetryJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("channel", channel);
        json.put("pid", pid);
        json.put("depth", depth);
        json.put("updated_at", updatedAt);
        return json;
    }
}
