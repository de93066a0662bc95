package dev.rustypinch.distribution.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustypinch.distribution.CrashAftermath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No message lost on a crash (SPEC §12.4, §22): {@code bin/rusty-pinch channels telegram} as a real child process with
 * a model that takes 20 ms per answer, sent a burst of 240 messages over 12 chats by a fake Bot API that, like
 * Telegram, forgets every update below the offset of any poll. Killed with SIGKILL at three points of the burst, or
 * stopped with SIGTERM, then started again: every message is answered, duplicates stay within the turns in flight at
 * the kill (none after SIGTERM), session files are whole and {@code stats} reads the telemetry.
 */
class TelegramNoLossIT {
    private static final int CHATS = 12;
    private static final int MESSAGES = 240;
    private static final long FIRST_UPDATE = 7001;
    private static final Duration START_LIMIT = Duration.ofSeconds(30);
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final int BUS_WORKERS = 4;

    @TempDir
    Path workDir;

    private FakeBotApi api;
    private FakeProvider provider;
    private final List<AutoCloseable> resources = new ArrayList<>();

    @BeforeEach
    void startFakes() throws Exception {
        api = FakeBotApi.start(WorkerEnv.TOKEN);
        provider = FakeProvider.delayed(Duration.ofMillis(20));
        for (int i = 0; i < MESSAGES; i++) {
            long chat = 500 + i % CHATS;
            api.addText(FIRST_UPDATE + i, chat, chat, "m" + (FIRST_UPDATE + i));
        }
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
        provider.close();
        api.close();
    }

    private WorkerEnv env() {
        return new WorkerEnv(api.apiBase()).openAi(provider.apiBase()).set("RUSTY_PINCH_BUS_CAPACITY", "1000");
    }

    private WorkerProcess launch(String... args) throws Exception {
        WorkerProcess worker = WorkerProcess.launch(workDir, env(), args);
        resources.add(0, worker);
        return worker;
    }

    private static List<String> expectedReplies() {
        List<String> replies = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            replies.add("echo: m" + (FIRST_UPDATE + i));
        }
        return replies;
    }

    private CrashAftermath.Tally tally() {
        return CrashAftermath.Tally.of(expectedReplies(), api.sends().stream().map(FakeBotApi.Sent::text).toList());
    }

    /** Runs the first worker until {@code replies} were sent, stops it with {@code signal}, and starts a second one. */
    private CrashAftermath.Tally stopAtAndRestart(int replies, String signal) throws Exception {
        WorkerProcess first = launch("channels", "telegram");
        api.awaitSends(replies, START_LIMIT);
        first.signal(signal);
        assertTrue(first.waitFor(LIMIT), first::toString);
        int sentBeforeRestart = api.sends().size();
        assertTrue(sentBeforeRestart < MESSAGES, "the stop came after the whole burst: " + sentBeforeRestart);

        WorkerProcess second = launch("channels", "telegram");
        awaitEveryMessageAnswered(second);
        second.signal("TERM");
        assertTrue(second.waitFor(LIMIT), second::toString);
        assertEquals(0, second.exitCode(), second::toString);

        CrashAftermath.Tally tally = tally();
        assertEquals(List.of(), tally.lost(), "lost after a stop at " + sentBeforeRestart + " replies");
        assertEquals(CHATS, CrashAftermath.assertSessionFilesWhole(workDir.resolve("data/sessions")));
        CrashAftermath.assertTelemetryReadable(workDir.resolve("data/telemetry/latest.json"),
                api.sends().size() - sentBeforeRestart);
        return tally;
    }

    private void awaitEveryMessageAnswered(WorkerProcess worker) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!tally().lost().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never answered: " + tally().lost() + "\n" + worker);
            }
            Thread.sleep(20);
        }
    }

    @ParameterizedTest(name = "killed after {0} of 240 replies")
    @ValueSource(ints = {20, 110, 200})
    void killedMidBurstAndRestartedAnswersEveryMessage(int replies) throws Exception {
        CrashAftermath.Tally tally = stopAtAndRestart(replies, "KILL");

        assertTrue(tally.duplicates() <= BUS_WORKERS, () -> "duplicates beyond the turns in flight: " + tally.answers());
    }

    @Test
    void sigtermUnderLoadLeavesQueuedMessagesForTheNextStartWithoutDuplicates() throws Exception {
        CrashAftermath.Tally tally = stopAtAndRestart(100, "TERM");

        assertEquals(0, tally.duplicates(), () -> "answered twice: " + tally.answers());
    }
}
