package dev.rustypinch.plugin.toolsmcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rustypinch.api.DiscoveredTools;
import dev.rustypinch.api.JsonToolInvocation;
import dev.rustypinch.api.Tool;
import dev.rustypinch.api.ToolSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference server {@code @modelcontextprotocol/server-everything} from npm over stdio, when {@code .ci/run} (or
 * {@code npm install --prefix <dir>}) has put it into the cache directory {@code RUSTY_PINCH_MCP_NPM_DIR} (default
 * {@code ~/.cache/rusty-pinch/mcp-npm}). Skipped, saying so, when it is absent: the SDK-built servers cover every rule.
 */
class EverythingServerTest {
    static final String PACKAGE = "@modelcontextprotocol/server-everything@2026.8.31";

    @TempDir
    static Path dir;
    private static ToolSource source;
    private static DiscoveredTools discovered;

    static Path npmDir() {
        String configured = System.getenv("RUSTY_PINCH_MCP_NPM_DIR");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "rusty-pinch", "mcp-npm");
    }

    @BeforeAll
    static void start() throws Exception {
        Path server = npmDir().resolve("node_modules/.bin/mcp-server-everything");
        assumeTrue(Files.isExecutable(server), "server-everything is absent from " + npmDir()
                + "; install it with: npm install --prefix " + npmDir() + " " + PACKAGE + " (.ci/run does)");
        ObjectNode entry = new ObjectMapper().createObjectNode().put("command", server.toString());
        entry.put("timeout_secs", 60);
        entry.putObject("env").put("EVERYTHING_CONFIGURED", "yes");
        Path config = McpServers.write(dir, Map.of("everything", entry));
        source = new McpToolSourceFactory().create(new TestContext(
                Map.of(McpToolSourceFactory.CONFIG_KEY, config.toString()), dir));
        discovered = source.tools();
    }

    @AfterAll
    static void stop() {
        if (source != null) {
            source.close();
        }
    }

    private static Tool tool(String name) {
        return discovered.tools().stream().filter(tool -> tool.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + discovered));
    }

    private static String call(String name, String arguments) throws Exception {
        return tool(name).runJson(new JsonToolInvocation(name, arguments, "rp-test-1"), null);
    }

    @Test
    void itsToolsAreNamedAfterTheServerWithUsageLines() {
        assertEquals(List.of(), discovered.warnings());
        assertEquals("/tool everything_get-sum {json} a*, b*", tool("everything_get-sum").usage());
    }

    @Test
    void echoAndSumAnswer() throws Exception {
        assertTrue(call("everything_echo", "{\"message\":\"hi there\"}").contains("hi there"));
        assertTrue(call("everything_get-sum", "{\"a\":2,\"b\":3}").contains("5"));
    }

    @Test
    void anImageBecomesAnOmittedItem() throws Exception {
        assertTrue(call("everything_get-tiny-image", "{}").contains("[image omitted]"));
    }

    @Test
    void itsEnvironmentHoldsNoRuntimeVariable() throws Exception {
        String env = call("everything_get-env", "{}");
        assertTrue(env.contains("EVERYTHING_CONFIGURED"), env);
        assertFalse(env.contains("RUSTY_PINCH_"), env);
        assertFalse(env.contains("JAVA_HOME"), env);
    }
}
