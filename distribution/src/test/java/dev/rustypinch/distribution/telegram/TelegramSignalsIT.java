package dev.rustypinch.distribution.telegram;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/rusty-pinch channels telegram} as a child process: graceful stops on SIGTERM and SIGINT (SPEC §12.6,
 * §17.2 item 38), an in-flight turn finished at a stop, a crash (SIGKILL) and restart without losing or repeating
 * finished messages (§12.4), and the token kept out of every output and the command line.
 */
class TelegramSignalsIT {
    private static final Duration START_LIMIT = Duration.ofSeconds(20);
    private static final Duration GRACEFUL_LIMIT = Duration.ofSeconds(2);
    private static final Duration LIMIT = Duration.ofSeconds(15);
    private static final String STOP_SIGNAL = "{\"channel\":\"telegram\",\"event\":\"channel_stop\",\"reason\":\"signal\"}";

    @TempDir
    Path workDir;

    private FakeBotApi api;
    private final List<AutoCloseable> resources = new ArrayList<>();

    @BeforeEach
    void startFakeBotApi() throws IOException {
        api = FakeBotApi.start(WorkerEnv.TOKEN);
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
        api.close();
    }

    private WorkerProcess launch(WorkerEnv env) throws IOException {
        WorkerProcess worker = WorkerProcess.launch(workDir, env, "channels", "telegram");
        resources.add(0, worker);
        return worker;
    }

    private FakeProvider gatedProvider() throws IOException {
        FakeProvider provider = FakeProvider.gated();
        resources.add(provider);
        return provider;
    }

    /** A worker whose long poll (30 s) is being held by the fake, with nothing to do. */
    private WorkerProcess idleWorker() throws Exception {
        WorkerProcess worker = launch(new WorkerEnv(api.apiBase()).set("RUSTY_PINCH_CHANNELS_TELEGRAM_POLL_TIMEOUT_SECS", "30"));
        worker.awaitEvent("channel_start", START_LIMIT);
        api.awaitPolls(1, START_LIMIT);
        return worker;
    }

    private void assertGracefulStopWithin2Seconds(WorkerProcess worker) throws InterruptedException {
        assertTrue(worker.waitFor(GRACEFUL_LIMIT), () -> "still running 2 s after the signal\n" + worker);
        assertEquals(0, worker.exitCode(), worker::toString);
        worker.awaitOutputEnd();
    }

    @Test
    void sigtermDuringAnIdleLongPollStopsGracefullyWithinTwoSeconds() throws Exception {
        WorkerProcess worker = idleWorker();

        worker.signal("TERM");

        assertGracefulStopWithin2Seconds(worker);
        assertEquals(List.of("{\"event\":\"channel_signal\",\"signal\":\"terminate\",\"action\":\"graceful_stop\"}"),
                worker.events("channel_signal"), worker::toString);
        assertEquals(List.of(STOP_SIGNAL), worker.events("channel_stop"), worker::toString);
    }

    @Test
    void sigintDuringAnIdleLongPollStopsGracefullyWithinTwoSeconds() throws Exception {
        WorkerProcess worker = idleWorker();

        worker.signal("INT");

        assertGracefulStopWithin2Seconds(worker);
        assertEquals(List.of("{\"event\":\"channel_signal\",\"signal\":\"interrupt\",\"action\":\"graceful_stop\"}"),
                worker.events("channel_signal"), worker::toString);
        assertEquals(List.of(STOP_SIGNAL), worker.events("channel_stop"), worker::toString);
    }

    @Test
    void idleStopWritesNoOffsetAndSendsNoAcknowledgement() throws Exception {
        WorkerProcess worker = idleWorker();

        worker.signal("TERM");

        assertGracefulStopWithin2Seconds(worker);
        assertFalse(Files.exists(workDir.resolve("data/channels/telegram/offset.json")), "nothing was committed");
        assertEquals(List.of(), api.ackTargets());
    }

    @Test
    void inFlightTurnAtSigtermIsFinishedRecordedAndSentAndQueuedOnesAreLeft() throws Exception {
        FakeProvider provider = gatedProvider();
        api.addText(901, 111, 111, "first");
        api.addText(902, 111, 111, "second");
        WorkerProcess worker = launch(new WorkerEnv(api.apiBase()).openAi(provider.apiBase()));
        provider.awaitRequests(1, START_LIMIT);

        worker.signal("TERM");
        worker.awaitEvent("channel_signal", LIMIT);
        provider.release(1);

        assertTrue(worker.waitFor(LIMIT), worker::toString);
        assertEquals(0, worker.exitCode(), worker::toString);
        worker.awaitOutputEnd();
        assertEquals(List.of("echo: first"), api.textsTo("111"));
        assertEquals(List.of("first"), provider.received(), "the queued message must not start after the signal");
        List<String> session = Files.readAllLines(workDir.resolve("data/sessions/telegram_111.jsonl"), UTF_8);
        assertEquals(2, session.size(), session::toString);
        assertTrue(session.get(1).contains("\"content\":\"echo: first\""), session::toString);
        assertEquals(1, worker.events("turn").size(), worker::toString);
        assertTrue(Files.readString(workDir.resolve("data/channels/telegram/offset.json"), UTF_8).contains("\"offset\":902,"),
                "the discarded update 902 stays unconfirmed");
        assertEquals(List.of("/bot" + WorkerEnv.TOKEN + "/getUpdates?offset=902&timeout=0&limit=1"), api.ackTargets());
        assertEquals(List.of(STOP_SIGNAL), worker.events("channel_stop"), worker::toString);
    }

    @Test
    void workerKilledMidBatchAndRestartedAnswersEveryMessageAndNoFinishedOneAgain() throws Exception {
        FakeProvider provider = FakeProvider.delayed(Duration.ofMillis(250));
        resources.add(provider);
        int messages = 12;
        for (int i = 0; i < messages; i++) {
            long updateId = 1001 + i;
            api.addText(updateId, 100 + i % 3, 100 + i % 3, "m" + updateId);
        }
        WorkerEnv env = new WorkerEnv(api.apiBase()).openAi(provider.apiBase());
        WorkerProcess first = launch(env);
        api.awaitSends(4, START_LIMIT);

        first.signal("KILL");
        assertTrue(first.waitFor(LIMIT), first::toString);
        int sentBeforeKill = api.sends().size();
        long committed = committedOffset();
        int pollsBeforeRestart = api.pollTargets().size();
        assertTrue(sentBeforeKill < messages, "the kill came after the whole batch: " + sentBeforeKill);

        WorkerProcess second = launch(env);
        awaitEveryMessageAnswered(messages);
        second.signal("TERM");
        assertTrue(second.waitFor(LIMIT), second::toString);

        assertTrue(api.pollTargets().get(pollsBeforeRestart).contains("&offset=" + committed + "&"),
                () -> "restart polls from the committed offset " + committed + ": " + api.pollTargets());
        for (int i = 0; i < messages; i++) {
            long updateId = 1001 + i;
            long answers = api.sends().stream().filter(sent -> sent.text().equals("echo: m" + updateId)).count();
            if (updateId < committed) {
                assertEquals(1, answers, "finished update " + updateId + " (committed offset " + committed + ")");
            } else {
                assertTrue(answers >= 1, "update " + updateId + " was never answered");
            }
        }
    }

    private long committedOffset() throws IOException {
        Path file = workDir.resolve("data/channels/telegram/offset.json");
        if (!Files.exists(file)) {
            return 0;
        }
        JsonNode json = FakeBotApi.JSON.readTree(file.toFile());
        return json.path("offset").asLong();
    }

    private void awaitEveryMessageAnswered(int messages) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (true) {
            Set<String> answered = new HashSet<>();
            api.sends().forEach(sent -> answered.add(sent.text()));
            if (answered.size() >= messages) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("answered only " + answered);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void tokenIsNeitherOnTheCommandLineNorInAnyOutput() throws Exception {
        api.addText(1101, 111, 111, "hello");
        WorkerProcess worker = launch(new WorkerEnv(api.apiBase()));
        api.awaitSends(1, START_LIMIT);

        String commandLine = worker.commandLine();
        worker.signal("TERM");
        assertTrue(worker.waitFor(LIMIT), worker::toString);
        worker.awaitOutputEnd();

        assertTrue(commandLine.contains("dev.rustypinch.runtime.Main channels telegram"), commandLine);
        assertFalse(commandLine.contains(WorkerEnv.SECRET_PART), commandLine);
        assertFalse(commandLine.contains(WorkerEnv.TOKEN), commandLine);
        for (String line : worker.stderrLines()) {
            assertFalse(line.contains(WorkerEnv.SECRET_PART), line);
        }
        for (String line : worker.stdoutLines()) {
            assertFalse(line.contains(WorkerEnv.SECRET_PART), line);
        }
        assertEquals(1, worker.events("turn").size(), worker::toString);
    }
}
