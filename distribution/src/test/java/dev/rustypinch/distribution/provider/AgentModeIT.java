package dev.rustypinch.distribution.provider;

import static dev.rustypinch.distribution.provider.FakeProvider.KEY;
import static dev.rustypinch.distribution.provider.JsonStrings.message;
import static dev.rustypinch.distribution.provider.JsonStrings.quote;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agent mode end to end in-process (SPEC §18, §17.3 item 47): the real runtime and the default plugins of the built
 * distribution against MockWebServer scripted like a real tool-calling model.
 */
class AgentModeIT {
    private static final String IDENTITY = "You are Rusty Pinch, a pragmatic Rust-first assistant.";
    private static final String BUILTIN_TOOLS = "[{\"function\":{\"description\":\"Show latest messages from current session.\","
            + "\"name\":\"session_tail\",\"parameters\":{\"properties\":{\"count\":{\"description\":\"How many of the latest "
            + "messages to show (default 5, at most 50).\",\"maximum\":50,\"minimum\":1,\"type\":\"integer\"}},\"type\":\"object\"}},"
            + "\"type\":\"function\"},{\"function\":{\"description\":\"Show current UTC timestamp in RFC3339.\",\"name\":\"time_now\","
            + "\"parameters\":{\"properties\":{},\"type\":\"object\"}},\"type\":\"function\"}]";

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

    private ProviderCli cli(String tools) {
        return ProviderCli.openAiWithFastRetries(work, fake).env("RUSTY_PINCH_AGENT_TOOLS", tools);
    }

    private static String systemMessage(String session, String input) {
        return IDENTITY + "\n\n# Rusty Pinch\n\n" + IDENTITY + "\n\nProvider: openai\nModel: test-model"
                + "\n\n## Session\n" + session + "\n\n## User\n" + input;
    }

    /** One call as a model writes it. */
    private static String call(String id, String name, String arguments) {
        return "{\"id\":" + quote(id) + ",\"type\":\"function\",\"function\":{\"name\":" + quote(name) + ",\"arguments\":"
                + quote(arguments) + "}}";
    }

    /** A response asking for the calls, with {@code content: null} as OpenAI sends it. */
    private static MockResponse toolCalls(String... calls) {
        return FakeProvider.json(200, "{\"id\":\"chatcmpl-7\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[" + String.join(",", calls) + "]},"
                + "\"finish_reason\":\"tool_calls\"}]}");
    }

    private List<JsonNode> requests(int count) throws Exception {
        List<JsonNode> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            bodies.add(ProviderCli.JSON.readTree(fake.take().getBody().utf8()));
        }
        assertEquals(count, fake.requestCount());
        return bodies;
    }

    /** The {@code tool} messages of a request, in order. */
    private static List<JsonNode> toolMessages(JsonNode request) {
        List<JsonNode> messages = new ArrayList<>();
        request.get("messages").forEach(message -> {
            if (message.get("role").asText().equals("tool")) {
                messages.add(message);
            }
        });
        return messages;
    }

    private static List<String> toolContents(JsonNode request) {
        return toolMessages(request).stream().map(message -> message.get("content").asText()).toList();
    }

    @Test
    void modelCallsSessionTailAndTimeNowTogetherThenAnswers() throws Exception {
        ProviderCli cli = cli("time_now,session_tail");
        fake.enqueue(toolCalls(call("call_tail", "session_tail", "{\"count\": 1}"), call("call_time", "time_now", "")));
        fake.enqueue(FakeProvider.reply("It is noon."));

        ProviderCli.Result result = cli.run("run", "--message", "What time is it?");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("It is noon.\n", result.stdout());
        String first = fake.take().getBody().utf8();
        assertEquals("{\"messages\":[" + message("system", systemMessage("default", "What time is it?")) + ","
                + message("user", "What time is it?") + "],\"model\":\"test-model\",\"temperature\":0.2,\"tools\":"
                + BUILTIN_TOOLS + "}", first);
        JsonNode second = ProviderCli.JSON.readTree(fake.take().getBody().utf8());
        JsonNode messages = second.get("messages");
        JsonNode assistant = messages.get(2);
        assertEquals("assistant", assistant.get("role").asText());
        assertTrue(assistant.get("content").isNull());
        assertEquals("call_tail", assistant.get("tool_calls").get(0).get("id").asText());
        assertEquals("{\"count\": 1}", assistant.get("tool_calls").get(0).get("function").get("arguments").asText());
        assertEquals("", assistant.get("tool_calls").get(1).get("function").get("arguments").asText());
        List<JsonNode> tools = toolMessages(second);
        assertEquals(List.of("call_tail", "call_time"), tools.stream().map(t -> t.get("tool_call_id").asText()).toList());
        assertTrue(tools.get(0).get("content").asText().contains("\"returned_messages\": 0"), tools.get(0).toString());
        assertTrue(tools.get(1).get("content").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?\\+00:00"));
        assertFalse(second.has("tool_choice"));

        JsonNode turn = result.turn();
        assertEquals(2, turn.get("attempts").asLong());
        assertEquals("ok", turn.get("status").asText());
        List<String> calls = result.events().stream().filter(e -> e.contains("\"event\":\"tool_call\"")).toList();
        assertEquals(2, calls.size(), result::toString);
        assertTrue(calls.get(0).startsWith("{\"arguments_chars\":12,\"error\":null,\"event\":\"tool_call\",\"latency_ms\":"), calls.get(0));
        assertTrue(calls.get(0).endsWith(",\"round\":1,\"session_id\":\"default\",\"status\":\"ok\",\"tool_name\":\"session_tail\"}"));
        List<String> session = Files.readAllLines(cli.sessionFile("default"), UTF_8);
        assertEquals(2, session.size());
        assertTrue(session.get(1).startsWith("{\"role\":\"assistant\",\"content\":\"It is noon.\","), session.get(1));
        assertEquals("{\"model_calls\":2,\"tool_calls\":2,\"tool_errors\":0}", cli.telemetry().get("agent").toString());
        cli.assertSecretAbsent(result, KEY);
    }

    @Test
    void agentModeOffKeepsTheSection82BodyByteForByte() throws Exception {
        ProviderCli cli = ProviderCli.openAiWithFastRetries(work, fake);
        fake.enqueue(FakeProvider.reply("pong"));

        ProviderCli.Result result = cli.run("run", "--message", "ping");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("{\"messages\":[" + message("system", systemMessage("default", "ping")) + "," + message("user", "ping")
                + "],\"model\":\"test-model\",\"temperature\":0.2}", fake.take().getBody().utf8());
        assertEquals(List.of(), result.events().stream().filter(e -> e.contains("\"event\":\"tool_call\"")).toList());
        assertEquals("{\"model_calls\":0,\"tool_calls\":0,\"tool_errors\":0}", cli.telemetry().get("agent").toString());
    }

    @Test
    void modelThatNeverStopsCallingGetsToolChoiceNoneThenFails() throws Exception {
        ProviderCli cli = cli("*").env("RUSTY_PINCH_AGENT_MAX_ROUNDS", "3");
        for (int i = 0; i < 3; i++) {
            fake.enqueue(toolCalls(call("c" + i, "time_now", "{}")));
        }

        ProviderCli.Result result = cli.run("run", "--message", "loop forever");

        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.stderr().matches("(?s).*Error: request_id=rp-[0-9a-f]+-1: agent gave no final answer after 3 model calls "
                + "\\(attempts=3, latency_ms=\\d+\\)\n.*"), result.stderr());
        List<JsonNode> requests = requests(3);
        assertFalse(requests.get(1).has("tool_choice"));
        assertEquals("none", requests.get(2).get("tool_choice").asText());
        assertEquals(2, toolMessages(requests.get(2)).size());
        assertFalse(Files.exists(cli.sessionFile("default")));
        assertEquals("{\"model_calls\":3,\"tool_calls\":2,\"tool_errors\":0}", cli.telemetry().get("agent").toString());
    }

    @Test
    void malformedToolCallIsAPermanentProviderError() throws Exception {
        ProviderCli cli = cli("*");
        fake.enqueue(FakeProvider.json(200, "{\"choices\":[{\"message\":{\"content\":null,\"tool_calls\":["
                + call("ok", "time_now", "{}") + ",{\"id\":\"bad\",\"function\":{\"name\":\"time_now\"}}]}}]}"));

        ProviderCli.Result result = cli.run("run", "--message", "hi");

        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains(": provider call failed on attempt 1/3: permanent error: provider response has "
                + "malformed tool_calls[1] (attempts=1, latency_ms="), result.stderr());
        assertEquals(1, fake.requestCount());
        assertFalse(Files.exists(cli.sessionFile("default")));
    }

    @Test
    void everyBadCallIsFedBackAsAnErrorAndTheTurnGoesOn() throws Exception {
        ProviderCli cli = cli("*").env("RUSTY_PINCH_PLUGINS_DIR", AgentFixturePlugin.pluginsDir(work).toString())
                .env("RUSTY_PINCH_AGENT_TOOL_TIMEOUT_SECS", "1");
        fake.enqueue(toolCalls(
                call("c1", "echo_text", "{\"args\":\"line\\nbreak\"}"),
                call("c2", "no_such_tool", "{}"),
                call("c3", "echo_text", "[\"not\",\"an\",\"object\"]"),
                call("c4", "echo_text", "{\"args\":\"" + "m".repeat(1_048_576) + "\"}"),
                call("c5", "broken_tool", "{}"),
                call("c6", "slow_wait", "{}"),
                call("c7", "echo_text", "{\"args\":\" fine \"}")));
        fake.enqueue(FakeProvider.reply("Handled."));

        ProviderCli.Result result = cli.run("run", "--message", "try everything");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("Handled.\n", result.stdout());
        List<JsonNode> requests = requests(2);
        assertEquals(List.of(
                "error: tool args contain control characters, which are not allowed",
                "error: tool 'no_such_tool' is not available",
                "error: arguments must be a JSON object",
                "error: arguments too long (max 65536 characters)",
                "error: IllegalStateException: fixture failure",
                "error: tool 'slow_wait' timed out after 1 s",
                "echo:fine"), toolContents(requests.get(1)));
        assertEquals("{\"model_calls\":2,\"tool_calls\":7,\"tool_errors\":6}", cli.telemetry().get("agent").toString());
        assertFalse(result.stderr().contains("mmmm"), "arguments must never be logged");
    }

    @Test
    void hundredCallsInOneResponseRunSixteen() throws Exception {
        ProviderCli cli = cli("time_now");
        String[] calls = new String[100];
        for (int i = 0; i < 100; i++) {
            calls[i] = call("c" + i, "time_now", "{}");
        }
        fake.enqueue(toolCalls(calls));
        fake.enqueue(FakeProvider.reply("Done."));

        ProviderCli.Result result = cli.run("run", "--message", "flood");

        assertEquals(0, result.exitCode(), result::toString);
        List<String> contents = toolContents(requests(2).get(1));
        assertEquals(100, contents.size());
        assertEquals(16, contents.stream().filter(c -> !c.startsWith("error: ")).count());
        assertEquals(84, contents.stream().filter(c -> c.equals("error: too many tool calls in one response (max 16)")).count());
        assertEquals(100, result.events().stream().filter(e -> e.contains("\"event\":\"tool_call\"")).count());
    }
}
