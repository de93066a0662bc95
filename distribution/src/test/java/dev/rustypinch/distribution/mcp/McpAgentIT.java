package dev.rustypinch.distribution.mcp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agent mode with an MCP tool (SPEC §18, §19; issues 14 and 15): {@code bin/rusty-pinch run} with
 * {@code RUSTY_PINCH_AGENT_TOOLS=time_now,demo_add}, an SDK-built MCP server over stdio, and a scripted OpenAI-compatible model on
 * loopback that calls the server's tool, reads its result and answers. The server's schema reaches the model as the
 * server declared it.
 */
class McpAgentIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private MockWebServer model;

    @BeforeEach
    void startModel() throws Exception {
        model = new MockWebServer();
        model.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stopModel() {
        model.close();
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
    }

    @Test
    void theModelCallsAnMcpToolAndAnswersWithItsResult() throws Exception {
        model.enqueue(json("{\"choices\":[{\"index\":0,\"finish_reason\":\"tool_calls\",\"message\":{\"role\":\"assistant\","
                + "\"content\":null,\"tool_calls\":[{\"id\":\"call_add\",\"type\":\"function\",\"function\":{\"name\":"
                + "\"demo_add\",\"arguments\":\"{\\\"a\\\":20,\\\"b\\\":22}\"}}]}}]}"));
        model.enqueue(json("{\"choices\":[{\"index\":0,\"finish_reason\":\"stop\",\"message\":{\"role\":\"assistant\","
                + "\"content\":\"The sum is 42.\"}}]}"));
        Path config = Files.writeString(work.resolve("mcp.json"), Launcher.stdioConfig("demo", "stdio"), UTF_8);
        Map<String, String> dotenv = new TreeMap<>();
        dotenv.put("RUSTY_PINCH_PROVIDER", "openai");
        dotenv.put("RUSTY_PINCH_MODEL", "test-model");
        dotenv.put("RUSTY_PINCH_API_BASE", "http://127.0.0.1:" + model.getPort() + "/v1");
        dotenv.put("RUSTY_PINCH_API_KEY", "sk-test-agent-mcp");
        dotenv.put("RUSTY_PINCH_DATA_DIR", work.resolve("data").toString());
        dotenv.put("RUSTY_PINCH_MCP_CONFIG", config.toString());
        dotenv.put("RUSTY_PINCH_AGENT_TOOLS", "time_now,demo_add");

        Launcher.Result result = Launcher.run(work, dotenv, Map.of(), "run", "--session", "sum", "--message",
                "What is 20 + 22?");

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("The sum is 42.\n", result.stdout());
        RecordedRequest first = model.takeRequest(5, TimeUnit.SECONDS);
        assertNotNull(first, "the model was never called");
        List<String> offered = new ArrayList<>();
        JsonNode addSchema = null;
        for (JsonNode tool : JSON.readTree(first.getBody().utf8()).get("tools")) {
            String name = tool.get("function").get("name").asText();
            offered.add(name);
            if (name.equals("demo_add")) {
                addSchema = tool.get("function").get("parameters");
            }
        }
        assertEquals(List.of("demo_add", "time_now"), offered);
        assertNotNull(addSchema);
        assertEquals(List.of("a", "b"), names(addSchema.get("required")));
        JsonNode messages = JSON.readTree(model.takeRequest(5, TimeUnit.SECONDS).getBody().utf8()).get("messages");
        JsonNode toolMessage = messages.get(messages.size() - 1);
        assertEquals("tool", toolMessage.get("role").asText());
        assertEquals("call_add", toolMessage.get("tool_call_id").asText());
        assertEquals("42", toolMessage.get("content").asText());
        assertTrue(result.stderr().contains("\"status\":\"ok\",\"tool_name\":\"demo_add\"}"), result.stderr());
        List<String> session = Files.readAllLines(work.resolve("data/sessions/sum.jsonl"), UTF_8);
        assertEquals(2, session.size(), session.toString());
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(item -> names.add(item.asText()));
        return names;
    }
}
