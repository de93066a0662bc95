package dev.rustypinch.plugin.toolsmcp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rustypinch.api.JsonToolInvocation;
import dev.rustypinch.api.Tool;
import dev.rustypinch.api.ToolContext;
import dev.rustypinch.api.ToolException;
import dev.rustypinch.api.ToolInvocation;
import java.util.Map;
import java.util.Optional;

/** One tool of one MCP server (SPEC §19.2, §19.4): a schema tool whose calls become {@code tools/call}. */
final class McpTool implements Tool {
    static final String NOT_AN_OBJECT = "arguments must be a JSON object";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    private final String name;
    private final String serverToolName;
    private final String description;
    private final String usage;
    private final String schema;
    private final ServerConnection server;

    /**
     * @param name           the tool name as offered ({@code <server>_<tool>}, §19.2)
     * @param serverToolName the tool's own name on the server
     * @param schema         its {@code inputSchema} as compact JSON
     */
    McpTool(String name, String serverToolName, String description, String usage, String schema,
            ServerConnection server) {
        this.name = requireNonNull(name, "name is null");
        this.serverToolName = requireNonNull(serverToolName, "serverToolName is null");
        this.description = requireNonNull(description, "description is null");
        this.usage = requireNonNull(usage, "usage is null");
        this.schema = requireNonNull(schema, "schema is null");
        this.server = requireNonNull(server, "server is null");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String usage() {
        return usage;
    }

    @Override
    public Optional<String> parametersSchema() {
        return Optional.of(schema);
    }

    /** {@code /tool <name> <text>}: the text must be a JSON object (empty = {@code {}}). */
    @Override
    public String run(ToolInvocation invocation, ToolContext context) throws ToolException {
        return call(invocation.args().isBlank() ? "{}" : invocation.args());
    }

    @Override
    public String runJson(JsonToolInvocation invocation, ToolContext context) throws ToolException {
        return call(invocation.arguments());
    }

    private String call(String argumentsJson) throws ToolException {
        return server.call(serverToolName, arguments(argumentsJson));
    }

    static Map<String, Object> arguments(String text) throws ToolException {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ToolException(NOT_AN_OBJECT);
        }
        if (node == null || !node.isObject()) {
            throw new ToolException(NOT_AN_OBJECT);
        }
        return JSON.convertValue(node, OBJECT);
    }

    @Override
    public String toString() {
        return "McpTool[" + name + "]";
    }
}
