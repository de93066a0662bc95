package dev.rustypinch.runtime.turn;

import static dev.rustypinch.runtime.turn.ScriptedModel.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rustypinch.api.ChatMessage;
import dev.rustypinch.api.ChatProvider;
import dev.rustypinch.api.ChatRequest;
import dev.rustypinch.api.ChatResponse;
import dev.rustypinch.api.ChatToolCall;
import dev.rustypinch.api.JsonToolInvocation;
import dev.rustypinch.api.ProviderException;
import dev.rustypinch.api.SessionEntry;
import dev.rustypinch.api.Tool;
import dev.rustypinch.api.ToolContext;
import dev.rustypinch.api.ToolException;
import dev.rustypinch.api.ToolInvocation;
import dev.rustypinch.api.ToolSpec;
import dev.rustypinch.runtime.config.AgentSettings;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent loop in the turn pipeline (SPEC §18) with a scripted in-process model and real tools, sessions and telemetry. */
class AgentLoopTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final SortedMap<String, Tool> tools = new TreeMap<>();
    private final ScriptedModel model = new ScriptedModel();
    private final AgentThreads threads = new AgentThreads();

    @AfterEach
    void closeThreads() {
        threads.close();
    }

    private TurnPipeline pipeline(AgentSettings settings) {
        EventWriter events = new EventWriter(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        TelemetryStore telemetry = new TelemetryStore(dataDir.resolve("telemetry/latest.json"), events, Clock.systemUTC());
        ProviderDirectory directory = new ProviderDirectory() {
            @Override
            public boolean serves(String name) {
                return true;
            }

            @Override
            public ChatProvider provider(String name) {
                return model;
            }

            @Override
            public boolean hasPluginProblems() {
                return false;
            }
        };
        RetryPolicy retryPolicy = new RetryPolicy(2, 1, 1, 60, millis -> { });
        return new TurnPipeline(new TurnPipeline.Config("openai", "test-model", true, true), new SessionStore(dataDir),
                TurnRecorder.withoutBus(events, telemetry), directory, () -> tools, retryPolicy, new PromptBuilder(),
                new RequestIds(Clock.systemUTC()), Clock.systemUTC(),
                settings.enabled() ? Optional.of(new AgentLoop(settings, threads, retryPolicy, events)) : Optional.empty());
    }

    private static AgentSettings agent(String tools, int maxRounds, long toolTimeoutSecs, long turnTimeoutSecs) {
        return new AgentSettings(List.of(tools.split(",")), maxRounds, Optional.empty(), toolTimeoutSecs, turnTimeoutSecs);
    }

    private static AgentSettings agent(String tools) {
        return agent(tools, 6, 30, 300);
    }

    private List<JsonNode> events(String name) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String line : stderr.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                JsonNode event = JSON.readTree(line);
                if (name.equals(event.get("event").asText())) {
                    events.add(event);
                }
            }
        }
        return events;
    }

    private JsonNode turnEvent() throws Exception {
        List<JsonNode> turns = events("turn");
        assertEquals(1, turns.size());
        return turns.get(0);
    }

    /** The tool messages of the request of round {@code round} (1-based) answering the previous round's calls. */
    private List<ChatMessage> toolMessages(int round) {
        return model.requests().get(round - 1).messages().stream().filter(m -> m.role().equals("tool")).toList();
    }

    private List<String> toolResults(int round) {
        return toolMessages(round).stream().map(ChatMessage::content).toList();
    }

    private void tool(String name, Function<String, String> body) {
        tools.put(name, new JsonTool(name, body));
    }

    // --- the happy path (SPEC §18.3, §18.6)

    @Test
    void modelCallsToolsThenAnswers() throws Exception {
        tool("alpha", args -> "A" + args);
        tool("beta", args -> "B" + args);
        model.calls(call("call_1", "beta", "{\"x\":1}"), call("call_2", "alpha", "")).answers("done");

        TurnResult result = pipeline(agent("*")).run("s", "go");

        assertEquals("done", result.reply().orElseThrow());
        assertEquals(List.of("B{\"x\":1}", "A{}"), toolResults(2));
        assertEquals(List.of(Optional.of("call_1"), Optional.of("call_2")),
                toolMessages(2).stream().map(ChatMessage::toolCallId).toList());
    }

    @Test
    void firstRoundOffersTheListedToolsInNameOrder() {
        tool("zeta", args -> "z");
        tool("alpha", args -> "a");
        tool("hidden", args -> "h");
        model.answers("hi");

        pipeline(agent("zeta,alpha,missing")).run("s", "go");

        ChatRequest first = model.requests().get(0);
        assertEquals(List.of("alpha", "zeta"), first.tools().stream().map(ToolSpec::name).toList());
        assertEquals(Optional.empty(), first.toolChoice());
    }

    @Test
    void textToolIsOfferedWithASingleArgsString() {
        tools.put("echo", new TextTool("echo", args -> args));
        model.answers("hi");

        pipeline(agent("*")).run("s", "go");

        assertEquals("{\"properties\":{\"args\":{\"description\":\"/tool echo [text]\",\"type\":\"string\"}},\"type\":\"object\"}",
                model.requests().get(0).tools().get(0).parametersSchema());
    }

    @Test
    void laterRoundRepeatsTheMessagesThenTheAssistantCallsAndTheResults() {
        tool("alpha", args -> "A");
        ChatToolCall first = call("c1", "alpha", "{}");
        model.calls(first).answers("done");

        pipeline(agent("*")).run("s", "go");

        List<ChatMessage> round1 = model.requests().get(0).messages();
        List<ChatMessage> round2 = model.requests().get(1).messages();
        assertEquals(round1, round2.subList(0, round1.size()));
        assertEquals(ChatMessage.assistantToolCalls(null, List.of(first)), round2.get(round1.size()));
        assertEquals(ChatMessage.toolResult("c1", "A"), round2.get(round1.size() + 1));
        assertEquals(round1.size() + 2, round2.size());
    }

    @Test
    void sessionGetsTheInputAndTheFinalReplyOnly() throws Exception {
        tool("alpha", args -> "A");
        model.calls(call("c1", "alpha", "{}")).calls(call("c2", "alpha", "{}")).answers("final");

        pipeline(agent("*")).run("s", "question");

        List<SessionEntry> stored = new SessionStore(dataDir).load("s");
        assertEquals(List.of("user:question", "assistant:final"),
                stored.stream().map(e -> e.role() + ":" + e.content()).toList());
    }

    @Test
    void turnEventSumsAttemptsOverEveryModelCall() throws Exception {
        tool("alpha", args -> "A");
        AtomicInteger failures = new AtomicInteger();
        model.calls(call("c1", "alpha", "{}")).then(() -> {
            if (failures.getAndIncrement() == 0) {
                throw ProviderException.transientFailure("http_status=503");
            }
            return new ChatResponse("done");
        });

        pipeline(agent("*")).run("s", "go");

        JsonNode turn = turnEvent();
        assertEquals(3, turn.get("attempts").asLong());
        assertEquals("ok", turn.get("status").asText());
        assertEquals(4, turn.get("response_chars").asLong());
    }

    @Test
    void toolCallEventsHaveTheSpecShapeAndNoArgumentsOrResults() throws Exception {
        tool("alpha", args -> "secret-result");
        model.calls(call("c1", "alpha", "{\"q\":\"secret-arg\"}"), call("c2", "nope", "{}")).answers("done");

        pipeline(agent("*")).run("s", "go");

        List<JsonNode> calls = events("tool_call");
        assertEquals(2, calls.size());
        List<String> keys = new ArrayList<>();
        calls.get(0).fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("arguments_chars", "error", "event", "latency_ms", "request_id", "round", "session_id", "status",
                "tool_name"), keys);
        assertEquals(18, calls.get(0).get("arguments_chars").asLong());
        assertEquals("ok", calls.get(0).get("status").asText());
        assertTrue(calls.get(0).get("error").isNull());
        assertEquals(1, calls.get(0).get("round").asLong());
        assertEquals("s", calls.get(0).get("session_id").asText());
        assertEquals("error", calls.get(1).get("status").asText());
        assertEquals("tool 'nope' is not available", calls.get(1).get("error").asText());
        String all = stderr.toString(StandardCharsets.UTF_8);
        assertFalse(all.contains("secret-arg"));
        assertFalse(all.contains("secret-result"));
    }

    @Test
    void telemetryCountsModelCallsToolCallsAndErrors() throws Exception {
        tool("alpha", args -> "A");
        model.calls(call("c1", "alpha", "{}"), call("c2", "ghost", "{}")).answers("done");

        pipeline(agent("*")).run("s", "go");

        JsonNode agent = JSON.readTree(Files.readString(dataDir.resolve("telemetry/latest.json"))).get("agent");
        assertEquals("{\"model_calls\":2,\"tool_calls\":2,\"tool_errors\":1}", agent.toString());
    }

    // --- rounds (SPEC §18.3–§18.4)

    @Test
    void lastRoundSendsToolChoiceNone() {
        tool("alpha", args -> "A");
        model.calls(call("c1", "alpha", "{}")).calls(call("c2", "alpha", "{}")).answers("done");

        pipeline(agent("*", 3, 30, 300)).run("s", "go");

        assertEquals(List.of(Optional.empty(), Optional.empty(), Optional.of("none")),
                model.requests().stream().map(ChatRequest::toolChoice).toList());
    }

    @Test
    void modelThatNeverStopsCallingGivesNoFinalAnswerAndSavesNothing() throws Exception {
        tool("alpha", args -> "A");
        model.calls(call("c1", "alpha", "{}"));

        TurnResult result = pipeline(agent("*", 4, 30, 300)).run("s", "go");

        assertTrue(result.error().orElseThrow().matches(
                "agent gave no final answer after 4 model calls \\(attempts=4, latency_ms=\\d+\\)"), result.error().get());
        assertEquals(4, model.requests().size());
        assertFalse(Files.exists(dataDir.resolve("sessions")));
        JsonNode agent = JSON.readTree(Files.readString(dataDir.resolve("telemetry/latest.json"))).get("agent");
        assertEquals("{\"model_calls\":4,\"tool_calls\":3,\"tool_errors\":0}", agent.toString());
    }

    @Test
    void oneRoundOffersToolsWithToolChoiceNone() {
        tool("alpha", args -> "A");
        model.answers("plain");

        pipeline(agent("*", 1, 30, 300)).run("s", "go");

        assertEquals(Optional.of("none"), model.requests().get(0).toolChoice());
        assertEquals(1, model.requests().get(0).tools().size());
    }

    @Test
    void failedModelCallEndsTheTurnWithItsMessageAndSummedAttempts() throws Exception {
        tool("alpha", args -> "A");
        model.calls(call("c1", "alpha", "{}")).then(() -> {
            throw ProviderException.permanentFailure("http_status=400");
        });

        TurnResult result = pipeline(agent("*")).run("s", "go");

        assertTrue(result.error().orElseThrow().matches("provider call failed on attempt 1/3: permanent error: http_status=400"
                + " \\(attempts=2, latency_ms=\\d+\\)"), result.error().get());
        assertFalse(Files.exists(dataDir.resolve("sessions")));
    }

    // --- guarded calls (SPEC §18.5)

    @Test
    void callsRunConcurrentlyAtMostFourAtATimeAndAnswerInCallOrder() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        CountDownLatch fourStarted = new CountDownLatch(4);
        tool("wait", args -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            fourStarted.countDown();
            try {
                fourStarted.await(5, TimeUnit.SECONDS);
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return "r" + args;
        });
        List<ChatToolCall> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(call("c" + i, "wait", "{\"i\":" + i + "}"));
        }
        model.calls(calls.toArray(ChatToolCall[]::new)).answers("done");

        pipeline(agent("*")).run("s", "go");

        assertEquals(4, peak.get());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expected.add("r{\"i\":" + i + "}");
        }
        assertEquals(expected, toolResults(2));
    }

    @Test
    void slowToolIsInterruptedAtTheTimeoutAndTheModelIsTold() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        tool("slow", args -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return "late";
        });
        tool("fast", args -> "quick");
        model.calls(call("c1", "slow", "{}"), call("c2", "fast", "{}")).answers("done");

        TurnResult result = pipeline(agent("*", 6, 1, 300)).run("s", "go");

        assertEquals("done", result.reply().orElseThrow());
        assertEquals(List.of("error: tool 'slow' timed out after 1 s", "quick"), toolResults(2));
        assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the slow tool was not interrupted");
    }

    @Test
    void toolFailuresAreFedBackAsErrors() {
        tools.put("refuses", new JsonTool("refuses", args -> "x") {
            @Override
            public String runJson(JsonToolInvocation invocation, ToolContext context) throws ToolException {
                throw new ToolException("count must be > 0");
            }
        });
        tool("throws", args -> {
            throw new IllegalStateException("boom");
        });
        model.calls(call("c1", "refuses", "{}"), call("c2", "throws", "{}")).answers("done");

        TurnResult result = pipeline(agent("*")).run("s", "go");

        assertEquals("done", result.reply().orElseThrow());
        assertEquals(List.of("error: count must be > 0", "error: IllegalStateException: boom"), toolResults(2));
    }

    @Test
    void hundredCallsRunTheFirstSixteenAndRefuseTheRest() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        tool("count", args -> String.valueOf(ran.incrementAndGet()));
        List<ChatToolCall> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            calls.add(call("c" + i, "count", "{}"));
        }
        model.calls(calls.toArray(ChatToolCall[]::new)).answers("done");

        pipeline(agent("*")).run("s", "go");

        List<String> results = toolResults(2);
        assertEquals(100, results.size());
        assertEquals(16, ran.get());
        assertFalse(results.get(15).startsWith("error"));
        for (int i = 16; i < 100; i++) {
            assertEquals("error: too many tool calls in one response (max 16)", results.get(i));
        }
        assertEquals(100, events("tool_call").size());
    }

    @Test
    void argumentsOverTheLimitAreRefused() {
        AtomicBoolean ran = new AtomicBoolean();
        tool("big", args -> {
            ran.set(true);
            return "ran";
        });
        String megabyte = "{\"text\":\"" + "x".repeat(1_048_576) + "\"}";
        String atLimit = "{\"t\":\"" + "y".repeat(65536 - 8) + "\"}";
        model.calls(call("c1", "big", megabyte), call("c2", "big", atLimit)).answers("done");

        pipeline(agent("*")).run("s", "go");

        assertEquals(List.of("error: arguments too long (max 65536 characters)", "ran"), toolResults(2));
    }

    @Test
    void argumentsThatAreNotAJsonObjectAreRefused() {
        tool("alpha", args -> "A");
        model.calls(call("c1", "alpha", "[1,2]"), call("c2", "alpha", "not json"), call("c3", "alpha", "\"s\""),
                call("c4", "alpha", "{\"a\":1} trailing"), call("c5", "alpha", "")).answers("done");

        pipeline(agent("*")).run("s", "go");

        assertEquals(List.of("error: arguments must be a JSON object", "error: arguments must be a JSON object",
                "error: arguments must be a JSON object", "error: arguments must be a JSON object", "A"), toolResults(2));
    }

    @Test
    void textToolArgsFollowTheSlashToolGuardrails() {
        tools.put("echo", new TextTool("echo", args -> "[" + args + "]"));
        model.calls(call("c1", "echo", "{\"args\":\"  hello  \"}"), call("c2", "echo", "{\"args\":\"a\\tb\"}"),
                call("c3", "echo", "{\"args\":\"" + "z".repeat(513) + "\"}"), call("c4", "echo", "{}"),
                call("c5", "echo", "{\"args\":5}")).answers("done");

        pipeline(agent("*")).run("s", "go");

        assertEquals(List.of("[hello]", "error: tool args contain control characters, which are not allowed",
                "error: tool args too long (max 512 characters)", "[]", "error: args must be a string"), toolResults(2));
    }

    @Test
    void unknownAndUnofferedToolsAreNotAvailable() {
        tool("listed", args -> "L");
        tool("unlisted", args -> "U");
        model.calls(call("c1", "unlisted", "{}"), call("c2", "ghost", "{}"), call("c3", "listed", "{}")).answers("done");

        pipeline(agent("listed")).run("s", "go");

        assertEquals(List.of("error: tool 'unlisted' is not available", "error: tool 'ghost' is not available", "L"),
                toolResults(2));
    }

    @Test
    void longResultsAreCutAt16000Characters() {
        tool("long", args -> "é".repeat(16_005));
        model.calls(call("c1", "long", "{}")).answers("done");

        pipeline(agent("*")).run("s", "go");

        assertEquals("é".repeat(16_000) + "\n[truncated 5 characters]", toolResults(2).get(0));
    }

    @Test
    void wholeTurnDeadlineEndsTheTurn() throws Exception {
        tool("slow", args -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "late";
        });
        model.calls(call("c1", "slow", "{}")).answers("done");

        TurnResult result = pipeline(agent("*", 6, 0, 1)).run("s", "go");

        assertTrue(result.error().orElseThrow().matches("agent turn exceeded 1 s \\(attempts=1, latency_ms=\\d+\\)"),
                result.error().get());
        assertFalse(Files.exists(dataDir.resolve("sessions")));
    }

    // --- off and unsupported (SPEC §18)

    @Test
    void agentModeOffSendsNoTools() {
        tool("alpha", args -> "A");
        model.answers("plain");

        pipeline(AgentSettings.OFF).run("s", "go");

        assertEquals(List.of(), model.requests().get(0).tools());
        assertEquals(Optional.empty(), model.requests().get(0).toolChoice());
    }

    @Test
    void toolCallsWithoutContentToAPlainRequestFailTheTurnAndSaveNothing() {
        model.calls(call("c1", "alpha", "{}"));

        TurnResult result = pipeline(AgentSettings.OFF).run("s", "go");

        assertTrue(result.error().orElseThrow().matches("provider response asked for tool calls but none were offered and it "
                + "has no content \\(attempts=1, latency_ms=\\d+\\)"), result.error().get());
        assertFalse(Files.exists(dataDir.resolve("sessions")));
    }

    @Test
    void noListedToolExistingSendsAPlainRequest() throws Exception {
        tool("alpha", args -> "A");
        model.answers("plain");

        pipeline(agent("beta")).run("s", "go");

        assertEquals(List.of(), model.requests().get(0).tools());
        assertTrue(JSON.readTree(Files.readString(dataDir.resolve("telemetry/latest.json"))).get("agent")
                .get("model_calls").asLong() == 0);
    }

    /** A tool with a schema whose JSON arguments go to {@code body}. */
    private static class JsonTool implements Tool {
        private final String name;
        private final Function<String, String> body;

        JsonTool(String name, Function<String, String> body) {
            this.name = name;
            this.body = body;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "Tool " + name + ".";
        }

        @Override
        public String usage() {
            return "/tool " + name + " {json}";
        }

        @Override
        public Optional<String> parametersSchema() {
            return Optional.of("{\"type\":\"object\"}");
        }

        @Override
        public String runJson(JsonToolInvocation invocation, ToolContext context) throws ToolException {
            return body.apply(invocation.arguments());
        }

        @Override
        public String run(ToolInvocation invocation, ToolContext context) throws ToolException {
            return body.apply(invocation.args());
        }
    }

    /** An API 1.0-style tool without a schema. */
    private static final class TextTool implements Tool {
        private final String name;
        private final Function<String, String> body;

        TextTool(String name, Function<String, String> body) {
            this.name = name;
            this.body = body;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "Text tool " + name + ".";
        }

        @Override
        public String usage() {
            return "/tool " + name + " [text]";
        }

        @Override
        public String run(ToolInvocation invocation, ToolContext context) {
            return body.apply(invocation.args());
        }
    }
}
