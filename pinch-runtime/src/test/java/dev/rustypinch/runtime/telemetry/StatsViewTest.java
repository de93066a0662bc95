package dev.rustypinch.runtime.telemetry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rustypinch.runtime.event.EventWriter;
import dev.rustypinch.runtime.json.JsonText;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsViewTest {
    private static final Instant NOW = Instant.parse("2026-02-20T10:11:12.125Z");
    private static final String NOW_TEXT = "2026-02-20T10:11:12.125+00:00";

    @Test
    void defaultsPrintTheSpecExample() {
        String expected = "{\n"
                + "  \"agent\": {\n"
                + "    \"model_calls\": 0,\n"
                + "    \"tool_calls\": 0,\n"
                + "    \"tool_errors\": 0\n"
                + "  },\n"
                + "  \"bus\": {\n"
                + "    \"consumed\": 0,\n"
                + "    \"depth\": 0,\n"
                + "    \"dropped\": 0,\n"
                + "    \"published\": 0\n"
                + "  },\n"
                + "  \"last_turn\": null,\n"
                + "  \"prompt_cache\": {\n"
                + "    \"hits\": 0,\n"
                + "    \"misses\": 0\n"
                + "  },\n"
                + "  \"telemetry\": {\n"
                + "    \"error_turns\": 0,\n"
                + "    \"file\": \"./data/telemetry/latest.json\",\n"
                + "    \"ok_turns\": 0,\n"
                + "    \"provider_turns\": 0,\n"
                + "    \"schema_version\": 1,\n"
                + "    \"tool_turns\": 0,\n"
                + "    \"total_provider_attempts\": 0,\n"
                + "    \"total_turns\": 0,\n"
                + "    \"updated_at\": \"2026-02-20T10:11:12.125+00:00\"\n"
                + "  }\n"
                + "}";
        Map<String, Object> stats = StatsView.stats(TelemetrySnapshot.defaults(NOW_TEXT), "./data/telemetry/latest.json",
                0, 0, NOW);
        assertEquals(expected, JsonText.pretty(stats));
    }

    @Test
    void lastTurnHasThirteenSortedKeysAndDepthCountsLiveWorkers() {
        TurnRecord turn = TelemetryStoreTest.localOk("rp-19c7a88327b-1");
        List<WorkerState> workers = List.of(
                new WorkerState("telegram@h:1", "telegram", 1, 3, NOW_TEXT),
                new WorkerState("whatsapp@h:2", "whatsapp", 2, 4, "2026-02-20T10:09:42.125+00:00"),
                new WorkerState("telegram@h:3", "telegram", 3, 100, "2026-02-20T10:09:42.124+00:00"));
        TelemetrySnapshot snapshot = new TelemetrySnapshot(1, NOW_TEXT, 1, 1, 0, 1, 0, 0, turn, 9, 8, 1, workers);
        String json = JsonText.compact(StatsView.stats(snapshot, "t.json", 2, 1, NOW));
        assertEquals("{\"agent\":{\"model_calls\":0,\"tool_calls\":0,\"tool_errors\":0},\"bus\":{\"consumed\":8,\"depth\":7,\"dropped\":1,\"published\":9},"
                + "\"last_turn\":{\"attempts\":0,\"error\":null,\"latency_ms\":0,\"model\":\"test-model\",\"path\":\"provider\","
                + "\"provider\":\"local\",\"request_id\":\"rp-19c7a88327b-1\",\"response_chars\":68,\"session_id\":\"demo\","
                + "\"status\":\"ok\",\"timestamp\":\"2026-02-20T10:11:12.125+00:00\",\"tool_name\":null,\"user_chars\":5},"
                + "\"prompt_cache\":{\"hits\":2,\"misses\":1},"
                + "\"telemetry\":{\"error_turns\":0,\"file\":\"t.json\",\"ok_turns\":1,\"provider_turns\":1,\"schema_version\":1,"
                + "\"tool_turns\":0,\"total_provider_attempts\":0,\"total_turns\":1,"
                + "\"updated_at\":\"2026-02-20T10:11:12.125+00:00\"}}", json);
    }

    @Test
    void turnEventMatchesTheSpecExample() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        new EventWriter(new PrintStream(err, true, UTF_8)).emit("turn", TelemetryStoreTest.localOk("rp-19c7a88327b-1").toSortedMap());
        assertEquals("{\"attempts\":0,\"error\":null,\"event\":\"turn\",\"latency_ms\":0,\"model\":\"test-model\","
                + "\"path\":\"provider\",\"provider\":\"local\",\"request_id\":\"rp-19c7a88327b-1\",\"response_chars\":68,"
                + "\"session_id\":\"demo\",\"status\":\"ok\",\"timestamp\":\"2026-02-20T10:11:12.125+00:00\","
                + "\"tool_name\":null,\"user_chars\":5}\n", err.toString(UTF_8));
    }
}
