package dev.rustypinch.plugin.toolsmcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rustypinch.api.DiscoveredTools;
import dev.rustypinch.api.JsonToolInvocation;
import dev.rustypinch.api.Tool;
import dev.rustypinch.api.ToolException;
import dev.rustypinch.api.ToolSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Servers that hang, crash, are misconfigured or refuse to stop (SPEC §19.1, §19.3, §19.4). */
class ServerLifecycleTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private final List<ToolSource> sources = new ArrayList<>();
    private TestContext context;

    @AfterEach
    void closeSources() {
        sources.forEach(ToolSource::close);
    }

    private ToolSource source(Map<String, ObjectNode> servers) throws Exception {
        Path config = McpServers.write(dir, servers);
        context = new TestContext(Map.of(McpToolSourceFactory.CONFIG_KEY, config.toString()), dir);
        ToolSource source = new McpToolSourceFactory().create(context);
        sources.add(source);
        return source;
    }

    private static Tool tool(DiscoveredTools tools, String name) {
        return tools.tools().stream().filter(tool -> tool.name().equals(name)).findFirst().orElseThrow();
    }

    private static String call(Tool tool) throws ToolException {
        return tool.runJson(new JsonToolInvocation(tool.name(), "{}", "rp-test-1"), null);
    }

    @Test
    void aCallThatOutlivesTheTimeoutFailsAndIsCancelled() throws Exception {
        Path log = dir.resolve("received.log");
        ToolSource source = source(Map.of("slow", McpServers.stdio(Map.of("timeout_secs", 6,
                "env", Map.of("MCP_TEST_LOG", log.toString())), "stdio")));

        ToolException e = assertThrows(ToolException.class, () -> call(tool(source.tools(), "slow_hang")));

        assertEquals("timed out after 6 s", e.getMessage());
        String callId = null;
        String cancelled = null;
        for (int i = 0; i < 50 && cancelled == null; i++) {
            for (String line : Files.readAllLines(log)) {
                if (line.contains("\"tools/call\"")) {
                    callId = JSON.readTree(line).get("id").asText();
                } else if (line.contains("notifications/cancelled")) {
                    cancelled = line;
                }
            }
            Thread.sleep(100);
        }
        assertTrue(cancelled != null, "no notifications/cancelled was sent");
        assertEquals(callId, JSON.readTree(cancelled).get("params").get("requestId").asText());
        assertFalse(Files.readString(log).contains(CancellableCalls.TAG), "the private call tag reached the server");
    }

    @Test
    void aKilledServerIsRestartedOnALaterCall() throws Exception {
        ToolSource source = source(Map.of("crashy", McpServers.stdio(Map.of(), "stdio")));
        Tool pid = tool(source.tools(), "crashy_pid");
        long first = Long.parseLong(call(pid));
        ProcessHandle process = ProcessHandle.of(first).orElseThrow();

        process.destroyForcibly();
        process.onExit().get(10, TimeUnit.SECONDS);

        String second = null;
        for (int i = 0; i < 100 && second == null; i++) {
            try {
                second = call(tool(source.tools(), "crashy_pid"));
            } catch (ToolException | NoSuchElementException notYet) {
                Thread.sleep(200);
            }
        }
        assertTrue(second != null, "the server was never restarted");
        assertNotEquals(first, Long.parseLong(second));
    }

    @Test
    void aBadEntryLeavesTheGoodServerUsableWithItsAllowlistedTools() throws Exception {
        ObjectNode both = JSON.createObjectNode().put("command", "x").put("url", "http://127.0.0.1:1/mcp");
        ObjectNode missing = JSON.createObjectNode().put("command", dir.resolve("no-such-server").toString());
        Map<String, ObjectNode> servers = new TreeMap<>();
        servers.put("good", McpServers.stdio(Map.of("tools", List.of("add", "echo")), "stdio"));
        servers.put("both", both);
        servers.put("missing", missing);
        servers.put("Bad Name", McpServers.stdio(Map.of(), "stdio"));

        DiscoveredTools tools = source(servers).tools();

        assertEquals("5", tool(tools, "good_add").runJson(new JsonToolInvocation("good_add", "{\"a\":2,\"b\":3}", "rp-1"), null));
        assertEquals(List.of("good_add", "good_echo"), tools.tools().stream().map(Tool::name).sorted().toList());
        assertEquals(List.of(
                "MCP server 'Bad Name' unavailable: invalid server name; use 1-32 characters from a-z, 0-9, _ and -, "
                        + "starting with a letter or digit",
                "MCP server 'both' unavailable: has both \"command\" (stdio) and \"url\" (Streamable HTTP); keep one",
                "MCP server 'missing' unavailable: cannot start '" + dir.resolve("no-such-server")
                        + "': error=2, No such file or directory"), tools.warnings());
    }

    @Test
    void closeEndsTheWholeTreeOfAServerThatIgnoresStdinAndSigterm() throws Exception {
        ToolSource source = source(Map.of("stubborn", McpServers.stdio(Map.of(), "stdio", "--ignore-term",
                "--grandchild")));
        long pid = Long.parseLong(call(tool(source.tools(), "stubborn_pid")));
        ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
        List<ProcessHandle> tree = new ArrayList<>(List.of(server));
        server.descendants().forEach(tree::add);
        assertTrue(tree.size() >= 2, "the grandchild did not start");

        source.close();

        for (ProcessHandle process : tree) {
            process.onExit().get(5, TimeUnit.SECONDS);
            assertFalse(process.isAlive(), "process " + process.pid() + " survived");
        }
    }

    @Test
    void closeWhileStillConnectingEndsTheStartingServer() throws Exception {
        ToolSource source = source(Map.of("early", McpServers.stdio(Map.of(), "stdio", "--grandchild")));
        Set<Long> before = childPids();

        source.connectInBackground();
        List<ProcessHandle> started = new ArrayList<>();
        for (int i = 0; i < 100 && started.isEmpty(); i++) {
            ProcessHandle.current().children().filter(child -> !before.contains(child.pid())).forEach(started::add);
            Thread.sleep(20);
        }
        assertFalse(started.isEmpty(), "the server never started");
        started.get(0).descendants().forEach(started::add);
        source.close();

        for (ProcessHandle process : started) {
            process.onExit().get(5, TimeUnit.SECONDS);
            assertFalse(process.isAlive(), "process " + process.pid() + " survived");
        }
    }

    private static Set<Long> childPids() {
        Set<Long> pids = new HashSet<>();
        ProcessHandle.current().children().forEach(child -> pids.add(child.pid()));
        return pids;
    }
}
