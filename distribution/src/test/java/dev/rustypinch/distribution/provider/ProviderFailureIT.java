package dev.rustypinch.distribution.provider;

import static dev.rustypinch.distribution.provider.FakeProvider.KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SPEC §8.1, §8.3 and §8.4 end to end (§17.2 items 33–34): classification, retries with the runtime's
 * policy, the exact error text with its metrics, the {@code turn} event and telemetry of failed turns,
 * and the key kept out of every output.
 */
class ProviderFailureIT {
    /** {@code Error: request_id=<id>: <message> (attempts=<n>, latency_ms=<ms>)}, the whole stderr diagnostic. */
    private static final Pattern ERROR_LINE = Pattern.compile(
            "Error: request_id=(rp-[0-9a-f]+-[0-9a-f]+): (.*) \\(attempts=(\\d+), latency_ms=(\\d+)\\)");

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

    /** openai on the fake, fast retries (1 ms backoff) unless a test sets its own. */
    private ProviderCli cli() {
        return new ProviderCli(work).env("RUSTY_PINCH_PROVIDER", "openai").env("RUSTY_PINCH_MODEL", "test-model")
                .env("RUSTY_PINCH_API_BASE", fake.url("/v1")).env("RUSTY_PINCH_API_KEY", KEY)
                .env("RUSTY_PINCH_RETRY_BACKOFF_MS", "1").env("RUSTY_PINCH_RETRY_MAX_BACKOFF_MS", "2");
    }

    /** The failure as printed: message without metrics, attempts, latency; checks the turn event agrees. */
    private record Failure(String message, long attempts, long latencyMs) {
    }

    private static Failure failure(ProviderCli.Result result) {
        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("", result.stdout());
        List<String> diagnostics = result.diagnostics();
        assertEquals(1, diagnostics.size(), result::toString);
        Matcher line = ERROR_LINE.matcher(diagnostics.get(0));
        assertTrue(line.matches(), diagnostics.get(0));
        JsonNode turn = result.turn();
        assertEquals("error", turn.get("status").asText());
        assertEquals(line.group(1), turn.get("request_id").asText());
        assertEquals(diagnostics.get(0).substring(("Error: request_id=" + line.group(1) + ": ").length()),
                turn.get("error").asText());
        assertEquals(Long.parseLong(line.group(3)), turn.get("attempts").asLong());
        assertEquals(Long.parseLong(line.group(4)), turn.get("latency_ms").asLong());
        assertEquals(0, turn.get("response_chars").asLong());
        return new Failure(line.group(2), Long.parseLong(line.group(3)), Long.parseLong(line.group(4)));
    }

    @Test
    void rateLimitWithRetryAfterIsWaitedOutAndTheSecondAttemptAnswers() throws Exception {
        fake.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "1")
                .body("{\"error\":{\"message\":\"rate limit exceeded\"}}").build());
        fake.enqueue(FakeProvider.reply("pong"));
        ProviderCli cli = cli().env("RUSTY_PINCH_RETRY_BACKOFF_MS", "10").env("RUSTY_PINCH_RETRY_MAX_BACKOFF_MS", "4000");

        ProviderCli.Result result = cli.run("run", "--message", "ping");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("pong\n", result.stdout());
        JsonNode turn = result.turn();
        assertEquals("ok", turn.get("status").asText());
        assertEquals(2, turn.get("attempts").asLong());
        assertTrue(turn.get("latency_ms").asLong() >= 1000, turn::toString);
        assertEquals(2, fake.requestCount());
        assertEquals(2, cli.telemetry().get("total_provider_attempts").asLong());
        cli.assertSecretAbsent(result, KEY);
    }

    @Test
    void serverErrorsOnEveryAttemptFailWithTheTransientTextAfterThreeAttempts() throws Exception {
        for (int i = 0; i < 3; i++) {
            fake.enqueue(FakeProvider.error(500, "upstream overloaded"));
        }
        ProviderCli cli = cli().env("RUSTY_PINCH_REQUEST_RETRIES", "2");

        ProviderCli.Result result = cli.run("run", "--message", "ping");

        Failure failure = failure(result);
        assertEquals("provider call failed on attempt 3/3: transient error: http_status=500; provider_error=upstream overloaded",
                failure.message());
        assertEquals(3, failure.attempts());
        assertEquals(3, fake.requestCount());
        assertFalse(Files.exists(cli.sessionFile("default")), "a failed turn left a session line");
        JsonNode telemetry = cli.telemetry();
        assertEquals(1, telemetry.get("error_turns").asLong());
        assertEquals(0, telemetry.get("ok_turns").asLong());
        assertEquals(3, telemetry.get("total_provider_attempts").asLong());
        assertEquals("error", telemetry.get("last_turn").get("status").asText());
        cli.assertSecretAbsent(result, KEY);
    }

    @Test
    void retryDelaysFollowTheBackoff() throws Exception {
        for (int i = 0; i < 3; i++) {
            fake.enqueue(FakeProvider.error(503, "busy"));
        }
        ProviderCli cli = cli().env("RUSTY_PINCH_RETRY_BACKOFF_MS", "150").env("RUSTY_PINCH_RETRY_MAX_BACKOFF_MS", "4000");

        Failure failure = failure(cli.run("run", "--message", "ping"));

        assertEquals(3, failure.attempts());
        assertTrue(failure.latencyMs() >= 150 + 300, "waited less than 150 ms + 300 ms: " + failure.latencyMs());
    }

    @Test
    void serverErrorWithoutAnErrorBodyNamesOnlyTheStatus() throws Exception {
        fake.enqueue(new MockResponse.Builder().code(503).body("<html>Service Unavailable</html>").build());
        ProviderCli cli = cli().env("RUSTY_PINCH_REQUEST_RETRIES", "0");

        Failure failure = failure(cli.run("run", "--message", "ping"));

        assertEquals("provider call failed on attempt 1/1: transient error: http_status=503", failure.message());
    }

    @Test
    void unauthorizedFailsAtTheFirstAttemptAsPermanent() throws Exception {
        fake.enqueue(FakeProvider.error(401, "invalid api key"));
        ProviderCli cli = cli();

        ProviderCli.Result result = cli.run("run", "--message", "ping");

        Failure failure = failure(result);
        assertEquals("provider call failed on attempt 1/3: permanent error: http_status=401; provider_error=invalid api key",
                failure.message());
        assertEquals(1, failure.attempts());
        assertEquals(1, fake.requestCount());
        cli.assertSecretAbsent(result, KEY);
    }

    @Test
    void aProviderErrorThatEchoesTheKeyIsPrintedMasked() throws Exception {
        fake.enqueue(FakeProvider.error(401, "Incorrect API key provided: " + KEY + "."));
        ProviderCli cli = cli();

        ProviderCli.Result result = cli.run("run", "--message", "ping");

        Failure failure = failure(result);
        assertEquals("provider call failed on attempt 1/3: permanent error: http_status=401; "
                + "provider_error=Incorrect API key provided: <redacted>.", failure.message());
        cli.assertSecretAbsent(result, KEY);
    }

    @Test
    void slowBodyBeyondTheRequestTimeoutIsATransientIoError() throws Exception {
        fake.enqueue(new MockResponse.Builder(FakeProvider.reply("too late")).bodyDelay(3, TimeUnit.SECONDS).build());
        ProviderCli cli = cli().env("RUSTY_PINCH_REQUEST_TIMEOUT_SECS", "1").env("RUSTY_PINCH_REQUEST_RETRIES", "0");

        Failure failure = failure(cli.run("run", "--message", "ping"));

        assertEquals("provider call failed on attempt 1/1: transient error: io_error=InterruptedIOException: timeout",
                failure.message());
        assertTrue(failure.latencyMs() >= 1000 && failure.latencyMs() < 2900, "latency " + failure.latencyMs());
    }

    @Test
    void timedOutAttemptIsRetriedAndTheNextOneAnswers() throws Exception {
        fake.enqueue(new MockResponse.Builder(FakeProvider.reply("too late")).bodyDelay(3, TimeUnit.SECONDS).build());
        fake.enqueue(FakeProvider.reply("in time"));
        ProviderCli cli = cli().env("RUSTY_PINCH_REQUEST_TIMEOUT_SECS", "1").env("RUSTY_PINCH_REQUEST_RETRIES", "1");

        ProviderCli.Result result = cli.run("run", "--message", "ping");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("in time\n", result.stdout());
        assertEquals(2, result.turn().get("attempts").asLong());
        assertTrue(result.turn().get("latency_ms").asLong() >= 1000, result::toString);
    }

    @Test
    void refusedConnectionIsATransientIoError() throws Exception {
        String deadBase = fake.url("/v1");
        fake.close();
        ProviderCli cli = cli().env("RUSTY_PINCH_API_BASE", deadBase).env("RUSTY_PINCH_REQUEST_RETRIES", "1");

        Failure failure = failure(cli.run("run", "--message", "ping"));

        assertTrue(failure.message().startsWith("provider call failed on attempt 2/2: transient error: io_error=ConnectException"),
                failure.message());
        assertEquals(2, failure.attempts());
    }

    @Test
    void malformedJsonIsPermanent() throws Exception {
        fake.enqueue(FakeProvider.json(200, "{\"choices\": ["));
        ProviderCli cli = cli();

        Failure failure = failure(cli.run("run", "--message", "ping"));

        assertEquals("provider call failed on attempt 1/3: permanent error: failed parsing provider response json",
                failure.message());
        assertEquals(1, fake.requestCount());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"id\":\"x\"}|provider response missing choices array",
        "{\"choices\":{}}|provider response missing choices array",
        "{\"choices\":[]}|provider response has empty choices array",
        "{\"choices\":[{\"index\":0}]}|provider response missing choices[0].message",
        "{\"choices\":[{\"message\":{\"role\":\"assistant\"}}]}|provider response missing choices[0].message.content",
        "{\"choices\":[{\"message\":{\"content\":null}}]}|provider response missing choices[0].message.content",
        "{\"choices\":[{\"message\":{\"content\":\" \\n \"}}]}|provider response content is empty",
        "{\"choices\":[{\"message\":{\"content\":[]}}]}|provider response content is empty",
        "{\"error\":{\"message\":\"invalid model\"}}|provider returned error: invalid model",
        "{\"error\":\"quota exhausted\"}|provider returned error: quota exhausted",
        "{\"error\":{\"code\":7}}|provider returned error: unknown error",
    })
    void eachUnusableSuccessBodyFailsAtOnceWithItsMessage(String body, String message) throws Exception {
        fake.enqueue(FakeProvider.json(200, body));

        Failure failure = failure(cli().run("run", "--message", "ping"));

        assertEquals("provider call failed on attempt 1/3: permanent error: " + message, failure.message());
        assertEquals(1, fake.requestCount());
    }

    @Test
    void nonUtf8BodyIsPermanent() throws Exception {
        fake.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body(new Buffer().write(new byte[] {'{', '"', (byte) 0xff, (byte) 0xfe, '"', ':', '1', '}'})).build());

        Failure failure = failure(cli().run("run", "--message", "ping"));

        assertEquals("provider call failed on attempt 1/3: permanent error: provider returned non-utf8 response", failure.message());
    }

    @Test
    void successBodyWithATransientErrorIsRetried() throws Exception {
        fake.enqueue(FakeProvider.json(200, "{\"error\":{\"message\":\"Rate limit exceeded, please try again later\"}}"));
        fake.enqueue(FakeProvider.reply("pong"));

        ProviderCli.Result result = cli().run("run", "--message", "ping");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(2, result.turn().get("attempts").asLong());
    }

    @Test
    void successBodyWithATransientErrorOnEveryAttemptGivesUpWithThatError() throws Exception {
        for (int i = 0; i < 2; i++) {
            fake.enqueue(FakeProvider.json(200, "{\"error\":{\"message\":\"Model overloaded\"}}"));
        }
        ProviderCli cli = cli().env("RUSTY_PINCH_REQUEST_RETRIES", "1");

        Failure failure = failure(cli.run("run", "--message", "ping"));

        assertEquals("provider call failed on attempt 2/2: transient error: provider returned error: Model overloaded",
                failure.message());
    }

    @Test
    void missingKeyFailsBeforeAnyCallWithZeroAttempts() throws Exception {
        ProviderCli cli = new ProviderCli(work).env("RUSTY_PINCH_PROVIDER", "openai").env("RUSTY_PINCH_MODEL", "m")
                .env("RUSTY_PINCH_API_BASE", fake.url("/v1"));

        Failure failure = failure(cli.run("run", "--message", "ping"));

        assertEquals("missing API key for provider 'openai'", failure.message());
        assertEquals(0, failure.attempts());
        assertEquals(0, fake.requestCount());
        assertEquals(0, cli.telemetry().get("total_provider_attempts").asLong());
        assertEquals(1, cli.telemetry().get("error_turns").asLong());
    }

    @Test
    void vllmIgnoresTheOpenAiSpecificRustyPinchKey() throws Exception {
        ProviderCli cli = new ProviderCli(work).env("RUSTY_PINCH_PROVIDER", "vllm").env("RUSTY_PINCH_MODEL", "m")
                .env("RUSTY_PINCH_OPENAI_API_KEY", KEY).env("RUSTY_PINCH_API_BASE", fake.url("/v1"));

        ProviderCli.Result result = cli.run("run", "--message", "ping");

        assertEquals("missing API key for provider 'vllm'", failure(result).message());
        assertEquals(0, fake.requestCount());
        cli.assertSecretAbsent(result, KEY);
    }

    @Test
    void missingBaseForACompatibleServerFailsWithZeroAttempts() throws Exception {
        ProviderCli cli = new ProviderCli(work).env("RUSTY_PINCH_PROVIDER", "compatible").env("RUSTY_PINCH_MODEL", "m")
                .env("RUSTY_PINCH_API_KEY", KEY).env("RUSTY_PINCH_GROQ_API_BASE", fake.url("/v1"));

        ProviderCli.Result result = cli.run("run", "--message", "ping");

        Failure failure = failure(result);
        assertEquals("missing API base for provider 'compatible'", failure.message());
        assertEquals(0, failure.attempts());
        assertEquals(0, fake.requestCount());
        cli.assertSecretAbsent(result, KEY);
    }

    @Test
    void failedTurnInTheReplIsReportedAndTheNextTurnWorks() throws Exception {
        fake.enqueue(FakeProvider.error(400, "context length exceeded"));
        fake.enqueue(FakeProvider.reply("second answer"));
        ProviderCli cli = cli().stdin("first\nsecond\n");

        ProviderCli.Result result = cli.run("repl");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().contains("second answer\n"), result::toString);
        assertTrue(result.stderr().contains(": provider call failed on attempt 1/3: permanent error: http_status=400; "
                + "provider_error=context length exceeded (attempts=1, latency_ms="), result::toString);
        List<JsonNode> turns = result.turns();
        assertEquals(List.of("error", "ok"), turns.stream().map(turn -> turn.get("status").asText()).toList());
        assertEquals(2, Files.readAllLines(cli.sessionFile("default")).size());
        cli.assertSecretAbsent(result, KEY);
    }
}
