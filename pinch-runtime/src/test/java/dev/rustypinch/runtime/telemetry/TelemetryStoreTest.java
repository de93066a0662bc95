package dev.rustypinch.runtime.telemetry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rustypinch.runtime.event.EventWriter;
import dev.rustypinch.runtime.json.JsonText;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelemetryStoreTest {
    private static final Instant NOW = Instant.parse("2026-02-20T10:11:12.125Z");
    private static final String NOW_TEXT = "2026-02-20T10:11:12.125+00:00";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(NOW);
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final EventWriter events = new EventWriter(new PrintStream(stderr, true, UTF_8));

    private Path file() {
        return dir.resolve("telemetry").resolve("latest.json");
    }

    private TelemetryStore store() {
        return new TelemetryStore(file(), events, clock);
    }

    private List<JsonNode> eventLines() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : stderr.toString(UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                lines.add(JsonText.parse(line));
            }
        }
        return lines;
    }

    static TurnRecord localOk(String requestId) {
        return new TurnRecord("2026-02-20T10:11:12.125+00:00", requestId, "demo", "provider", "ok", "local",
                "test-model", null, 0L, 0L, 5, 68, null);
    }

    private static TurnRecord toolError() {
        return new TurnRecord(NOW_TEXT, "rp-1-2", "demo", "tool", "error", "local", "test-model", "session_tail",
                null, null, 20, 0, "tool 'session_tail' execution failed: count must be > 0");
    }

    private static TurnRecord providerError(long attempts) {
        return new TurnRecord(NOW_TEXT, "rp-1-3", "demo", "provider", "error", "openai", "gpt", null,
                attempts, 1500L, 3, 0, "transient error: io_error=timeout");
    }

    private void writeFile(String content) throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), content);
    }

    private static String validFile(String counters) {
        return "{\"schema_version\":1,\"updated_at\":\"2026-01-01T00:00:00+00:00\"," + counters + ",\"last_turn\":null}";
    }

    private static final String ZERO_COUNTERS = "\"total_turns\":0,\"ok_turns\":0,\"error_turns\":0,"
            + "\"provider_turns\":0,\"tool_turns\":0,\"total_provider_attempts\":0";

    @Test
    void firstRecordWritesTheFileInDeclaredOrder() throws Exception {
        store().record(localOk("rp-19c7a88327b-1"), null);
        String expected = "{\n"
                + "  \"schema_version\": 1,\n"
                + "  \"updated_at\": \"2026-02-20T10:11:12.125+00:00\",\n"
                + "  \"total_turns\": 1,\n"
                + "  \"ok_turns\": 1,\n"
                + "  \"error_turns\": 0,\n"
                + "  \"provider_turns\": 1,\n"
                + "  \"tool_turns\": 0,\n"
                + "  \"total_provider_attempts\": 0,\n"
                + "  \"last_turn\": {\n"
                + "    \"timestamp\": \"2026-02-20T10:11:12.125+00:00\",\n"
                + "    \"request_id\": \"rp-19c7a88327b-1\",\n"
                + "    \"session_id\": \"demo\",\n"
                + "    \"path\": \"provider\",\n"
                + "    \"status\": \"ok\",\n"
                + "    \"provider\": \"local\",\n"
                + "    \"model\": \"test-model\",\n"
                + "    \"tool_name\": null,\n"
                + "    \"attempts\": 0,\n"
                + "    \"latency_ms\": 0,\n"
                + "    \"user_chars\": 5,\n"
                + "    \"response_chars\": 68,\n"
                + "    \"error\": null\n"
                + "  },\n"
                + "  \"bus\": {\n"
                + "    \"published\": 0,\n"
                + "    \"consumed\": 0,\n"
                + "    \"dropped\": 0,\n"
                + "    \"workers\": []\n"
                + "  },\n"
                + "  \"agent\": {\n"
                + "    \"model_calls\": 0,\n"
                + "    \"tool_calls\": 0,\n"
                + "    \"tool_errors\": 0\n"
                + "  }\n"
                + "}\n";
        assertEquals(expected, Files.readString(file()));
        assertEquals("", stderr.toString(UTF_8));
    }

    @Test
    void telemetryDirectoryFileAndLockFileArePrivate() throws Exception {
        store().record(localOk("rp-1-1"), null);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("telemetry"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file())));
        assertEquals("rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("telemetry/latest.json.lock"))));
    }

    @Test
    void lockFileIsCreatedBesideTheFile() {
        store().record(localOk("rp-1-1"), null);
        assertTrue(Files.isRegularFile(dir.resolve("telemetry/latest.json.lock")));
    }

    @Test
    void toolErrorTurnCountsErrorAndToolWithoutAttempts() throws Exception {
        store().record(toolError(), null);
        TelemetrySnapshot snapshot = store().read();
        assertEquals(List.of(1L, 0L, 1L, 0L, 1L, 0L), List.of(snapshot.totalTurns(), snapshot.okTurns(),
                snapshot.errorTurns(), snapshot.providerTurns(), snapshot.toolTurns(), snapshot.totalProviderAttempts()));
    }

    @Test
    void providerAttemptsAreAddedUp() throws Exception {
        TelemetryStore store = store();
        store.record(providerError(3), null);
        store.record(providerError(2), null);
        store.record(toolError(), null);
        TelemetrySnapshot snapshot = store.read();
        assertEquals(5, snapshot.totalProviderAttempts());
        assertEquals(2, snapshot.providerTurns());
        assertEquals(3, snapshot.errorTurns());
    }

    @Test
    void lastTurnAndUpdatedAtAreReplaced() throws Exception {
        TelemetryStore store = store();
        store.record(localOk("rp-1-1"), null);
        clock.advance(Duration.ofSeconds(5));
        store.record(toolError(), null);
        TelemetrySnapshot snapshot = store.read();
        assertEquals(toolError(), snapshot.lastTurn());
        assertEquals("2026-02-20T10:11:17.125+00:00", snapshot.updatedAt());
    }

    @Test
    void countersSaturateAtLongMax() throws Exception {
        writeFile(validFile("\"total_turns\":9223372036854775807,\"ok_turns\":9223372036854775806,\"error_turns\":0,"
                + "\"provider_turns\":9223372036854775807,\"tool_turns\":0,\"total_provider_attempts\":9223372036854775805"));
        store().record(providerError(7), null);
        store().record(localOk("rp-1-2"), null);
        TelemetrySnapshot snapshot = store().read();
        assertEquals(Long.MAX_VALUE, snapshot.totalTurns());
        assertEquals(Long.MAX_VALUE, snapshot.okTurns());
        assertEquals(1, snapshot.errorTurns());
        assertEquals(Long.MAX_VALUE, snapshot.providerTurns());
        assertEquals(Long.MAX_VALUE, snapshot.totalProviderAttempts());
        assertTrue(Files.readString(file()).contains("\"total_turns\": 9223372036854775807,"));
    }

    @Test
    void countsAboveLongMaxReadAsLongMax() throws Exception {
        writeFile(validFile(ZERO_COUNTERS.replace("\"total_turns\":0", "\"total_turns\":18446744073709551615")));
        assertEquals(Long.MAX_VALUE, store().read().totalTurns());
    }

    @Test
    void corruptFileIsMovedWithAnEventAndCountingRestarts() throws Exception {
        writeFile("not json at all");
        store().record(localOk("rp-1-1"), null);
        Path moved = dir.resolve("telemetry/latest.json.corrupt-20260220T101112Z");
        assertEquals("not json at all", Files.readString(moved));
        assertEquals(1, store().read().totalTurns());
        List<JsonNode> lines = eventLines();
        assertEquals(1, lines.size());
        assertEquals("telemetry_error", lines.get(0).get("event").textValue());
        String message = lines.get(0).get("message").textValue();
        assertTrue(message.startsWith("corrupt telemetry file moved to " + moved + ": not valid JSON at line 1 column "),
                message);
        assertEquals(List.of("event", "message"), fieldNames(lines.get(0)));
    }

    @Test
    void corruptFileNameTakesTheNextFreeSuffix() throws Exception {
        Path taken = Files.createDirectories(dir.resolve("telemetry")).resolve("latest.json.corrupt-20260220T101112Z");
        Files.writeString(taken, "older");
        Files.writeString(taken.resolveSibling(taken.getFileName() + "-1"), "older too");
        writeFile("[]");
        store().record(localOk("rp-1-1"), null);
        Path moved = taken.resolveSibling(taken.getFileName() + "-2");
        assertEquals("[]", Files.readString(moved));
        assertEquals("older", Files.readString(taken));
        assertEquals("corrupt telemetry file moved to " + moved + ": not a JSON object",
                eventLines().get(0).get("message").textValue());
        assertEquals(3, store().countCorruptFiles());
    }

    @Test
    void missingRustyPinchFieldIsCorrupt() throws Exception {
        writeFile(validFile(ZERO_COUNTERS.replace("\"ok_turns\":0,", "")));
        CorruptTelemetryException error = assertThrows(CorruptTelemetryException.class, () -> store().read());
        assertEquals("field 'ok_turns' is missing", error.reason());
    }

    @Test
    void mistypedCounterIsCorrupt() throws Exception {
        writeFile(validFile(ZERO_COUNTERS.replace("\"total_turns\":0", "\"total_turns\":\"3\"")));
        CorruptTelemetryException error = assertThrows(CorruptTelemetryException.class, () -> store().read());
        assertEquals("field 'total_turns' is not a non-negative integer", error.reason());
    }

    @Test
    void negativeOrFractionalCounterIsCorrupt() throws Exception {
        writeFile(validFile(ZERO_COUNTERS.replace("\"tool_turns\":0", "\"tool_turns\":-1")));
        assertThrows(CorruptTelemetryException.class, () -> store().read());
        writeFile(validFile(ZERO_COUNTERS.replace("\"tool_turns\":0", "\"tool_turns\":1.5")));
        assertThrows(CorruptTelemetryException.class, () -> store().read());
    }

    @Test
    void mistypedLastTurnFieldIsCorrupt() throws Exception {
        writeFile(validFile(ZERO_COUNTERS).replace("\"last_turn\":null",
                "\"last_turn\":{\"timestamp\":\"t\",\"request_id\":\"r\",\"session_id\":\"s\",\"path\":\"tool\","
                        + "\"status\":\"ok\",\"provider\":\"p\",\"model\":\"m\",\"user_chars\":\"x\",\"response_chars\":0}"));
        CorruptTelemetryException error = assertThrows(CorruptTelemetryException.class, () -> store().read());
        assertEquals("field 'last_turn.user_chars' is not a non-negative integer", error.reason());
    }

    @Test
    void emptyFileIsCorrupt() throws Exception {
        writeFile("");
        CorruptTelemetryException error = assertThrows(CorruptTelemetryException.class, () -> store().read());
        assertEquals("file is empty", error.reason());
    }

    @Test
    void readerNeverMovesACorruptFile() throws Exception {
        writeFile("{\"schema_version\":1");
        assertThrows(CorruptTelemetryException.class, () -> store().read());
        assertEquals("{\"schema_version\":1", Files.readString(file()));
        assertEquals(0, store().countCorruptFiles());
        assertEquals("", stderr.toString(UTF_8));
    }

    @Test
    void missingFileReadsAsDefaultsAndCreatesNothing() throws Exception {
        TelemetrySnapshot snapshot = store().read();
        assertEquals(TelemetrySnapshot.defaults(NOW_TEXT), snapshot);
        assertFalse(Files.exists(dir.resolve("telemetry")));
        assertEquals(0, store().countCorruptFiles());
    }

    @Test
    void rustWrittenFileReadsWithAdjustments() throws Exception {
        writeFile("{\n  \"schema_version\": 0,\n  \"updated_at\": \"  \",\n  \"total_turns\": 4,\n  \"ok_turns\": 3,\n"
                + "  \"error_turns\": 1,\n  \"provider_turns\": 2,\n  \"tool_turns\": 2,\n  \"skill_turns\": 0,\n"
                + "  \"total_provider_attempts\": 2,\n  \"codex\": null,\n  \"last_turn\": {\"timestamp\": \"t\","
                + " \"request_id\": \"r\", \"session_id\": \"s\", \"path\": \"tool\", \"status\": \"ok\", \"provider\": \"p\","
                + " \"model\": \"m\", \"tool_name\": \"time_now\", \"user_chars\": 14, \"response_chars\": 40}\n}\n");
        TelemetrySnapshot snapshot = store().read();
        assertEquals(1, snapshot.schemaVersion());
        assertEquals(NOW_TEXT, snapshot.updatedAt());
        assertEquals(4, snapshot.totalTurns());
        assertEquals(new TurnRecord("t", "r", "s", "tool", "ok", "p", "m", "time_now", null, null, 14, 40, null),
                snapshot.lastTurn());
        assertEquals(0, snapshot.busPublished());
        assertEquals(List.of(), snapshot.workers());
    }

    @Test
    void temporaryFileNamesAreUniqueAndBesideTheFile() {
        TelemetryStore store = store();
        Pattern shape = Pattern.compile("latest\\.json\\." + ProcessHandle.current().pid() + "\\.[0-9a-f]+\\.tmp");
        Set<Path> names = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            Path temp = store.temporaryFile();
            assertEquals(file().getParent(), temp.getParent());
            assertTrue(shape.matcher(temp.getFileName().toString()).matches(), temp.toString());
            names.add(temp);
        }
        assertEquals(1000, names.size());
    }

    @Test
    void noTemporaryFileIsLeftBehind() throws Exception {
        store().record(localOk("rp-1-1"), null);
        store().record(localOk("rp-1-2"), null);
        try (Stream<Path> files = Files.list(dir.resolve("telemetry"))) {
            assertEquals(List.of("latest.json", "latest.json.lock"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void failedUpdateEmitsTelemetryErrorAndReturns() throws Exception {
        Files.writeString(dir.resolve("telemetry"), "a file where the directory should be");
        store().record(localOk("rp-1-1"), null);
        List<JsonNode> lines = eventLines();
        assertEquals(1, lines.size());
        assertEquals("telemetry_error", lines.get(0).get("event").textValue());
        assertTrue(lines.get(0).get("message").textValue().startsWith("failed to open telemetry lock file "),
                lines.get(0).toString());
    }

    @Test
    void flushBusAddsTotalsWithoutTouchingUpdatedAt() throws Exception {
        TelemetryStore store = store();
        store.record(localOk("rp-1-1"), null);
        clock.advance(Duration.ofSeconds(10));
        store.flushBus(new BusDelta(5, 4, 1, null, false));
        store.flushBus(new BusDelta(1, 2, 0, null, false));
        TelemetrySnapshot snapshot = store.read();
        assertEquals(List.of(6L, 6L, 1L), List.of(snapshot.busPublished(), snapshot.busConsumed(), snapshot.busDropped()));
        assertEquals(NOW_TEXT, snapshot.updatedAt());
        assertEquals(1, snapshot.totalTurns());
    }

    @Test
    void flushBusOnAMissingFileLeavesUpdatedAtEmpty() throws Exception {
        store().flushBus(new BusDelta(1, 0, 0, null, false));
        assertTrue(Files.readString(file()).contains("\"updated_at\": \"\","));
        clock.advance(Duration.ofSeconds(3));
        assertEquals("2026-02-20T10:11:15.125+00:00", store().read().updatedAt());
    }

    @Test
    void recordMergesTheBusDelta() throws Exception {
        WorkerState worker = new WorkerState("telegram@host:42", "telegram", 42, 3, NOW_TEXT);
        store().record(localOk("rp-1-1"), new BusDelta(2, 1, 0, worker, false));
        TelemetrySnapshot snapshot = store().read();
        assertEquals(2, snapshot.busPublished());
        assertEquals(List.of(worker), snapshot.workers());
        assertTrue(Files.readString(file()).contains("    \"workers\": [\n      {\n        \"id\": \"telegram@host:42\",\n"
                + "        \"channel\": \"telegram\",\n        \"pid\": 42,\n        \"depth\": 3,\n"
                + "        \"updated_at\": \"2026-02-20T10:11:12.125+00:00\"\n      }\n    ]\n"));
    }

    @Test
    void workerEntryIsReplacedThenRemoved() throws Exception {
        TelemetryStore store = store();
        WorkerState other = new WorkerState("whatsapp@host:7", "whatsapp", 7, 1, NOW_TEXT);
        store.flushBus(new BusDelta(0, 0, 0, other, false));
        store.flushBus(new BusDelta(0, 0, 0, new WorkerState("telegram@host:42", "telegram", 42, 3, NOW_TEXT), false));
        WorkerState newer = new WorkerState("telegram@host:42", "telegram", 42, 5, NOW_TEXT);
        store.flushBus(new BusDelta(0, 0, 0, newer, false));
        assertEquals(List.of(other, newer), store.read().workers());
        assertEquals(6, store.read().liveDepth(NOW));
        store.flushBus(new BusDelta(0, 0, 0, newer, true));
        assertEquals(List.of(other), store.read().workers());
    }

    @Test
    void writersDropWorkersOlderThanNinetySeconds() throws Exception {
        TelemetryStore store = store();
        store.flushBus(new BusDelta(0, 0, 0, new WorkerState("old@host:1", "telegram", 1, 9, NOW_TEXT), false));
        clock.advance(Duration.ofSeconds(60));
        String later = "2026-02-20T10:12:12.125+00:00";
        WorkerState fresh = new WorkerState("new@host:2", "telegram", 2, 4, later);
        store.flushBus(new BusDelta(0, 0, 0, fresh, false));
        assertEquals(13, store.read().liveDepth(clock.instant()));
        assertEquals(4, store.read().liveDepth(clock.instant().plusSeconds(31)));
        clock.advance(Duration.ofSeconds(31));
        store.record(localOk("rp-1-1"), null);
        assertEquals(List.of(fresh), store.read().workers());
    }

    @Test
    void concurrentThreadsLoseNoCounts() throws Exception {
        TelemetryStore store = store();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(new Thread(() -> {
                for (int i = 0; i < 50; i++) {
                    store.record(providerError(1), new BusDelta(1, 1, 0, null, false));
                }
            }, "recorder-" + t));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        TelemetrySnapshot snapshot = store.read();
        assertEquals(200, snapshot.totalTurns());
        assertEquals(200, snapshot.totalProviderAttempts());
        assertEquals(200, snapshot.busPublished());
        assertEquals("", stderr.toString(UTF_8));
    }

    @Test
    void lastTurnIsNullWhenAbsent() throws Exception {
        writeFile(validFile(ZERO_COUNTERS).replace(",\"last_turn\":null", ""));
        assertNull(store().read().lastTurn());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
