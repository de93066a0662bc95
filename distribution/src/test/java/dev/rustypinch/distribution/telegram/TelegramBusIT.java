package dev.rustypinch.distribution.telegram;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bus overflow seen from outside (SPEC §11, §17.2 item 37): a worker child process with a one-message bus,
 * {@code drop_newest} and a held provider drops messages with {@code channel_message_dropped}, and a separate
 * {@code stats} process sees the published, consumed and dropped totals and the queue depth while it runs.
 */
class TelegramBusIT {
    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final String DROPPED =
            "{\"channel\":\"telegram\",\"event\":\"channel_message_dropped\",\"policy\":\"drop_newest\",\"session_id\":\"telegram:111\"}";

    @TempDir
    Path workDir;

    private FakeBotApi api;
    private FakeProvider provider;
    private WorkerProcess worker;

    @BeforeEach
    void startFakes() throws IOException {
        api = FakeBotApi.start(WorkerEnv.TOKEN);
        provider = FakeProvider.gated();
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        if (worker != null) {
            worker.close();
        }
        provider.close();
        api.close();
    }

    private WorkerEnv env() {
        return new WorkerEnv(api.apiBase()).openAi(provider.apiBase())
                .set("RUSTY_PINCH_BUS_CAPACITY", "1")
                .set("RUSTY_PINCH_BUS_OVERFLOW", "drop_newest");
    }

    private JsonNode statsBus() throws Exception {
        InProcessCli.Result stats = InProcessCli.run(workDir, env(), LIMIT, "stats");
        assertEquals(0, stats.exitCode(), stats::toString);
        return FakeBotApi.JSON.readTree(stats.stdout()).path("bus");
    }

    private static JsonNode bus(long published, long consumed, long dropped, long depth) throws IOException {
        return FakeBotApi.JSON.readTree("{\"consumed\":" + consumed + ",\"depth\":" + depth + ",\"dropped\":" + dropped
                + ",\"published\":" + published + "}");
    }

    /**
     * Message 1201 runs (held by the provider); then 1202 fills the one-message queue and 1203, 1204 are dropped; then
     * 1201 is answered, so the worker flushes its counters while 1202 waits.
     */
    private void overflowWhileATurnRuns() throws Exception {
        api.addText(1201, 111, 111, "one");
        worker = WorkerProcess.launch(workDir, env(), "channels", "telegram", "--max-messages", "4");
        provider.awaitRequests(1, LIMIT);
        api.addText(1202, 111, 111, "two");
        api.addText(1203, 111, 111, "three");
        api.addText(1204, 111, 111, "four");
        worker.awaitEvents("channel_message_dropped", 2, LIMIT);
        provider.release(1);
        provider.awaitRequests(2, LIMIT);
    }

    private void finish() throws InterruptedException {
        provider.release(1);
        assertTrue(worker.waitFor(LIMIT), worker::toString);
        assertEquals(0, worker.exitCode(), worker::toString);
        worker.awaitOutputEnd();
    }

    @Test
    void eachDropWritesAChannelMessageDroppedEvent() throws Exception {
        overflowWhileATurnRuns();
        finish();

        assertEquals(List.of(DROPPED, DROPPED), worker.events("channel_message_dropped"), worker::toString);
        assertEquals(List.of("echo: one", "echo: two"), api.textsTo("111"));
        assertEquals(List.of("one", "two"), provider.received());
    }

    @Test
    void separateStatsProcessSeesTheCountersAndTheQueueDepthWhileTheWorkerRuns() throws Exception {
        overflowWhileATurnRuns();

        JsonNode running = statsBus();
        finish();

        assertEquals(bus(2, 1, 2, 1), running);
    }

    @Test
    void separateStatsProcessSeesTheFinalTotalsAfterTheWorkerStopped() throws Exception {
        overflowWhileATurnRuns();
        finish();

        assertEquals(bus(2, 2, 2, 0), statsBus());
        assertEquals(0, FakeBotApi.JSON.readTree(workDir.resolve("data/telemetry/latest.json").toFile())
                .path("bus").path("workers").size(), "a graceful stop removes the worker entry");
    }

    @Test
    void droppedMessagesCountAsFinishedForTheOffsetAndMaxMessages() throws Exception {
        overflowWhileATurnRuns();
        finish();

        assertEquals(List.of("{\"channel\":\"telegram\",\"event\":\"channel_stop\",\"reason\":\"max_messages\"}"),
                worker.events("channel_stop"));
        assertTrue(Files.readString(workDir.resolve("data/channels/telegram/offset.json"), UTF_8).contains("\"offset\":1205,"),
                "dropped updates are finished, not redelivered");
    }
}
