package dev.rustypinch.distribution.provider;

import static dev.rustypinch.distribution.provider.FakeProvider.KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §8.4 retries end to end (§17.2 item 34): the runtime's retry policy around the real plugin — transient
 * statuses and I/O failures retried, backoff and {@code Retry-After} waits with their caps, the exact text and
 * metrics when the attempts run out.
 */
class ProviderRetryIT {
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
        return ProviderCli.openAiWithFastRetries(work, fake);
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

    /** Two attempts, the first answered 429 with the given {@code Retry-After}; returns the turn's latency. */
    private long latencyAfterRetryAfter(String retryAfter, ProviderCli cli) throws Exception {
        fake.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", retryAfter)
                .body("{\"error\":{\"message\":\"slow down\"}}").build());
        fake.enqueue(FakeProvider.reply("pong"));
        ProviderCli.Result result = cli.env("RUSTY_PINCH_REQUEST_RETRIES", "1").run("run", "--message", "ping");
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(2, result.turn().get("attempts").asLong());
        return result.turn().get("latency_ms").asLong();
    }

    @Test
    void retryAfterIsCappedAtEightTimesTheMaximumBackoff() throws Exception {
        long latency = latencyAfterRetryAfter("6", cli().env("RUSTY_PINCH_RETRY_MAX_BACKOFF_MS", "100"));

        assertTrue(latency >= 800 && latency < 5000, "waited " + latency + " ms, expected the 800 ms cap, not 6 s");
    }

    @Test
    void retryAfterIsCappedAtTheRequestTimeout() throws Exception {
        long latency = latencyAfterRetryAfter("6", cli().env("RUSTY_PINCH_RETRY_MAX_BACKOFF_MS", "4000")
                .env("RUSTY_PINCH_REQUEST_TIMEOUT_SECS", "1"));

        assertTrue(latency >= 1000 && latency < 5000, "waited " + latency + " ms, expected the 1000 ms cap, not 6 s");
    }

    @Test
    void retryAfterAsAnHttpDateIsHonoured() throws Exception {
        String inSevenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(7));

        long latency = latencyAfterRetryAfter(inSevenSeconds, cli().env("RUSTY_PINCH_RETRY_MAX_BACKOFF_MS", "100"));

        assertTrue(latency >= 800 && latency < 5000, "waited " + latency + " ms, expected the 800 ms cap, not 6-7 s");
    }

    @Test
    void malformedRetryAfterIsIgnored() throws Exception {
        long latency = latencyAfterRetryAfter("soon", cli().env("RUSTY_PINCH_RETRY_MAX_BACKOFF_MS", "4000"));

        assertTrue(latency < 5000, "waited " + latency + " ms for a malformed Retry-After instead of the 1 ms backoff");
    }

    @Test
    void serverErrorsOnEveryAttemptFailWithTheTransientTextAfterThreeAttempts() throws Exception {
        for (int i = 0; i < 3; i++) {
            fake.enqueue(FakeProvider.error(500, "upstream overloaded"));
        }
        ProviderCli cli = cli().env("RUSTY_PINCH_REQUEST_RETRIES", "2");

        ProviderCli.Result result = cli.run("run", "--message", "ping");

        TurnFailure failure = TurnFailure.of(result);
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

        TurnFailure failure = TurnFailure.of(cli.run("run", "--message", "ping"));

        assertEquals(3, failure.attempts());
        assertTrue(failure.latencyMs() >= 150 + 300, "waited less than 150 ms + 300 ms: " + failure.latencyMs());
    }

    @Test
    void serverErrorWithoutAnErrorBodyNamesOnlyTheStatus() throws Exception {
        fake.enqueue(new MockResponse.Builder().code(503).body("<html>Service Unavailable</html>").build());
        ProviderCli cli = cli().env("RUSTY_PINCH_REQUEST_RETRIES", "0");

        TurnFailure failure = TurnFailure.of(cli.run("run", "--message", "ping"));

        assertEquals("provider call failed on attempt 1/1: transient error: http_status=503", failure.message());
    }

    @Test
    void slowBodyBeyondTheRequestTimeoutIsATransientIoError() throws Exception {
        fake.enqueue(new MockResponse.Builder(FakeProvider.reply("too late")).bodyDelay(2, TimeUnit.SECONDS).build());
        ProviderCli cli = cli().env("RUSTY_PINCH_REQUEST_TIMEOUT_SECS", "1").env("RUSTY_PINCH_REQUEST_RETRIES", "0");

        TurnFailure failure = TurnFailure.of(cli.run("run", "--message", "ping"));

        assertEquals("provider call failed on attempt 1/1: transient error: io_error=InterruptedIOException: timeout",
                failure.message());
        assertTrue(failure.latencyMs() >= 1000, "latency " + failure.latencyMs());
    }

    @Test
    void timedOutAttemptIsRetriedAndTheNextOneAnswers() throws Exception {
        fake.enqueue(new MockResponse.Builder(FakeProvider.reply("too late")).bodyDelay(2, TimeUnit.SECONDS).build());
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

        TurnFailure failure = TurnFailure.of(cli.run("run", "--message", "ping"));

        assertTrue(failure.message().startsWith("provider call failed on attempt 2/2: transient error: io_error=ConnectException"),
                failure.message());
        assertEquals(2, failure.attempts());
    }

    @Test
    void unresolvableHostIsATransientIoError() throws Exception {
        ProviderCli cli = cli().env("RUSTY_PINCH_API_BASE", "http://no-such-host.invalid/v1")
                .env("RUSTY_PINCH_REQUEST_RETRIES", "1").env("RUSTY_PINCH_REQUEST_TIMEOUT_SECS", "0");

        TurnFailure failure = TurnFailure.of(cli.run("run", "--message", "ping"));

        assertTrue(failure.message().startsWith(
                "provider call failed on attempt 2/2: transient error: io_error=UnknownHostException: no-such-host.invalid"),
                failure.message());
    }
}
