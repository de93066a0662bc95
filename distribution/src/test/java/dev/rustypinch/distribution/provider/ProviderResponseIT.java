package dev.rustypinch.distribution.provider;

import static dev.rustypinch.distribution.provider.FakeProvider.KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import mockwebserver3.MockResponse;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SPEC §8.3 end to end (§17.2 item 33): every way a 2xx body can be unusable gives its exact permanent message at
 * the first attempt; a 2xx {@code error} is classified by its keywords; array content is joined.
 */
class ProviderResponseIT {
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
    void malformedJsonIsPermanent() throws Exception {
        fake.enqueue(FakeProvider.json(200, "{\"choices\": ["));
        ProviderCli cli = cli();

        TurnFailure failure = TurnFailure.of(cli.run("run", "--message", "ping"));

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

        TurnFailure failure = TurnFailure.of(cli().run("run", "--message", "ping"));

        assertEquals("provider call failed on attempt 1/3: permanent error: " + message, failure.message());
        assertEquals(1, fake.requestCount());
    }

    @Test
    void nonUtf8BodyIsPermanent() throws Exception {
        fake.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body(new Buffer().write(new byte[] {'{', '"', (byte) 0xff, (byte) 0xfe, '"', ':', '1', '}'})).build());

        TurnFailure failure = TurnFailure.of(cli().run("run", "--message", "ping"));

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

        TurnFailure failure = TurnFailure.of(cli.run("run", "--message", "ping"));

        assertEquals("provider call failed on attempt 2/2: transient error: provider returned error: Model overloaded",
                failure.message());
    }

    @Test
    void arrayContentIsJoinedByLineFeeds() throws Exception {
        fake.enqueue(FakeProvider.json(200, "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":"
                + "[{\"type\":\"text\",\"text\":\" line one \"},{\"type\":\"text\",\"text\":\"   \"},{\"type\":\"text\",\"text\":\"line two\"}]}}]}"));
        ProviderCli cli = new ProviderCli(work).env("RUSTY_PINCH_PROVIDER", "vllm").env("RUSTY_PINCH_MODEL", "served")
                .env("RUSTY_PINCH_API_BASE", fake.url("/v1")).env("RUSTY_PINCH_API_KEY", "anything");

        ProviderCli.Result result = cli.run("run", "--message", "ping");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("line one\nline two\n", result.stdout());
        assertEquals(17, result.turn().get("response_chars").asLong());
    }
}
