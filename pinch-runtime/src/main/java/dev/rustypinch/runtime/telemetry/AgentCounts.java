package dev.rustypinch.runtime.telemetry;

import static dev.rustypinch.runtime.telemetry.TelemetrySnapshot.saturatedAdd;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The telemetry file's {@code agent} counters (SPEC §18.6), or what one turn adds to them.
 *
 * @param modelCalls model calls made by agent-mode turns
 * @param toolCalls  tool calls the model asked for (each one answered, run or not)
 * @param toolErrors calls answered with {@code error: …}
 */
public record AgentCounts(long modelCalls, long toolCalls, long toolErrors) {
    /** All zero: agent mode off, or a turn that did not use it. */
    public static final AgentCounts ZERO = new AgentCounts(0, 0, 0);

    public AgentCounts {
        if (modelCalls < 0 || toolCalls < 0 || toolErrors < 0) {
            throw new IllegalArgumentException("agent counts must not be negative");
        }
    }

    /** The sum, each counter saturating at {@link Long#MAX_VALUE}. */
    public AgentCounts plus(AgentCounts other) {
        return new AgentCounts(saturatedAdd(modelCalls, other.modelCalls), saturatedAdd(toolCalls, other.toolCalls),
                saturatedAdd(toolErrors, other.toolErrors));
    }

    /** The telemetry file's object, keys in the declared order (which is also alphabetical). */
    Map<String, Object> toTelemetryJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model_calls", modelCalls);
        json.put("tool_calls", toolCalls);
        json.put("tool_errors", toolErrors);
        return json;
    }

    /** {@code stats.agent}, alphabetical. */
    Map<String, Object> toSortedMap() {
        return new TreeMap<>(toTelemetryJson());
    }
}
