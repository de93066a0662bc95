package dev.rustypinch.runtime.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rustypinch.api.ChatMessage;
import dev.rustypinch.api.ChatProvider;
import dev.rustypinch.api.ChatRequest;
import dev.rustypinch.api.ChatResponse;
import dev.rustypinch.api.ProviderException;
import dev.rustypinch.api.JsonToolInvocation;
import dev.rustypinch.api.SessionEntry;
import dev.rustypinch.api.Tool;
import dev.rustypinch.api.ToolContext;
import dev.rustypinch.api.ToolException;
import dev.rustypinch.api.ToolInvocation;
import dev.rustypinch.runtime.event.EventWriter;
import dev.rustypinch.runtime.session.SessionStore;
import dev.rustypinch.runtime.telemetry.TelemetryStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TurnPipelineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final List<ChatRequest> requests = new ArrayList<>();
    private final SortedMap<String, Tool> tools = new TreeMap<>();
    private ChatProvider provider = request -> {
        requests.add(request);
        return new ChatResponse("model reply");
    };
    private boolean pluginProblems;

    private TurnPipeline pipeline(String providerName, boolean key, boolean base) {
        EventWriter events = new EventWriter(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        TelemetryStore telemetry = new TelemetryStore(dataDir.resolve("telemetry/latest.json"), events, Clock.systemUTC());
        ProviderDirectory directory = new ProviderDirectory() {
            @Override
            public boolean serves(String name) {
                return name.equals("openai");
            }

            @Override
            public ChatProvider provider(String name) {
                if (provider == null) {
                    throw new IllegalStateException("plugin constructor failed");
                }
                return provider;
            }

            @Override
            public boolean hasPluginProblems() {
                return pluginProblems;
            }
        };
        return new TurnPipeline(new TurnPipeline.Config(providerName, "test-model", key, base), new SessionStore(dataDir),
                TurnRecorder.withoutBus(events, telemetry), directory, () -> tools,
                new RetryPolicy(2, 1, 1, 60, millis -> { }), new PromptBuilder(), new RequestIds(Clock.systemUTC()),
                Clock.systemUTC());
    }

    private List<JsonNode> events() throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String line : stderr.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                events.add(JSON.readTree(line));
            }
        }
        return events;
    }

    private JsonNode lastTurn() throws Exception {
        List<JsonNode> events = events();
        return events.get(events.size() - 1);
    }

    @Test
    void localProviderRepliesWithTheWholeHistoryCount() throws Exception {
        TurnPipeline pipeline = pipeline("local", false, false);
        TurnResult first = pipeline.run("test-session", "hello");
        assertEquals("[Rusty Pinch:local:test-model] Received 'hello'. history=0 messages.", first.reply().orElseThrow());
        TurnResult second = pipeline.run("test-session", "again");
        assertEquals("[Rusty Pinch:local:test-model] Received 'again'. history=2 messages.", second.reply().orElseThrow());
        List<SessionEntry> stored = new SessionStore(dataDir).load("test-session");
        assertEquals(List.of("user", "assistant", "user", "assistant"), stored.stream().map(SessionEntry::role).toList());
        assertEquals("hello", stored.get(0).content());
    }

    @Test
    void turnEventHasFourteenAlphabeticalKeys() throws Exception {
        pipeline("local", false, false).run("demo", "hello");
        JsonNode event = lastTurn();
        List<String> keys = new ArrayList<>();
        event.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("attempts", "error", "event", "latency_ms", "model", "path", "provider", "request_id",
                "response_chars", "session_id", "status", "timestamp", "tool_name", "user_chars"), keys);
        assertEquals(0, event.get("attempts").asLong());
        assertTrue(event.get("latency_ms").isNumber());
        assertTrue(event.get("error").isNull());
        assertTrue(event.get("tool_name").isNull());
        assertEquals("provider", event.get("path").asText());
        assertEquals(5, event.get("user_chars").asLong());
        assertTrue(event.get("request_id").asText().startsWith("rp-"));
        assertTrue(event.get("timestamp").asText().endsWith("+00:00"));
    }

    @Test
    void providerRequestCarriesSystemWindowOfTwentyAndRawInput() throws Exception {
        TurnPipeline pipeline = pipeline("openai", true, true);
        for (int i = 0; i < 12; i++) {
            pipeline.run("s", "m" + i);
        }
        pipeline.run("s", "  last  ");
        ChatRequest request = requests.get(requests.size() - 1);
        List<ChatMessage> messages = request.messages();
        assertEquals(22, messages.size());
        assertEquals("system", messages.get(0).role());
        assertTrue(messages.get(0).content().startsWith(PromptBuilder.IDENTITY + "\n\n# Rusty Pinch"));
        assertTrue(messages.get(0).content().endsWith("## Session\ns\n\n## User\n  last  "));
        assertEquals("m2", messages.get(1).content());
        assertEquals(new ChatMessage("user", "  last  "), messages.get(21));
        assertEquals("test-model", request.model());
        assertEquals(0.2, request.temperature());
        assertEquals(1, lastTurn().get("attempts").asLong());
    }

    @Test
    void historyRolesOutsideTheContextRolesAreDropped() throws Exception {
        Path sessions = Files.createDirectories(dataDir.resolve("sessions"));
        Files.writeString(sessions.resolve("s.jsonl"),
                "{\"role\":\"tool\",\"content\":\"x\",\"timestamp\":\"2026-01-01T00:00:00+00:00\"}\n"
                        + "{\"role\":\"user\",\"content\":\"y\",\"timestamp\":\"2026-01-01T00:00:00+00:00\"}\n");
        pipeline("openai", true, true).run("s", "z");
        assertEquals(List.of("system", "user", "user"), requests.get(0).messages().stream().map(ChatMessage::role).toList());
    }

    @Test
    void unservedProviderFailsWithAttemptsZeroAndAHintWhenPluginsHaveProblems() throws Exception {
        pluginProblems = true;
        TurnResult result = pipeline("anthropic", true, true).run("s", "hi");
        assertTrue(result.error().orElseThrow().startsWith(
                "provider 'anthropic' is not implemented yet in rusty-pinch runtime; see 'rusty-pinch plugins list' (attempts=0, latency_ms="));
        assertEquals(0, lastTurn().get("attempts").asLong());
        assertTrue(new SessionStore(dataDir).load("s").isEmpty());
    }

    @Test
    void missingKeyAndBaseAreCheckedInOrder() {
        assertTrue(pipeline("openai", false, false).run("s", "hi").error().orElseThrow()
                .startsWith("missing API key for provider 'openai' (attempts=0, latency_ms="));
        assertTrue(pipeline("openai", true, false).run("s", "hi").error().orElseThrow()
                .startsWith("missing API base for provider 'openai' (attempts=0, latency_ms="));
    }

    @Test
    void providerFailureIsRecordedWithItsAttemptsAndNothingIsSaved() throws Exception {
        provider = request -> {
            throw ProviderException.transientFailure("http_status=503; provider_error=upstream overloaded");
        };
        TurnResult result = pipeline("openai", true, true).run("s", "hi");
        assertTrue(result.error().orElseThrow().startsWith("provider call failed on attempt 3/3: transient error: "
                + "http_status=503; provider_error=upstream overloaded (attempts=3, latency_ms="));
        assertTrue(result.errorText().startsWith("request_id=rp-"));
        JsonNode event = lastTurn();
        assertEquals("error", event.get("status").asText());
        assertEquals(0, event.get("response_chars").asLong());
        assertEquals(3, event.get("attempts").asLong());
        assertTrue(new SessionStore(dataDir).load("s").isEmpty());
    }

    @Test
    void toolTurnRecordsToolPathWithNullMetricsAndSavesTheNormalisedCommand() throws Exception {
        tools.put("echo", new EchoTool());
        TurnResult result = pipeline("openai", false, false).run("s", "  /tool echo   a  b ");
        assertEquals("[tool:echo]\na  b", result.reply().orElseThrow());
        JsonNode event = lastTurn();
        assertEquals("tool", event.get("path").asText());
        assertEquals("echo", event.get("tool_name").asText());
        assertTrue(event.get("attempts").isNull());
        assertTrue(event.get("latency_ms").isNull());
        assertEquals("/tool echo a  b".length(), event.get("user_chars").asLong());
        assertEquals(result.reply().orElseThrow().length(), event.get("response_chars").asLong());
        List<SessionEntry> stored = new SessionStore(dataDir).load("s");
        assertEquals("/tool echo a  b", stored.get(0).content());
        assertEquals("[tool:echo]\na  b", stored.get(1).content());
    }

    @Test
    void guardrailFailureWritesNothingAndRecordsAnError() throws Exception {
        tools.put("echo", new EchoTool());
        TurnResult result = pipeline("local", false, false).run("s", "/tool echo 5\n6");
        assertEquals("tool args contain control characters, which are not allowed", result.error().orElseThrow());
        assertEquals("error", lastTurn().get("status").asText());
        assertFalse(Files.exists(dataDir.resolve("sessions/s.jsonl")));
    }

    @Test
    void emptyToolNameRecordsANullToolName() throws Exception {
        pipeline("local", false, false).run("s", "/tool");
        assertTrue(lastTurn().get("tool_name").isNull());
    }

    @Test
    void toolFailureKeepsTheReason() {
        tools.put("echo", new EchoTool());
        assertEquals("tool 'echo' execution failed: nothing to echo",
                pipeline("local", false, false).run("s", "/tool echo").error().orElseThrow());
    }

    @Test
    void toolWithAMissingClassFailsTheTurnAndTheTurnIsRecorded() throws Exception {
        tools.put("echo", new EchoTool() {
            @Override
            public String run(ToolInvocation invocation, ToolContext context) {
                throw new NoClassDefFoundError("com/example/Missing");
            }
        });
        TurnResult result = pipeline("local", false, false).run("s", "/tool echo hi");
        assertEquals("tool 'echo' execution failed: NoClassDefFoundError: com/example/Missing", result.error().orElseThrow());
        JsonNode event = lastTurn();
        assertEquals("error", event.get("status").asText());
        assertEquals("tool 'echo' execution failed: NoClassDefFoundError: com/example/Missing", event.get("error").asText());
        assertFalse(Files.exists(dataDir.resolve("sessions/s.jsonl")));
    }

    @Test
    void aBrokenProviderOnALaterAttemptIsReportedAtThatAttempt() throws Exception {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        provider = request -> {
            if (calls.incrementAndGet() == 1) {
                throw ProviderException.transientFailure("http_status=503");
            }
            throw new IllegalStateException("client closed");
        };
        TurnResult result = pipeline("openai", true, true).run("s", "hi");
        assertTrue(result.error().orElseThrow().startsWith("provider call failed on attempt 2/3: permanent error: "
                + "IllegalStateException: client closed (attempts=2, latency_ms="), result.error().orElseThrow());
        assertEquals(2, lastTurn().get("attempts").asLong());
    }

    @Test
    void aProviderThatCannotBeCreatedFailsWithAttemptsZero() throws Exception {
        provider = null;
        TurnResult result = pipeline("openai", true, true).run("s", "hi");
        assertTrue(result.error().orElseThrow().startsWith("failed to create provider 'openai': IllegalStateException: "
                + "plugin constructor failed; see 'rusty-pinch plugins list' (attempts=0, latency_ms="), result.error().orElseThrow());
        assertEquals(0, lastTurn().get("attempts").asLong());
    }

    @Test
    void providerWithAMissingClassFailsTheTurnAndTheTurnIsRecorded() throws Exception {
        provider = request -> {
            throw new NoClassDefFoundError("okhttp3/OkHttpClient");
        };
        TurnResult result = pipeline("openai", true, true).run("s", "hi");
        assertTrue(result.error().orElseThrow().startsWith("provider call failed on attempt 1/3: permanent error: "
                + "NoClassDefFoundError: okhttp3/OkHttpClient (attempts=1, latency_ms="), result.error().orElseThrow());
        JsonNode event = lastTurn();
        assertEquals("error", event.get("status").asText());
        assertEquals(1, event.get("attempts").asLong());
        assertTrue(new SessionStore(dataDir).load("s").isEmpty());
    }

    @Test
    void aToolExceptionWithoutMessageStillReadsClearly() {
        tools.put("mute", new EchoTool() {
            @Override
            public String name() {
                return "mute";
            }

            @Override
            public String run(ToolInvocation invocation, ToolContext context) throws ToolException {
                throw new ToolException(null);
            }
        });
        assertEquals("tool 'mute' execution failed: no reason given",
                pipeline("local", false, false).run("s", "/tool mute").error().orElseThrow());
    }

    @Test
    void toolsSeeTheHistoryBeforeTheirTurn() {
        tools.put("count", new Tool() {
            @Override
            public String name() {
                return "count";
            }

            @Override
            public String description() {
                return "";
            }

            @Override
            public String usage() {
                return "";
            }

            @Override
            public String run(ToolInvocation invocation, ToolContext context) throws ToolException {
                try {
                    return String.valueOf(context.history().size());
                } catch (java.io.IOException e) {
                    throw new ToolException(e.getMessage());
                }
            }
        });
        TurnPipeline pipeline = pipeline("local", false, false);
        pipeline.run("s", "hello");
        assertEquals("[tool:count]\n2", pipeline.run("s", "/tool count").reply().orElseThrow());
    }

    @Test
    void telemetryCountsEveryTurn() throws Exception {
        TurnPipeline pipeline = pipeline("local", false, false);
        pipeline.run("s", "a");
        pipeline.run("s", "/tool nope");
        JsonNode telemetry = JSON.readTree(dataDir.resolve("telemetry/latest.json").toFile());
        assertEquals(2, telemetry.get("total_turns").asLong());
        assertEquals(1, telemetry.get("ok_turns").asLong());
        assertEquals(1, telemetry.get("error_turns").asLong());
        assertEquals(1, telemetry.get("tool_turns").asLong());
    }

    @Test
    void slashToolGivesASchemaToolAnEmptyObjectForEmptyArgs() {
        tools.put("form", new FormTool());
        assertEquals("[tool:form]\njson {}", pipeline("local", false, false).run("s", "/tool form").reply().orElseThrow());
    }

    @Test
    void slashToolGivesASchemaToolAJsonObjectAsJson() {
        tools.put("form", new FormTool());
        assertEquals("[tool:form]\njson {\"n\": 2}",
                pipeline("local", false, false).run("s", "/tool form {\"n\": 2}").reply().orElseThrow());
    }

    @Test
    void slashToolGivesASchemaToolOtherArgsAsText() {
        tools.put("form", new FormTool());
        assertEquals("[tool:form]\ntext 3", pipeline("local", false, false).run("s", "/tool form 3").reply().orElseThrow());
        assertEquals("[tool:form]\ntext [1]", pipeline("local", false, false).run("s", "/tool form [1]").reply().orElseThrow());
    }

    /** A schema tool that says which form it was called in. */
    private static final class FormTool extends EchoTool {
        @Override
        public String name() {
            return "form";
        }

        @Override
        public Optional<String> parametersSchema() {
            return Optional.of("{\"type\":\"object\"}");
        }

        @Override
        public String runJson(JsonToolInvocation invocation, ToolContext context) {
            return "json " + invocation.arguments();
        }

        @Override
        public String run(ToolInvocation invocation, ToolContext context) {
            return "text " + invocation.args();
        }
    }

    private static class EchoTool implements Tool {
        @Override
        public String name() {
            return "echo";
        }

        @Override
        public String description() {
            return "Echo.";
        }

        @Override
        public String usage() {
            return "/tool echo <text>";
        }

        @Override
        public String run(ToolInvocation invocation, ToolContext context) throws ToolException {
            if (invocation.args().isEmpty()) {
                throw new ToolException("nothing to echo");
            }
            return invocation.args();
        }
    }
}
