package dev.rustypinch.plugin.toolsmcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustypinch.api.ChatToolCall;
import dev.rustypinch.api.DiscoveredTools;
import dev.rustypinch.api.JsonToolInvocation;
import dev.rustypinch.api.Tool;
import dev.rustypinch.api.ToolException;
import dev.rustypinch.api.ToolInvocation;
import dev.rustypinch.api.ToolSource;
import dev.rustypinch.api.ToolSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One SDK-built MCP server over stdio, shared by the read-only behaviours (SPEC §19.2, §19.4). */
class StdioServerTest {
    @TempDir
    static Path dir;
    private static TestContext context;
    private static ToolSource source;
    private static DiscoveredTools discovered;

    @BeforeAll
    static void start() throws Exception {
        Path config = McpServers.write(dir, Map.of("demo", McpServers.stdio(Map.of("env",
                Map.of("DEMO_SETTING", "configured", "FROM_DOTENV", "${DOTENV_ONLY}")), "stdio")));
        context = new TestContext(Map.of(McpToolSourceFactory.CONFIG_KEY, config.toString(), "DOTENV_ONLY", "dotenv-value"),
                dir);
        source = new McpToolSourceFactory().create(context);
        discovered = source.tools();
    }

    @AfterAll
    static void stop() {
        source.close();
    }

    private static Tool tool(String name) {
        return discovered.tools().stream().filter(tool -> tool.name().equals(name)).findFirst().orElseThrow();
    }

    private static String call(String name, String arguments) throws ToolException {
        return tool(name).runJson(new JsonToolInvocation(name, arguments, "rp-test-1"), null);
    }

    @Test
    void everyServerToolBecomesAToolNamedServerUnderscoreTool() {
        Set<String> names = new TreeSet<>();
        discovered.tools().forEach(tool -> names.add(tool.name()));
        assertEquals(Set.of("demo_add", "demo_echo", "demo_env", "demo_fail", "demo_grow", "demo_hang", "demo_mixed",
                "demo_pid", "demo_stderr", "demo_structured"), names);
        assertEquals(List.of(), discovered.warnings());
    }

    @Test
    void usageListsRequiredArgumentsFirstWithAStar() {
        assertEquals("/tool demo_add {json} a*, b*", tool("demo_add").usage());
        assertEquals("/tool demo_echo {json} message*, repeat", tool("demo_echo").usage());
        assertEquals("/tool demo_pid {json}", tool("demo_pid").usage());
    }

    @Test
    void descriptionFallsBackToTheTitle() {
        assertEquals("Add two integers.", tool("demo_add").description());
        assertEquals("Fail on purpose", tool("demo_fail").description());
    }

    @Test
    void theSchemaIsTheInputSchemaAsCompactJson() {
        assertEquals("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"},\"b\":{\"type\":\"integer\"}},"
                + "\"required\":[\"a\",\"b\"]}", tool("demo_add").parametersSchema().orElseThrow());
    }

    @Test
    void aCallWithArgumentsReturnsTheTextItems() throws Exception {
        assertEquals("5", call("demo_add", "{\"a\": 2, \"b\": 3}"));
    }

    @Test
    void toolCommandTextThatIsAJsonObjectIsTheArguments() throws Exception {
        assertEquals("hello", tool("demo_echo").run(new ToolInvocation("demo_echo", "{\"message\":\"hello\"}", "rp-1"), null));
    }

    @Test
    void toolCommandTextThatIsNotAJsonObjectIsRejected() {
        ToolException e = assertThrows(ToolException.class,
                () -> tool("demo_echo").run(new ToolInvocation("demo_echo", "hello", "rp-1"), null));
        assertEquals("arguments must be a JSON object", e.getMessage());
    }

    @Test
    void anErrorResultIsAToolFailureWithItsText() {
        ToolException e = assertThrows(ToolException.class, () -> call("demo_fail", "{}"));
        assertEquals("it failed on purpose", e.getMessage());
    }

    @Test
    void otherItemsAreOmittedAndEmbeddedTextResourcesContributeTheirText() throws Exception {
        assertEquals("first\n[image omitted]\nresource text", call("demo_mixed", "{}"));
    }

    @Test
    void structuredContentAloneIsShownAsCompactJson() throws Exception {
        assertEquals("{\"answer\":42}", call("demo_structured", "{}"));
    }

    @Test
    void stderrLinesBecomeWarnLinesCutAt200Characters() throws Exception {
        call("demo_stderr", "{}");
        String expected = "mcp demo: " + "x".repeat(200);
        for (int i = 0; i < 50 && !context.warnings.contains(expected); i++) {
            Thread.sleep(100);
        }
        assertTrue(context.warnings.contains(expected), context.warnings.toString());
    }

    @Test
    void theChildEnvironmentHoldsOnlyTheMinimalInheritedSetAndTheConfiguredEnv() throws Exception {
        Set<String> names = new TreeSet<>();
        for (String line : call("demo_env", "{}").split("\n")) {
            names.add(line.substring(0, line.indexOf('=')));
        }
        Set<String> allowed = new TreeSet<>(ChildProcess.INHERITED);
        allowed.addAll(Set.of("DEMO_SETTING", "FROM_DOTENV"));
        assertTrue(allowed.containsAll(names), "unexpected variables: " + names);
        assertTrue(call("demo_env", "{}").contains("FROM_DOTENV=dotenv-value"));
        assertTrue(call("demo_env", "{}").contains("DEMO_SETTING=configured"));
        assertFalse(names.stream().anyMatch(name -> name.startsWith("RUSTY_PINCH_")));
    }

    @Test
    void aListChangedNotificationRefreshesTheTools() throws Exception {
        call("demo_grow", "{}");
        boolean found = false;
        for (int i = 0; i < 100 && !found; i++) {
            found = source.tools().tools().stream().anyMatch(tool -> tool.name().equals("demo_extra"));
            if (!found) {
                Thread.sleep(100);
            }
        }
        assertTrue(found, "demo_extra never appeared");
    }

    /**
     * What agent mode (SPEC §18, on another branch) does with an MCP tool, through the API only: the tool is offered
     * as a {@link ToolSpec} with its schema, and the model's {@link ChatToolCall} arguments go to {@code runJson}.
     */
    @Test
    void aModelToolCallRunsThroughTheApi() throws Exception {
        Tool add = tool("demo_add");
        ToolSpec offered = new ToolSpec(add.name(), add.description(), add.parametersSchema().orElseThrow());
        ChatToolCall call = new ChatToolCall("call_1", offered.name(), "{\"a\":40,\"b\":2}");

        String result = add.runJson(new JsonToolInvocation(call.name(), call.arguments(), "rp-agent-1"), null);

        assertEquals("42", result);
    }
}
