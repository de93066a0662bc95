package dev.rustypinch.distribution.provider;

import static dev.rustypinch.distribution.provider.FakeProvider.KEY;
import static dev.rustypinch.distribution.provider.JsonStrings.quote;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agent mode through the built distribution (SPEC §18, issue 14): {@code bin/rusty-pinch run} with
 * {@code RUSTY_PINCH_AGENT_TOOLS=*}, where the scripted model calls {@code session_tail} and {@code time_now}, reads
 * their results and then answers.
 */
class AgentLauncherIT {
    private static final long LIMIT_SECONDS = 60;

    @TempDir
    Path work;

    private FakeProvider fake;

    @BeforeEach
    void startFake() throws IOException {
        fake = new FakeProvider();
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    private static String call(String id, String name, String arguments) {
        return "{\"id\":" + quote(id) + ",\"type\":\"function\",\"function\":{\"name\":" + quote(name) + ",\"arguments\":"
                + quote(arguments) + "}}";
    }

    @Test
    void runWithAllToolsLetsTheModelCallSessionTailAndTimeNow() throws Exception {
        Files.createDirectories(work.resolve("data/sessions"));
        Files.writeString(work.resolve("data/sessions/e2e.jsonl"),
                "{\"role\":\"user\",\"content\":\"my name is Ada\",\"timestamp\":\"2026-02-20T10:11:12+00:00\"}\n"
                + "{\"role\":\"assistant\",\"content\":\"Hello Ada.\",\"timestamp\":\"2026-02-20T10:11:13+00:00\"}\n", UTF_8);
        fake.enqueue(FakeProvider.json(200, "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,"
                + "\"tool_calls\":[" + call("call_1", "session_tail", "{\"count\":2}") + "," + call("call_2", "time_now", "{}")
                + "]},\"finish_reason\":\"tool_calls\"}]}"));
        fake.enqueue(FakeProvider.reply("Ada, it is morning."));
        Path envFile = work.resolve("agent.env");
        Files.writeString(envFile, "RUSTY_PINCH_PROVIDER=openai\nRUSTY_PINCH_MODEL=test-model\n"
                + "RUSTY_PINCH_API_BASE=" + fake.url("/v1") + "\nOPENAI_API_KEY=" + KEY + "\nRUSTY_PINCH_AGENT_TOOLS=*\n", UTF_8);
        ProcessBuilder builder = new ProcessBuilder(ProviderCli.HOME.resolve("bin/rusty-pinch").toString(),
                "run", "--session", "e2e", "--message", "What is my name, and what time is it?");
        builder.environment().clear();
        builder.environment().putAll(Map.of("PATH", "/usr/bin:/bin", "JAVA_HOME", System.getProperty("java.home"),
                "RUSTY_PINCH_ENV_FILE", envFile.toString()));
        builder.directory(work.toFile());
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process = builder.start();
        try {
            CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            assertTrue(process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS), "rusty-pinch did not exit");
            String out = stdout.get(10, TimeUnit.SECONDS);
            String err = stderr.get(10, TimeUnit.SECONDS);
            String all = "exit=" + process.exitValue() + "\n--- stdout\n" + out + "--- stderr\n" + err;
            assertEquals(0, process.exitValue(), all);
            assertEquals("Ada, it is morning.\n", out);

            JsonNode first = ProviderCli.JSON.readTree(fake.take().getBody().utf8());
            List<String> offered = new ArrayList<>();
            first.get("tools").forEach(tool -> offered.add(tool.get("function").get("name").asText()));
            assertEquals(List.of("model_info", "session_tail", "time_now"), offered);
            JsonNode second = ProviderCli.JSON.readTree(fake.take().getBody().utf8());
            JsonNode messages = second.get("messages");
            JsonNode tail = messages.get(messages.size() - 2);
            JsonNode time = messages.get(messages.size() - 1);
            assertEquals("call_1", tail.get("tool_call_id").asText());
            assertTrue(tail.get("content").asText().contains("\"content\": \"my name is Ada\""), tail.toString());
            assertEquals("call_2", time.get("tool_call_id").asText());
            assertTrue(time.get("content").asText().endsWith("+00:00"), time.toString());

            List<String> lines = err.lines().toList();
            assertEquals(3, lines.size(), all);
            assertTrue(lines.get(0).contains("\"event\":\"tool_call\"") && lines.get(0).contains("\"tool_name\":\"session_tail\""));
            assertTrue(lines.get(1).contains("\"event\":\"tool_call\"") && lines.get(1).contains("\"tool_name\":\"time_now\""));
            JsonNode turn = ProviderCli.JSON.readTree(lines.get(2));
            assertEquals("turn", turn.get("event").asText());
            assertEquals(2, turn.get("attempts").asLong());

            List<String> session = Files.readAllLines(work.resolve("data/sessions/e2e.jsonl"), UTF_8);
            assertEquals(4, session.size());
            assertTrue(session.get(2).startsWith("{\"role\":\"user\",\"content\":\"What is my name, and what time is it?\","));
            assertTrue(session.get(3).startsWith("{\"role\":\"assistant\",\"content\":\"Ada, it is morning.\","));
            assertFalse(err.contains(KEY) || out.contains(KEY), "key in the output");
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String readAll(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
