package dev.rustypinch.distribution.mcp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to {@code run} and {@code repl} while an MCP server is up: the commands have no graceful stop (exit 143),
 * and still no process of the server's tree survives (SPEC §19.3), even one that ignores stdin closing and SIGTERM.
 */
class McpSignalIT {
    @TempDir
    Path work;
    private Process process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Map<String, String> dotenv() throws Exception {
        String config = Launcher.stdioConfig("stubborn", "stdio", "--ignore-term", "--grandchild")
                .replace("]}}}", "],\"timeout_secs\":120}}}");
        Map<String, String> dotenv = new TreeMap<>();
        dotenv.put("RUSTY_PINCH_PROVIDER", "local");
        dotenv.put("RUSTY_PINCH_DATA_DIR", work.resolve("data").toString());
        dotenv.put("RUSTY_PINCH_MCP_CONFIG", Files.writeString(work.resolve("mcp.json"), config, UTF_8).toString());
        return dotenv;
    }

    /** The descendants of the command once the server (a JVM) and its {@code sleep} grandchild both run. */
    private List<ProcessHandle> awaitServerTree() throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            List<ProcessHandle> tree = new ArrayList<>();
            process.toHandle().descendants().forEach(tree::add);
            if (tree.stream().anyMatch(p -> p.info().command().orElse("").endsWith("sleep"))) {
                return tree;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the MCP server tree never came up");
    }

    private void assertTermEndsEverything(List<ProcessHandle> tree) throws Exception {
        new ProcessBuilder("kill", "-s", "TERM", Long.toString(process.pid())).inheritIO().start().waitFor();

        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the command did not end");
        assertEquals(143, process.exitValue());
        for (ProcessHandle child : tree) {
            try {
                child.onExit().get(5, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                // Reported below with the process's command line.
            }
            assertFalse(child.isAlive(), "orphan " + child.pid() + " " + child.info().command().orElse("?"));
        }
    }

    @Test
    void sigtermToRunDuringAnMcpCallLeavesNoOrphan() throws Exception {
        process = Launcher.builder(work, dotenv(), Map.of(), "run", "--message", "/tool stubborn_hang {}")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();

        assertTermEndsEverything(awaitServerTree());
    }

    @Test
    void sigtermToReplWithAnMcpServerUpLeavesNoOrphan() throws Exception {
        process = Launcher.builder(work, dotenv(), Map.of(), "repl").redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        OutputStream stdin = process.getOutputStream();
        stdin.write("/tool stubborn_pid {}\n".getBytes(UTF_8));
        stdin.flush();

        assertTermEndsEverything(awaitServerTree());
    }
}
