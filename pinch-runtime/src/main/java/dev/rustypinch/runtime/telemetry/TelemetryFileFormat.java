package dev.rustypinch.runtime.telemetry;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rustypinch.runtime.json.JsonText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the telemetry file (SPEC §10.2–§10.3). The Rusty Pinch fields are strict: a
 * missing or mistyped one makes the file corrupt ({@code last_turn} may be absent or null, and its
 * nullable keys may be absent). The Java-only {@code bus} and {@code agent} are lenient: anything
 * unusable in them reads as zero or is left out.
 */
final class TelemetryFileFormat {
    private static final String[] COUNTERS = {
        "total_turns", "ok_turns", "error_turns", "provider_turns", "tool_turns", "total_provider_attempts"
    };

    private TelemetryFileFormat() {
    }

    /** The file content: pretty JSON in the declared field order, plus {@code \n}. */
    static String encode(TelemetrySnapshot snapshot) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema_version", snapshot.schemaVersion());
        root.put("updated_at", snapshot.updatedAt());
        root.put("total_turns", snapshot.totalTurns());
        root.put("ok_turns", snapshot.okTurns());
        root.put("error_turns", snapshot.errorTurns());
        root.put("provider_turns", snapshot.providerTurns());
        root.put("tool_turns", snapshot.toolTurns());
        root.put("total_provider_attempts", snapshot.totalProviderAttempts());
        root.put("last_turn", snapshot.lastTurn() == null ? null : snapshot.lastTurn().toTelemetryJson());
        Map<String, Object> bus = new LinkedHashMap<>();
        bus.put("published", snapshot.busPublished());
        bus.put("consumed", snapshot.busConsumed());
        bus.put("dropped", snapshot.busDropped());
        List<Map<String, Object>> workers = new ArrayList<>();
        snapshot.workers().forEach(worker -> workers.add(worker.toTelemetryJson()));
        bus.put("workers", workers);
        root.put("bus", bus);
        root.put("agent", snapshot.agent().toTelemetryJson());
        return JsonText.pretty(root) + "\n";
    }

    /**
     * Decodes the file as written, without the reader's adjustments ({@code schema_version} 0 and
     * an empty {@code updated_at} are returned as they are).
     */
    static TelemetrySnapshot decode(byte[] content) throws CorruptTelemetryException {
        JsonNode root = parse(content);
        if (root == null || root.isMissingNode()) {
            throw new CorruptTelemetryException("file is empty");
        }
        if (!root.isObject()) {
            throw new CorruptTelemetryException("not a JSON object");
        }
        long[] counters = new long[COUNTERS.length];
        for (int i = 0; i < COUNTERS.length; i++) {
            counters[i] = requiredCount(root, COUNTERS[i], "");
        }
        JsonNode bus = root.path("bus");
        return new TelemetrySnapshot(
                requiredCount(root, "schema_version", ""),
                requiredString(root, "updated_at", ""),
                counters[0], counters[1], counters[2], counters[3], counters[4], counters[5],
                lastTurn(root.get("last_turn")),
                lenientCount(bus.get("published")),
                lenientCount(bus.get("consumed")),
                lenientCount(bus.get("dropped")),
                workers(bus.get("workers")),
                agent(root.path("agent")));
    }

    /** Lenient like {@code bus}: missing or unusable counters read as zero. */
    private static AgentCounts agent(JsonNode agent) {
        return new AgentCounts(lenientCount(agent.get("model_calls")), lenientCount(agent.get("tool_calls")),
                lenientCount(agent.get("tool_errors")));
    }

    private static JsonNode parse(byte[] content) throws CorruptTelemetryException {
        try {
            return JsonText.parse(content);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + " column " + at.getColumnNr();
            throw new CorruptTelemetryException("not valid JSON" + where + ": " + e.getOriginalMessage());
        }
    }

    private static TurnRecord lastTurn(JsonNode node) throws CorruptTelemetryException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new CorruptTelemetryException("field 'last_turn' is not an object or null");
        }
        String in = "last_turn.";
        return new TurnRecord(
                requiredString(node, "timestamp", in),
                requiredString(node, "request_id", in),
                requiredString(node, "session_id", in),
                requiredString(node, "path", in),
                requiredString(node, "status", in),
                requiredString(node, "provider", in),
                requiredString(node, "model", in),
                optionalString(node, "tool_name", in),
                optionalCount(node, "attempts", in),
                optionalCount(node, "latency_ms", in),
                requiredCount(node, "user_chars", in),
                requiredCount(node, "response_chars", in),
                optionalString(node, "error", in));
    }

    private static String requiredString(JsonNode object, String name, String in) throws CorruptTelemetryException {
        JsonNode value = object.get(name);
        if (value == null) {
            throw missing(name, in);
        }
        if (!value.isTextual()) {
            throw new CorruptTelemetryException("field '" + in + name + "' is not a string");
        }
        return value.textValue();
    }

    private static String optionalString(JsonNode object, String name, String in) throws CorruptTelemetryException {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new CorruptTelemetryException("field '" + in + name + "' is not a string or null");
        }
        return value.textValue();
    }

    private static long requiredCount(JsonNode object, String name, String in) throws CorruptTelemetryException {
        JsonNode value = object.get(name);
        if (value == null) {
            throw missing(name, in);
        }
        return count(value, name, in);
    }

    private static Long optionalCount(JsonNode object, String name, String in) throws CorruptTelemetryException {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        return count(value, name, in);
    }

    /** A non-negative integer; values above {@link Long#MAX_VALUE} (a Rust u64) read as that maximum. */
    private static long count(JsonNode value, String name, String in) throws CorruptTelemetryException {
        if (!value.isIntegralNumber() || value.bigIntegerValue().signum() < 0) {
            throw new CorruptTelemetryException("field '" + in + name + "' is not a non-negative integer");
        }
        return value.canConvertToLong() ? value.longValue() : Long.MAX_VALUE;
    }

    private static CorruptTelemetryException missing(String name, String in) {
        return new CorruptTelemetryException("field '" + in + name + "' is missing");
    }

    private static long lenientCount(JsonNode value) {
        if (value == null || !value.isIntegralNumber() || value.bigIntegerValue().signum() < 0) {
            return 0;
        }
        return value.canConvertToLong() ? value.longValue() : Long.MAX_VALUE;
    }

    private static List<WorkerState> workers(JsonNode array) {
        List<WorkerState> workers = new ArrayList<>();
        if (array == null || !array.isArray()) {
            return workers;
        }
        for (JsonNode node : array) {
            JsonNode id = node.get("id");
            JsonNode channel = node.get("channel");
            JsonNode updatedAt = node.get("updated_at");
            if (id != null && id.isTextual() && channel != null && channel.isTextual()
                    && updatedAt != null && updatedAt.isTextual()) {
                workers.add(new WorkerState(id.textValue(), channel.textValue(),
                        lenientCount(node.get("pid")), lenientCount(node.get("depth")), updatedAt.textValue()));
            }
        }
        return workers;
    }
}
