package dev.rustypinch.distribution.provider;

import static dev.rustypinch.distribution.provider.FakeProvider.KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider client is created once per process and its connection is reused across turns and retries. */
class ProviderConnectionIT {
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

    private ProviderCli cli() {
        return new ProviderCli(work).env("RUSTY_PINCH_PROVIDER", "openrouter").env("RUSTY_PINCH_MODEL", "m")
                .env("RUSTY_PINCH_API_BASE", fake.url("/api/v1")).env("RUSTY_PINCH_API_KEY", KEY)
                .env("RUSTY_PINCH_RETRY_BACKOFF_MS", "1");
    }

    @Test
    void sequentialReplTurnsShareOneConnection() throws Exception {
        fake.enqueue(FakeProvider.reply("one"));
        fake.enqueue(FakeProvider.reply("two"));
        fake.enqueue(FakeProvider.reply("three"));

        ProviderCli.Result result = cli().stdin("first\nsecond\nthird\n").run("repl");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(List.of("ok", "ok", "ok"), result.turns().stream().map(turn -> turn.get("status").asText()).toList());
        int one = result.stdout().indexOf("one\n");
        int two = result.stdout().indexOf("two\n");
        int three = result.stdout().indexOf("three\n");
        assertTrue(one >= 0 && one < two && two < three, result::toString);
        List<RecordedRequest> requests = takeAll(3);
        assertEquals(List.of(0, 0, 0), requests.stream().map(RecordedRequest::getConnectionIndex).toList(),
                "each turn opened a new connection");
        assertEquals(List.of(0, 1, 2), requests.stream().map(RecordedRequest::getExchangeIndex).toList());
    }

    @Test
    void retryAfterAServerErrorReusesTheConnection() throws Exception {
        fake.enqueue(FakeProvider.error(503, "busy"));
        fake.enqueue(FakeProvider.reply("pong"));

        ProviderCli.Result result = cli().run("run", "--message", "ping");

        assertEquals(0, result.exitCode(), result::toString);
        List<RecordedRequest> requests = takeAll(2);
        assertEquals(List.of(0, 0), requests.stream().map(RecordedRequest::getConnectionIndex).toList());
        assertEquals(List.of(0, 1), requests.stream().map(RecordedRequest::getExchangeIndex).toList());
    }

    private List<RecordedRequest> takeAll(int count) throws InterruptedException {
        List<RecordedRequest> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            requests.add(fake.take());
        }
        assertEquals(count, fake.requestCount());
        return requests;
    }
}
