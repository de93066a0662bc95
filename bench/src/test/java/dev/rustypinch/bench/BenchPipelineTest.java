package dev.rustypinch.bench;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustypinch.api.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchPipelineTest {
    @TempDir
    Path dataDir;

    private BenchPipeline pipeline() {
        SortedMap<String, Tool> tools = new TreeMap<>();
        tools.put(ConstantTool.NAME, new ConstantTool());
        return new BenchPipeline(dataDir, tools, BenchPipeline.TelemetryTiming.BEFORE);
    }

    @Test
    void toolTurnRepliesWithTheConstantOutput() {
        assertEquals("[tool:constant]\npong", pipeline().run("s", "/tool constant").reply().orElseThrow());
    }

    @Test
    void localProviderTurnCountsTheStoredHistory() {
        BenchPipeline pipeline = pipeline();
        pipeline.run("s", "/tool constant");
        assertEquals("[Rusty Pinch:local:bench-model] Received 'hi'. history=2 messages.",
                pipeline.run("s", "hi").reply().orElseThrow());
    }

    @Test
    void failedTurnThrowsWithItsErrorText() {
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> pipeline().run("s", "/tool nope"));
        assertTrue(failure.getMessage().startsWith("turn failed: request_id=rp-"), failure.getMessage());
        assertTrue(failure.getMessage().endsWith(": unknown tool 'nope'. available: constant"), failure.getMessage());
    }

    @Test
    void telemetryFileWritesGoToTheDataDirectory() {
        pipeline().run("s", "/tool constant");
        assertTrue(Files.isRegularFile(dataDir.resolve("telemetry").resolve("latest.json")));
    }

    @Test
    void failedTelemetryUpdateIsReported() throws Exception {
        Files.writeString(dataDir.resolve("telemetry"), "a file where the directory belongs");
        BenchPipeline pipeline = pipeline();
        pipeline.run("s", "/tool constant");
        IllegalStateException failure = assertThrows(IllegalStateException.class, pipeline::requireNoTelemetryErrors);
        assertTrue(failure.getMessage().startsWith("1 telemetry update(s) failed; first: "), failure.getMessage());
    }

    @Test
    void telemetryWrittenBehindTheTurnsIsCompleteOnceClosed() throws Exception {
        SortedMap<String, Tool> tools = new TreeMap<>();
        tools.put(ConstantTool.NAME, new ConstantTool());
        try (BenchPipeline pipeline = new BenchPipeline(dataDir, tools, BenchPipeline.TelemetryTiming.of("behind"))) {
            for (int i = 0; i < 50; i++) {
                pipeline.run("s" + i, "/tool constant");
            }
        }
        assertTrue(Files.readString(dataDir.resolve("telemetry").resolve("latest.json")).contains("\"total_turns\": 50,"));
    }

    @Test
    void successfulTurnsReportNoTelemetryErrors() {
        BenchPipeline pipeline = pipeline();
        pipeline.run("s", "/tool constant");
        assertDoesNotThrow(pipeline::requireNoTelemetryErrors);
    }
}
