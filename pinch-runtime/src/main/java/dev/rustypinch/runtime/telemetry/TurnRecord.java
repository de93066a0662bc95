package dev.rustypinch.runtime.telemetry;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one turn did (SPEC §10.1–§10.2): the {@code turn} event without its {@code event} key, and
 * the telemetry file's {@code last_turn}.
 *
 * @param timestamp     end of the turn (SPEC §0 format)
 * @param requestId     e.g. {@code rp-19c7a88327b-1}
 * @param sessionId     the raw session id
 * @param path          {@code provider} or {@code tool}
 * @param status        {@code ok} or {@code error}
 * @param provider      the provider name
 * @param model         the model name
 * @param toolName      the tool, or {@code null} on the provider path
 * @param attempts      provider attempts, or {@code null} (tool turns, history-load failures)
 * @param latencyMs     provider latency, {@code null} exactly when {@code attempts} is
 * @param userChars     raw input length in code points
 * @param responseChars reply length in code points, 0 on error
 * @param error         the error message without {@code request_id=}, or {@code null}
 */
public record TurnRecord(
        String timestamp,
        String requestId,
        String sessionId,
        String path,
        String status,
        String provider,
        String model,
        String toolName,
        Long attempts,
        Long latencyMs,
        long userChars,
        long responseChars,
        String error) {
    public TurnRecord {
        requireNonNull(timestamp, "timestamp is null");
        requireNonNull(requestId, "requestId is null");
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(path, "path is null");
        requireNonNull(status, "status is null");
        requireNonNull(provider, "provider is null");
        requireNonNull(model, "model is null");
        if (attempts != null && attempts < 0) {
            throw new IllegalArgumentException("attempts is negative");
        }
        if (latencyMs != null && latencyMs < 0) {
            throw new IllegalArgumentException("latencyMs is negative");
        }
        if (userChars < 0) {
            throw new IllegalArgumentException("userChars is negative");
        }
        if (responseChars < 0) {
            throw new IllegalArgumentException("responseChars is negative");
        }
    }

    /** The 13 keys in the telemetry file's declared order (SPEC §10.2). */
    public Map<String, Object> toTelemetryJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("timestamp", timestamp);
        json.put("request_id", requestId);
        json.put("session_id", sessionId);
        json.put("path", path);
        json.put("status", status);
        json.put("provider", provider);
        json.put("model", model);
        json.put("tool_name", toolName);
        json.put("attempts", attempts);
        json.put("latency_ms", latencyMs);
        json.put("user_chars", userChars);
        json.put("response_chars", responseChars);
        json.put("error", error);
        return json;
    }

    /** The 13 keys in alphabetical order, for the {@code turn} event and {@code stats.last_turn}. */
    public Map<String, Object> toSortedMap() {
        return new TreeMap<>(toTelemetryJson());
    }
}
