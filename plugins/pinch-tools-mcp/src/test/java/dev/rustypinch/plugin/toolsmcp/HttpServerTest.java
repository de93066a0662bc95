package dev.rustypinch.plugin.toolsmcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rustypinch.api.DiscoveredTools;
import dev.rustypinch.api.JsonToolInvocation;
import dev.rustypinch.api.Tool;
import dev.rustypinch.api.ToolException;
import dev.rustypinch.api.ToolSource;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SDK-built servers over Streamable HTTP and the legacy SSE transport on 127.0.0.1 (SPEC §19.1). */
class HttpServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private DiscoveredTools discover(String server, String url, Map<String, String> settings,
                                     ToolSource[] holder) throws Exception {
        ObjectNode entry = JSON.createObjectNode().put("url", url);
        entry.putObject("headers").put("Authorization", "Bearer ${REMOTE_TOKEN}");
        Path config = McpServers.write(dir, Map.of(server, entry));
        Map<String, String> all = new HashMap<>(settings);
        all.put(McpToolSourceFactory.CONFIG_KEY, config.toString());
        holder[0] = new McpToolSourceFactory().create(new TestContext(all, dir));
        return holder[0].tools();
    }

    private static String call(DiscoveredTools tools, String name, String arguments) throws ToolException {
        Tool tool = tools.tools().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
        return tool.runJson(new JsonToolInvocation(name, arguments, "rp-test-1"), null);
    }

    @Test
    void streamableHttpServerToolsAreListedAndCalled() throws Exception {
        ToolSource[] source = new ToolSource[1];
        try (McpServers.HttpServer server = new McpServers.HttpServer("http")) {
            DiscoveredTools tools = discover("remote", "http://127.0.0.1:" + server.port + "/mcp",
                    Map.of("REMOTE_TOKEN", "t0ken"), source);

            assertEquals(List.of(), tools.warnings());
            assertEquals("9", call(tools, "remote_add", "{\"a\":4,\"b\":5}"));
            ToolException e = assertThrows(ToolException.class, () -> call(tools, "remote_fail", "{}"));
            assertEquals("it failed on purpose", e.getMessage());
        } finally {
            if (source[0] != null) {
                source[0].close();
            }
        }
    }

    @Test
    void aServerAnsweringStreamableHttpWith404Or405IsReachedOverLegacySse() throws Exception {
        ToolSource[] source = new ToolSource[1];
        try (McpServers.HttpServer server = new McpServers.HttpServer("sse")) {
            DiscoveredTools tools = discover("legacy", "http://127.0.0.1:" + server.port + "/sse",
                    Map.of("REMOTE_TOKEN", "t0ken"), source);

            assertEquals(List.of(), tools.warnings());
            assertEquals("hi", call(tools, "legacy_echo", "{\"message\":\"hi\"}"));
        } finally {
            if (source[0] != null) {
                source[0].close();
            }
        }
    }

    @Test
    void aCallToAServerThatWentAwayIsATransportFailure() throws Exception {
        ToolSource[] source = new ToolSource[1];
        try {
            DiscoveredTools tools;
            try (McpServers.HttpServer server = new McpServers.HttpServer("http")) {
                tools = discover("remote", "http://127.0.0.1:" + server.port + "/mcp", Map.of("REMOTE_TOKEN", "x"), source);
            }

            ToolException e = assertThrows(ToolException.class, () -> call(tools, "remote_add", "{\"a\":1,\"b\":2}"));

            assertTrue(e.getMessage().startsWith("MCP server 'remote' unavailable: "), e.getMessage());
            assertTrue(source[0].tools().warnings().get(0).startsWith("MCP server 'remote' unavailable: "));
        } finally {
            if (source[0] != null) {
                source[0].close();
            }
        }
    }

    @Test
    void anUnknownVariableInAHeaderMakesOnlyThatServerUnavailable() throws Exception {
        ToolSource[] source = new ToolSource[1];
        DiscoveredTools tools = discover("remote", "http://127.0.0.1:9/mcp", Map.of(), source);
        source[0].close();

        assertEquals(List.of(), tools.tools());
        assertEquals(List.of("MCP server 'remote' unavailable: unknown variable ${REMOTE_TOKEN} in headers.Authorization;"
                + " set it in the environment or the .env file"), tools.warnings());
    }

    @Test
    void anUnreachableServerIsReportedUnavailable() throws Exception {
        ToolSource[] source = new ToolSource[1];
        DiscoveredTools tools = discover("down", "http://127.0.0.1:9/mcp", Map.of("REMOTE_TOKEN", "x"), source);
        source[0].close();

        assertEquals(1, tools.warnings().size());
        assertTrue(tools.warnings().get(0).startsWith("MCP server 'down' unavailable: "), tools.warnings().toString());
    }
}
