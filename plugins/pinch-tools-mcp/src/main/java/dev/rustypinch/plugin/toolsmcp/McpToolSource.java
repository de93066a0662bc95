package dev.rustypinch.plugin.toolsmcp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rustypinch.api.DiscoveredTools;
import dev.rustypinch.api.PluginContext;
import dev.rustypinch.api.Tool;
import dev.rustypinch.api.ToolSource;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The configured MCP servers as one tool source (SPEC §19): servers connect lazily and in parallel, each server's
 * tools become {@link McpTool}s named per §19.2 in server name order, and every unavailable part is a warning.
 */
final class McpToolSource implements ToolSource {
    static final Duration CLOSE_GUARD = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final McpConfig config;
    private final PluginContext context;
    private final Map<String, String> processEnv;
    private final LongSupplier nanoClock;
    private final Map<String, Adapted> adapted = new ConcurrentHashMap<>();
    private List<ServerConnection> connections;
    private boolean closed;

    /** A server's tool list as received and its adapters, rebuilt only when the list changes. */
    private record Adapted(List<McpSchema.Tool> source, List<McpTool> tools) {
    }

    McpToolSource(McpConfig config, PluginContext context, Map<String, String> processEnv, LongSupplier nanoClock) {
        this.config = requireNonNull(config, "config is null");
        this.context = requireNonNull(context, "context is null");
        this.processEnv = Map.copyOf(requireNonNull(processEnv, "processEnv is null"));
        this.nanoClock = requireNonNull(nanoClock, "nanoClock is null");
    }

    private synchronized List<ServerConnection> connections() {
        if (connections == null) {
            List<ServerConnection> created = new ArrayList<>();
            config.servers().values().forEach(spec -> created.add(new ServerConnection(spec, processEnv,
                    context::warn, context.runtimeVersion(), nanoClock)));
            connections = List.copyOf(created);
        }
        return closed ? List.of() : connections;
    }

    @Override
    public void connectInBackground() {
        connections().forEach(ServerConnection::connectAsync);
    }

    @Override
    public DiscoveredTools tools() {
        List<ServerConnection> servers = connections();
        servers.forEach(ServerConnection::connectAsync);
        List<String> warnings = new ArrayList<>(configWarnings());
        Map<String, Tool> byName = new LinkedHashMap<>();
        for (ServerConnection server : servers) {
            List<McpTool> tools;
            try {
                tools = adapt(server, server.tools());
            } catch (ServerConnection.Unavailable e) {
                warnings.add("MCP server '" + server.name() + "' unavailable: " + e.getMessage());
                continue;
            }
            for (McpTool tool : tools) {
                if (byName.putIfAbsent(tool.name(), tool) != null) {
                    warnings.add("MCP tool '" + tool.name() + "' of server '" + server.name()
                            + "' skipped: an earlier server already has a tool of that name");
                }
            }
        }
        return new DiscoveredTools(new ArrayList<>(byName.values()), warnings);
    }

    private List<String> configWarnings() {
        List<String> warnings = new ArrayList<>();
        config.fileProblem().ifPresent(problem -> warnings.add("MCP config " + config.configuredPath() + ": " + problem));
        config.serverProblems().forEach((name, problems) ->
                warnings.add("MCP server '" + name + "' unavailable: " + String.join("; ", problems)));
        return warnings;
    }

    private List<McpTool> adapt(ServerConnection server, List<McpSchema.Tool> tools) {
        Adapted cached = adapted.get(server.name());
        if (cached != null && cached.source() == tools) {
            return cached.tools();
        }
        List<McpTool> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (McpSchema.Tool tool : tools) {
            String name = ToolNames.toolName(server.name(), tool.name());
            if (!seen.add(name)) {
                context.warn("MCP tool '" + tool.name() + "' of server '" + server.name() + "' skipped: its name '"
                        + name + "' is already taken on that server");
                continue;
            }
            Map<String, Object> inputSchema = tool.inputSchema() == null ? Map.of("type", "object") : tool.inputSchema();
            result.add(new McpTool(name, tool.name(),
                    ToolNames.description(server.name(), tool.name(), tool.description(), tool.title()),
                    ToolNames.usage(name, inputSchema), compact(inputSchema), server));
        }
        adapted.put(server.name(), new Adapted(tools, List.copyOf(result)));
        return result;
    }

    private static String compact(Map<String, Object> schema) {
        try {
            return JSON.writeValueAsString(schema);
        } catch (JsonProcessingException e) {
            return "{\"type\":\"object\"}";
        }
    }

    /**
     * Ends every server (its child's process tree, then its client), all in parallel: about 2 s. The wait is capped
     * at {@link #CLOSE_GUARD} only against a hang; on a busy machine the 1 s + 1 s escalation may take longer than
     * 2 s, and cutting it short would leave the SIGKILL unsent when the JVM exits.
     */
    @Override
    public void close() {
        List<ServerConnection> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = connections == null ? List.of() : connections;
        }
        List<Thread> closers = new ArrayList<>();
        for (ServerConnection server : toClose) {
            Thread closer = new Thread(server::close, "mcp-" + server.name() + "-close");
            closer.setDaemon(true);
            closer.start();
            closers.add(closer);
        }
        long deadline = System.nanoTime() + CLOSE_GUARD.toNanos();
        for (Thread closer : closers) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return;
            }
            try {
                closer.join(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
