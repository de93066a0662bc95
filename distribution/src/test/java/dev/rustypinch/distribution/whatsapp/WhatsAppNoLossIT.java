package dev.rustypinch.distribution.whatsapp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rustypinch.distribution.CrashAftermath;
import dev.rustypinch.distribution.telegram.FakeProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No message lost on a crash (SPEC §13.5, §22): {@code bin/rusty-pinch channels whatsapp} as a real child process with
 * a model that takes 20 ms per answer, sent a burst of 240 messages over 12 chats by a Jetty bridge that cannot
 * redeliver — except that, like real bridges after a reconnect, it resends its first 20 messages to every later
 * connection. Killed with SIGKILL at three points of the burst, or stopped with SIGTERM, then started again: every
 * message is answered from the inbox journal, duplicates stay within the turns in flight at the kill (none after
 * SIGTERM), resends of answered messages are not answered again, session files are whole and telemetry readable.
 */
class WhatsAppNoLossIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHATS = 12;
    private static final int MESSAGES = 240;
    private static final int RESENT = 20;
    private static final int BUS_WORKERS = 4;
    private static final Duration START_LIMIT = Duration.ofSeconds(30);
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final String CONNECTED = "{\"channel\":\"whatsapp\",\"event\":\"channel_connected\"}";

    @TempDir
    Path work;

    private BridgeServer bridge;
    private FakeProvider provider;
    private final List<String> replies = new ArrayList<>();
    private final List<LauncherProcess> workers = new ArrayList<>();

    @BeforeEach
    void startFakes() throws IOException {
        bridge = BridgeServer.start();
        provider = FakeProvider.delayed(Duration.ofMillis(20));
        bridge.onOpen = peer -> {
            int count = bridge.connectionOf(peer) == 0 ? MESSAGES : RESENT;
            for (int i = 0; i < count; i++) {
                peer.send("{\"type\":\"message\",\"id\":\"w" + i + "\",\"from\":\"c" + i % CHATS + "\",\"content\":\"m" + i + "\"}");
            }
        };
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (LauncherProcess worker : workers) {
            worker.close();
        }
        provider.close();
        bridge.close();
    }

    private LauncherProcess launch() throws IOException {
        Path envFile = new WorkerRun(work, bridge.url())
                .env("RUSTY_PINCH_PROVIDER", "openai")
                .env("RUSTY_PINCH_API_BASE", provider.apiBase())
                .env("RUSTY_PINCH_API_KEY", "sk-test-provider-key")
                .env("RUSTY_PINCH_REQUEST_RETRIES", "0")
                .env("RUSTY_PINCH_BUS_CAPACITY", "1000")
                .writeEnvFile();
        LauncherProcess worker = LauncherProcess.start(work, envFile, "channels", "whatsapp");
        workers.add(worker);
        return worker;
    }

    /** Every reply content the bridge received so far. */
    private synchronized List<String> replies() {
        List<String> frames = new ArrayList<>();
        bridge.frames.drainTo(frames);
        for (String frame : frames) {
            try {
                replies.add(JSON.readTree(frame).path("content").asText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(replies);
    }

    private static List<String> expectedReplies() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            expected.add("echo: m" + i);
        }
        return expected;
    }

    private CrashAftermath.Tally tally() {
        return CrashAftermath.Tally.of(expectedReplies(), replies());
    }

    private long journaledMessages() throws IOException {
        Path journal = work.resolve("data/channels/whatsapp/inbox.jsonl");
        if (!Files.exists(journal)) {
            return 0;
        }
        return Files.readAllLines(journal, UTF_8).stream().filter(line -> line.contains("\"type\":\"message\"")).count();
    }

    private void await(String what, Check check, LauncherProcess worker) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; replies " + replies().size()
                        + "; stderr:\n" + worker.stderr());
            }
            Thread.sleep(10);
        }
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    /** Runs the first worker until {@code stopAt} replies were sent, stops it with {@code signal}, starts a second one. */
    private CrashAftermath.Tally stopAtAndRestart(int stopAt, String signal) throws Exception {
        LauncherProcess first = launch();
        first.awaitLine(CONNECTED, START_LIMIT);
        await("the whole burst in the journal", () -> journaledMessages() >= MESSAGES, first);
        await(stopAt + " replies", () -> replies().size() >= stopAt, first);
        first.signal(signal);
        assertTrue(first.awaitExit(LIMIT).isPresent(), first::stderr);
        int sentBeforeRestart = replies().size();
        assertTrue(sentBeforeRestart < MESSAGES, "the stop came after the whole burst: " + sentBeforeRestart);

        LauncherProcess second = launch();
        await("every message answered", () -> tally().lost().isEmpty(), second);
        bridge.awaitPeer(1);
        second.signal("TERM");
        assertEquals(OptionalInt.of(0), second.awaitExit(LIMIT), second::stderr);

        CrashAftermath.Tally tally = tally();
        assertEquals(List.of(), tally.lost(), "lost after a stop at " + sentBeforeRestart + " replies");
        assertEquals(CHATS, CrashAftermath.assertSessionFilesWhole(work.resolve("data/sessions")));
        CrashAftermath.assertTelemetryReadable(work.resolve("data/telemetry/latest.json"), replies().size() - sentBeforeRestart);
        return tally;
    }

    @ParameterizedTest(name = "killed after {0} of 240 replies")
    @ValueSource(ints = {30, 120, 210})
    void killedMidBurstAndRestartedAnswersEveryMessageFromTheJournal(int replies) throws Exception {
        CrashAftermath.Tally tally = stopAtAndRestart(replies, "KILL");

        assertTrue(tally.duplicates() <= BUS_WORKERS, () -> "duplicates beyond the turns in flight: " + tally.answers());
    }

    @Test
    void secondWorkerOnTheSameDataDirectoryRefusesToStart() throws Exception {
        bridge.onOpen = peer -> { };
        WorkerRun.Running first = new WorkerRun(work, bridge.url()).start("channels", "whatsapp", "--max-messages", "1");
        BridgeServer.Peer firstConnection = bridge.awaitPeer(0);

        LauncherProcess second = launch();

        assertEquals(OptionalInt.of(1), second.awaitExit(LIMIT), second::stderr);
        Path dataDir = work.resolve("data");
        assertEquals(List.of("Error: another 'whatsapp' worker is running on data directory " + dataDir
                + " (its inbox journal " + dataDir.resolve("channels/whatsapp/inbox.jsonl") + " is locked); stop that"
                + " worker first, or give this one its own RUSTY_PINCH_DATA_DIR"), second.stderrLines());
        firstConnection.send("{\"type\":\"message\",\"id\":\"x1\",\"from\":\"alice\",\"content\":\"still here\"}");
        assertEquals(0, first.await(LIMIT).exitCode(), "the first worker went on and answered");
    }

    @Test
    void sigtermUnderLoadLeavesQueuedMessagesInTheJournalWithoutDuplicates() throws Exception {
        CrashAftermath.Tally tally = stopAtAndRestart(100, "TERM");

        assertEquals(0, tally.duplicates(), () -> "answered twice: " + tally.answers());
    }
}
