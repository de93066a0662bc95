package dev.rustypinch.distribution.mcp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MCP plugin in the built distribution (SPEC §19, §17.3 item 48): {@code /tool} and {@code tools list} against an
 * SDK-built server run as a child JVM, doctor's {@code mcp_servers}, and that nothing of the SDK is loaded without a
 * configuration.
 */
class McpDistributionIT {
    @TempDir
    Path work;

    private Map<String, String> dotenv(boolean withConfig) throws Exception {
        Map<String, String> dotenv = new TreeMap<>();
        dotenv.put("RUSTY_PINCH_PROVIDER", "local");
        dotenv.put("RUSTY_PINCH_MODEL", "test-model");
        dotenv.put("RUSTY_PINCH_DATA_DIR", work.resolve("data").toString());
        if (withConfig) {
            Path config = Files.writeString(work.resolve("mcp.json"), Launcher.stdioConfig("demo", "stdio"), UTF_8);
            dotenv.put("RUSTY_PINCH_MCP_CONFIG", config.toString());
        }
        return dotenv;
    }

    @Test
    void toolCommandCallsAnMcpToolThroughTheDistribution() throws Exception {
        Launcher.Result result = Launcher.run(work, dotenv(true), Map.of(), "run", "--message",
                "/tool demo_add {\"a\":20,\"b\":22}");

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("[tool:demo_add]\n42\n", result.stdout());
    }

    @Test
    void toolsListShowsStaticAndMcpToolsWithUsageLines() throws Exception {
        Launcher.Result result = Launcher.run(work, dotenv(true), Map.of(), "tools", "list");

        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().startsWith("""
                demo_add - Add two integers.
                  usage: /tool demo_add {json} a*, b*
                demo_echo - Echo a message.
                  usage: /tool demo_echo {json} message*, repeat
                """), result.stdout());
        assertTrue(result.stdout().contains("""
                model_info - Show current runtime provider/model info.
                  usage: /tool model_info
                """), result.stdout());
        assertFalse(result.stderr().contains("WARN"), result.stderr());
    }

    @Test
    void anUnavailableServerIsAWarnLineAndTheRestIsListed() throws Exception {
        Map<String, String> dotenv = dotenv(false);
        Path config = Files.writeString(work.resolve("mcp.json"),
                "{\"mcpServers\":{\"gone\":{\"command\":\"" + work.resolve("missing") + "\"}}}", UTF_8);
        dotenv.put("RUSTY_PINCH_MCP_CONFIG", config.toString());

        Launcher.Result result = Launcher.run(work, dotenv, Map.of(), "tools", "list");

        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("WARN MCP server 'gone' unavailable: cannot start '" + work.resolve("missing")
                + "': error=2, No such file or directory\n"), result.stderr());
        assertTrue(result.stdout().contains("time_now - "), result.stdout());
    }

    @Test
    void doctorCountsConfiguredServersWithoutStartingThem() throws Exception {
        Launcher.Result result = Launcher.run(work, dotenv(true), Map.of(), "doctor");

        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().endsWith("\nmcp_servers: 1\n"), result.stdout());
    }

    @Test
    void withoutAConfigurationNoClassOfTheSdkIsLoaded() throws Exception {
        Map<String, String> verbose = Map.of("RUSTY_PINCH_JAVA_OPTS", "-verbose:class");

        Launcher.Result run = Launcher.run(work, dotenv(false), verbose, "run", "--message", "hello");
        Launcher.Result list = Launcher.run(work, dotenv(false), verbose, "tools", "list");
        Launcher.Result configured = Launcher.run(work, dotenv(true), verbose, "tools", "list");

        assertEquals(0, run.exitCode(), run.toString());
        assertFalse(run.stdout().contains("io.modelcontextprotocol") || run.stdout().contains("reactor.core"),
                "run loaded the SDK");
        assertFalse(list.stdout().contains("io.modelcontextprotocol") || list.stdout().contains("reactor.core"),
                "tools list loaded the SDK");
        assertTrue(configured.stdout().contains("io.modelcontextprotocol.client.McpAsyncClient"),
                "the check sees the SDK when a server is configured");
    }
}
