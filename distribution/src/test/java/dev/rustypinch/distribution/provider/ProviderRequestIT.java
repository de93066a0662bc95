package dev.rustypinch.distribution.provider;

import static dev.rustypinch.distribution.provider.FakeProvider.KEY;
import static dev.rustypinch.distribution.provider.JsonStrings.message;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SPEC §8.2 and §2.6 end to end (§17.2 item 33): the real CLI, the real {@code pinch-provider-openai}
 * plugin from the distribution, a fake chat-completion server on loopback.
 */
class ProviderRequestIT {
    private static final String IDENTITY = "You are Rusty Pinch, a pragmatic Rust-first assistant.";

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

    private static String systemMessage(String provider, String model, String session, String input) {
        return IDENTITY + "\n\n# Rusty Pinch\n\n" + IDENTITY + "\n\nProvider: " + provider + "\nModel: " + model
                + "\n\n## Session\n" + session + "\n\n## User\n" + input;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "openai, gpt-4o-mini",
        "openrouter, openrouter/qwen/qwen3-coder",
        "groq, openrouter/qwen/qwen3-coder",
        "vllm, openrouter/qwen/qwen3-coder",
        "compatible, openrouter/qwen/qwen3-coder",
    })
    void firstTurnPostsTheExactRequestAndPrintsTheReply(String provider, String defaultModel) throws Exception {
        fake.enqueue(FakeProvider.reply("  pong  "));
        ProviderCli cli = new ProviderCli(work).env("RUSTY_PINCH_PROVIDER", provider)
                .env("RUSTY_PINCH_API_BASE", fake.url("/v1")).env("RUSTY_PINCH_API_KEY", KEY);

        ProviderCli.Result result = cli.run("run", "--message", "ping");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("pong\n", result.stdout());
        RecordedRequest request = fake.take();
        assertEquals("POST", request.getMethod());
        assertEquals("/v1/chat/completions", request.getTarget());
        assertEquals("application/json", request.getHeaders().get("Content-Type"));
        assertEquals("application/json", request.getHeaders().get("Accept"));
        assertEquals("Bearer " + KEY, request.getHeaders().get("Authorization"));
        assertEquals("rusty-pinch/1.0.0", request.getHeaders().get("User-Agent"));
        if (provider.equals("openrouter")) {
            assertEquals("https://rusty-pinch.local", request.getHeaders().get("HTTP-Referer"));
            assertEquals("Rusty Pinch", request.getHeaders().get("X-Title"));
        } else {
            assertNull(request.getHeaders().get("HTTP-Referer"));
            assertNull(request.getHeaders().get("X-Title"));
        }
        assertEquals("{\"messages\":[" + message("system", systemMessage(provider, defaultModel, "default", "ping")) + ","
                + message("user", "ping") + "],\"model\":\"" + defaultModel + "\",\"temperature\":0.2}",
                request.getBody().utf8());
        cli.assertSecretAbsent(result, KEY);
    }

    @Test
    void successfulTurnIsStoredAndRecordedWithOneAttempt() throws Exception {
        fake.enqueue(FakeProvider.reply("pong"));
        ProviderCli cli = new ProviderCli(work).env("RUSTY_PINCH_PROVIDER", "openai").env("RUSTY_PINCH_MODEL", "test-model")
                .env("RUSTY_PINCH_API_BASE", fake.url("/v1")).env("RUSTY_PINCH_API_KEY", KEY);

        ProviderCli.Result result = cli.run("run", "--session", "chat:42", "--message", "ping");

        assertEquals(0, result.exitCode(), result::toString);
        JsonNode turn = result.turn();
        assertEquals(List.of("attempts", "error", "event", "latency_ms", "model", "path", "provider", "request_id",
                "response_chars", "session_id", "status", "timestamp", "tool_name", "user_chars"), fieldNames(turn));
        assertEquals(1, turn.get("attempts").asLong());
        assertTrue(turn.get("latency_ms").isIntegralNumber());
        assertTrue(turn.get("error").isNull());
        assertEquals("test-model", turn.get("model").asText());
        assertEquals("provider", turn.get("path").asText());
        assertEquals("openai", turn.get("provider").asText());
        assertTrue(turn.get("request_id").asText().matches("rp-[0-9a-f]+-1"), turn::toString);
        assertEquals(4, turn.get("response_chars").asLong());
        assertEquals("chat:42", turn.get("session_id").asText());
        assertEquals("ok", turn.get("status").asText());
        assertEquals(4, turn.get("user_chars").asLong());
        List<String> lines = Files.readAllLines(cli.sessionFile("chat_42"), UTF_8);
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).matches("\\{\"role\":\"user\",\"content\":\"ping\",\"timestamp\":\"[^\"]+\\+00:00\"}"), lines.get(0));
        assertTrue(lines.get(1).matches("\\{\"role\":\"assistant\",\"content\":\"pong\",\"timestamp\":\"[^\"]+\\+00:00\"}"),
                lines.get(1));
        JsonNode telemetry = cli.telemetry();
        assertEquals(1, telemetry.get("ok_turns").asLong());
        assertEquals(1, telemetry.get("provider_turns").asLong());
        assertEquals(1, telemetry.get("total_provider_attempts").asLong());
        cli.assertSecretAbsent(result, KEY);
    }

    @Test
    void requestCarriesTheLastTwentyStoredMessagesWithToolLinesThenTheRawInput() throws Exception {
        ProviderCli cli = new ProviderCli(work).env("RUSTY_PINCH_PROVIDER", "openai").env("RUSTY_PINCH_MODEL", "test-model")
                .env("RUSTY_PINCH_API_BASE", fake.url("/v1")).env("RUSTY_PINCH_API_KEY", KEY);
        List<String[]> stored = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            stored.add(new String[] {"user", "question " + i});
            stored.add(new String[] {"assistant", "answer " + i});
        }
        stored.add(new String[] {"user", "/tool session_tail 2"});
        stored.add(new String[] {"assistant", "[tool:session_tail]\n[user] question 9\n[assistant] answer 9"});
        stored.add(new String[] {"system", "a stored system note"});
        stored.add(new String[] {"tool", "a role the request leaves out"});
        stored.add(new String[] {"user", "Grüße aus \"Köln\" / ✓\tend"});
        stored.add(new String[] {"assistant", "path C:\\temp\\x"});
        writeSession(cli.sessionFile("hist"), stored);
        fake.enqueue(FakeProvider.reply("fine"));
        String input = "  and now?  ";

        ProviderCli.Result result = cli.run("run", "--session", "hist", "--message", input);

        assertEquals(0, result.exitCode(), result::toString);
        StringBuilder expected = new StringBuilder("{\"messages\":[")
                .append(message("system", systemMessage("openai", "test-model", "hist", input)));
        for (String[] entry : stored.subList(stored.size() - 20, stored.size())) {
            if (!entry[0].equals("tool")) {
                expected.append(',').append(message(entry[0], entry[1]));
            }
        }
        expected.append(',').append(message("user", input)).append("],\"model\":\"test-model\",\"temperature\":0.2}");
        assertEquals(expected.toString(), fake.take().getBody().utf8());
        List<String> lines = Files.readAllLines(cli.sessionFile("hist"), UTF_8);
        assertEquals(stored.size() + 2, lines.size());
        assertTrue(lines.get(stored.size()).startsWith("{\"role\":\"user\",\"content\":\"  and now?  \","), lines.get(stored.size()));
        assertTrue(lines.get(stored.size() + 1).startsWith("{\"role\":\"assistant\",\"content\":\"fine\","));
        assertEquals(12, result.turn().get("user_chars").asLong());
    }

    @Test
    void toolTurnLinesFromThisProcessAreSentToTheModelInTheNextTurn() throws Exception {
        ProviderCli cli = new ProviderCli(work).env("RUSTY_PINCH_PROVIDER", "groq").env("RUSTY_PINCH_MODEL", "m")
                .env("RUSTY_PINCH_API_BASE", fake.url("/openai/v1")).env("RUSTY_PINCH_API_KEY", KEY);
        ProviderCli.Result tool = cli.run("tools", "run", "--name", "model_info");
        assertEquals(0, tool.exitCode(), tool::toString);
        assertEquals(0, fake.requestCount(), "a tool turn called the model");
        fake.enqueue(FakeProvider.reply("ok"));

        ProviderCli.Result result = cli.run("run", "--message", "what was that?");

        assertEquals(0, result.exitCode(), result::toString);
        String reply = tool.stdout().substring(0, tool.stdout().length() - 1);
        assertTrue(reply.startsWith("[tool:model_info]\n"), reply);
        RecordedRequest request = fake.take();
        assertEquals("/openai/v1/chat/completions", request.getTarget());
        assertEquals("{\"messages\":[" + message("system", systemMessage("groq", "m", "default", "what was that?")) + ","
                + message("user", "/tool model_info") + "," + message("assistant", reply) + ","
                + message("user", "what was that?") + "],\"model\":\"m\",\"temperature\":0.2}", request.getBody().utf8());
    }

    @ParameterizedTest(name = "{0}: {1} + {2}")
    @CsvSource({
        "openai, RUSTY_PINCH_OPENAI_API_KEY, RUSTY_PINCH_OPENAI_API_BASE",
        "openrouter, OPENROUTER_API_KEY, OPENROUTER_API_BASE",
        "groq, PICOCLAW_PROVIDERS_GROQ_API_KEY, PICOCLAW_PROVIDERS_GROQ_API_BASE",
        "vllm, OPENAI_API_KEY, RUSTY_PINCH_OPENAI_API_BASE",
        "compatible, PICOCLAW_PROVIDERS_ANTHROPIC_API_KEY, PICOCLAW_PROVIDERS_OPENROUTER_API_BASE",
    })
    void providerSpecificKeyAndBaseVariablesAreUsed(String provider, String keyVariable, String baseVariable) throws Exception {
        fake.enqueue(FakeProvider.reply("pong"));
        ProviderCli cli = new ProviderCli(work).env("RUSTY_PINCH_PROVIDER", provider).env("RUSTY_PINCH_MODEL", "m")
                .env(keyVariable, KEY).env(baseVariable, fake.url("/custom/v1//"));

        ProviderCli.Result result = cli.run("run", "--message", "ping");

        assertEquals(0, result.exitCode(), result::toString);
        RecordedRequest request = fake.take();
        assertEquals("/custom/v1/chat/completions", request.getTarget());
        assertEquals("Bearer " + KEY, request.getHeaders().get("Authorization"));
        cli.assertSecretAbsent(result, KEY);
    }

    @Test
    void genericKeyAndBaseBeatTheProviderSpecificOnes() throws Exception {
        fake.enqueue(FakeProvider.reply("pong"));
        ProviderCli cli = new ProviderCli(work).env("RUSTY_PINCH_PROVIDER", "openai").env("RUSTY_PINCH_MODEL", "m")
                .env("RUSTY_PINCH_OPENAI_API_KEY", "sk-loser-key").env("RUSTY_PINCH_OPENAI_API_BASE", fake.url("/loser"))
                .env("RUSTY_PINCH_API_KEY", KEY).env("RUSTY_PINCH_API_BASE", fake.url("/winner/"));

        ProviderCli.Result result = cli.run("run", "--message", "ping");

        assertEquals(0, result.exitCode(), result::toString);
        RecordedRequest request = fake.take();
        assertEquals("/winner/chat/completions", request.getTarget());
        assertEquals("Bearer " + KEY, request.getHeaders().get("Authorization"));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void writeSession(Path file, List<String[]> entries) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder text = new StringBuilder();
        for (String[] entry : entries) {
            Map<String, String> line = new LinkedHashMap<>();
            line.put("role", entry[0]);
            line.put("content", entry[1]);
            line.put("timestamp", "2026-02-20T10:11:12.120+00:00");
            text.append(ProviderCli.JSON.writeValueAsString(line)).append('\n');
        }
        Files.writeString(file, text, UTF_8);
    }
}
