package dev.rustypinch.runtime.telemetry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustypinch.runtime.event.EventWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The telemetry file's {@code agent} counters (SPEC §18.6): merged like the others, lenient, kept by bus flushes. */
class AgentCountsMergeTest {
    private static final int PROCESSES = 2;
    private static final int TURNS_EACH = 150;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private TelemetryStore store() {
        return new TelemetryStore(dir.resolve("latest.json"), new EventWriter(new PrintStream(stderr, true, UTF_8)),
                Clock.systemUTC());
    }

    @Test
    void twoProcessesLoseNoAgentCounts() throws Exception {
        List<Process> children = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            children.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    AgentTurnWriterProcess.class.getName(), dir.resolve("latest.json").toString(), "p" + p,
                    String.valueOf(TURNS_EACH))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(dir.resolve("child-" + p + ".err").toFile())
                    .start());
        }
        for (int p = 0; p < PROCESSES; p++) {
            assertTrue(children.get(p).waitFor(60, TimeUnit.SECONDS), "child " + p + " did not finish");
            assertEquals(0, children.get(p).exitValue());
            assertEquals("", Files.readString(dir.resolve("child-" + p + ".err")));
        }
        TelemetrySnapshot snapshot = store().read();
        int turns = PROCESSES * TURNS_EACH;
        assertEquals(new AgentCounts(2L * turns, 3L * turns, turns), snapshot.agent());
        assertEquals(turns, snapshot.totalTurns());
    }

    @Test
    void fileWithoutAgentReadsAsZerosAndGainsIt() throws Exception {
        Files.writeString(dir.resolve("latest.json"), "{\"schema_version\":1,\"updated_at\":\"\",\"total_turns\":4,"
                + "\"ok_turns\":4,\"error_turns\":0,\"provider_turns\":4,\"tool_turns\":0,\"total_provider_attempts\":4,"
                + "\"last_turn\":null}");
        assertEquals(AgentCounts.ZERO, store().read().agent());
        store().record(TelemetryStoreTest.localOk("rp-1-1"), new AgentCounts(1, 0, 0), null);
        assertEquals(new AgentCounts(1, 0, 0), store().read().agent());
        assertEquals(5, store().read().totalTurns());
    }

    @Test
    void unusableAgentCountersReadAsZero() throws Exception {
        Files.writeString(dir.resolve("latest.json"), "{\"schema_version\":1,\"updated_at\":\"\",\"total_turns\":0,"
                + "\"ok_turns\":0,\"error_turns\":0,\"provider_turns\":0,\"tool_turns\":0,\"total_provider_attempts\":0,"
                + "\"last_turn\":null,\"agent\":{\"model_calls\":-3,\"tool_calls\":\"x\",\"tool_errors\":7}}");
        assertEquals(new AgentCounts(0, 0, 7), store().read().agent());
    }

    @Test
    void busFlushKeepsTheAgentCounters() throws Exception {
        store().record(TelemetryStoreTest.localOk("rp-1-1"), new AgentCounts(3, 2, 1), null);
        store().flushBus(new BusDelta(1, 1, 0, null, false));
        assertEquals(new AgentCounts(3, 2, 1), store().read().agent());
    }

    @Test
    void agentModeOffWritesZeros() throws Exception {
        store().record(TelemetryStoreTest.localOk("rp-1-1"), null);
        assertTrue(Files.readString(dir.resolve("latest.json")).endsWith(
                "  \"agent\": {\n    \"model_calls\": 0,\n    \"tool_calls\": 0,\n    \"tool_errors\": 0\n  }\n}\n"));
    }
}
