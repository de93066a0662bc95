package dev.rustypinch.distribution.provider;

import static dev.rustypinch.distribution.provider.FakeProvider.KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §8.1 and §8.4 end to end: permanent HTTP failures, the pre-checks with zero attempts, a failed turn in the
 * REPL, and the key kept out of every output — even when the provider echoes it.
 */
class ProviderFailureIT {
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
    void unauthorizedFailsAtTheFirstAttemptAsPermanent() throws Exception {
        fake.enqueue(FakeProvider.error(401, "invalid api key"));
        ProviderCli cli = cli();

        ProviderCli.Result result = cli.run("run", "--message", "ping");

        TurnFailure failure = TurnFailure.of(result);
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

        TurnFailure failure = TurnFailure.of(result);
        assertEquals("provider call failed on attempt 1/3: permanent error: http_status=401; "
                + "provider_error=Incorrect API key provided: <redacted>.", failure.message());
        cli.assertSecretAbsent(result, KEY);
    }

    @Test
    void missingKeyFailsBeforeAnyCallWithZeroAttempts() throws Exception {
        ProviderCli cli = new ProviderCli(work).env("RUSTY_PINCH_PROVIDER", "openai").env("RUSTY_PINCH_MODEL", "m")
                .env("RUSTY_PINCH_API_BASE", fake.url("/v1"));

        TurnFailure failure = TurnFailure.of(cli.run("run", "--message", "ping"));

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

        assertEquals("missing API key for provider 'vllm'", TurnFailure.of(result).message());
        assertEquals(0, fake.requestCount());
        cli.assertSecretAbsent(result, KEY);
    }

    @Test
    void missingBaseForACompatibleServerFailsWithZeroAttempts() throws Exception {
        ProviderCli cli = new ProviderCli(work).env("RUSTY_PINCH_PROVIDER", "compatible").env("RUSTY_PINCH_MODEL", "m")
                .env("RUSTY_PINCH_API_KEY", KEY).env("RUSTY_PINCH_GROQ_API_BASE", fake.url("/v1"));

        ProviderCli.Result result = cli.run("run", "--message", "ping");

        TurnFailure failure = TurnFailure.of(result);
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
