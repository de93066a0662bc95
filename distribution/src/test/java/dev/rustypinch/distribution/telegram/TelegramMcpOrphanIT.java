package dev.rustypinch.distribution.telegram;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Telegram worker with an MCP server that ignores stdin closing and SIGTERM and starts a grandchild (as {@code npx}
 * does): the server connects in the background while the worker polls, and after SIGTERM of the worker no process of
 * the server's tree survives (SPEC §19.3, §17.3 item 48).
 */
class TelegramMcpOrphanIT {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path workDir;
    private FakeBotApi api;
    private WorkerProcess worker;

    @BeforeEach
    void startFakeBotApi() throws Exception {
        api = FakeBotApi.start(WorkerEnv.TOKEN);
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (worker != null) {
            worker.close();
        }
        api.close();
    }

    @Test
    void noProcessOfAnMcpServerSurvivesSigtermOfTheWorker() throws Exception {
        Path config = Files.writeString(workDir.resolve("mcp.json"), stdioConfig(), UTF_8);
        worker = WorkerProcess.launch(workDir, new WorkerEnv(api.apiBase())
                .set("RUSTY_PINCH_CHANNELS_TELEGRAM_POLL_TIMEOUT_SECS", "30")
                .set("RUSTY_PINCH_MCP_CONFIG", config.toString()), "channels", "telegram");
        worker.awaitEvent("channel_start", LIMIT);
        api.awaitPolls(1, LIMIT);
        List<ProcessHandle> tree = awaitServerTree();

        worker.signal("TERM");

        assertTrue(worker.waitFor(LIMIT), () -> "the worker did not stop\n" + worker);
        assertEquals(0, worker.exitCode(), worker::toString);
        for (ProcessHandle process : tree) {
            try {
                process.onExit().get(5, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                // Reported below with the process's command line.
            }
            assertFalse(process.isAlive(), "orphan " + process.pid() + " " + process.info().command().orElse("?"));
        }
    }

    @Test
    void theFirstPollNeverWaitsForAnMcpServerThatIsStillConnecting() throws Exception {
        Path config = Files.writeString(workDir.resolve("mcp.json"),
                "{\"mcpServers\":{\"mute\":{\"command\":\"/bin/sleep\",\"args\":[\"300\"],\"timeout_secs\":300}}}", UTF_8);
        worker = WorkerProcess.launch(workDir, new WorkerEnv(api.apiBase())
                .set("RUSTY_PINCH_CHANNELS_TELEGRAM_POLL_TIMEOUT_SECS", "30")
                .set("RUSTY_PINCH_MCP_CONFIG", config.toString()), "channels", "telegram");

        // The server never answers initialize and may take 300 s to time out; the poll comes long before.
        worker.awaitEvent("channel_start", LIMIT);
        api.awaitPolls(1, LIMIT);
        List<ProcessHandle> mute = new ArrayList<>();
        ProcessHandle.of(worker.pid()).ifPresent(root -> root.descendants().forEach(mute::add));
        assertTrue(mute.stream().anyMatch(p -> p.info().command().orElse("").endsWith("sleep")),
                "the worker did not start the server in the background");

        worker.signal("TERM");

        assertTrue(worker.waitFor(LIMIT), () -> "the worker did not stop\n" + worker);
        assertEquals(0, worker.exitCode(), worker::toString);
        for (ProcessHandle process : mute) {
            process.onExit().get(5, TimeUnit.SECONDS);
        }
    }

    /** The worker's descendants once the MCP server (a JVM) and its grandchild ({@code sleep}) are both running. */
    private List<ProcessHandle> awaitServerTree() throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<ProcessHandle> tree = new ArrayList<>();
            ProcessHandle.of(worker.pid()).ifPresent(root -> root.descendants().forEach(tree::add));
            boolean sleeper = tree.stream().anyMatch(p -> p.info().command().orElse("").endsWith("sleep"));
            if (tree.size() >= 2 && sleeper) {
                return tree;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the MCP server tree never came up under the worker\n" + worker);
    }

    private static String stdioConfig() {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Dorg.apache.logging.log4j.level=OFF", "-cp",
                System.getProperty("java.class.path"), "dev.rustypinch.plugin.toolsmcp.TestMcpServer", "stdio",
                "--ignore-term", "--grandchild"));
        StringBuilder args = new StringBuilder();
        for (String arg : command.subList(1, command.size())) {
            args.append(args.length() == 0 ? "" : ",").append('"').append(arg.replace("\"", "\\\"")).append('"');
        }
        return "{\"mcpServers\":{\"stubborn\":{\"command\":\"" + command.get(0) + "\",\"args\":[" + args + "]}}}";
    }
}
