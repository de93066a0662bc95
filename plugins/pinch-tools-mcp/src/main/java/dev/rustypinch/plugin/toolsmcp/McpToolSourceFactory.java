package dev.rustypinch.plugin.toolsmcp;

import dev.rustypinch.api.ConfigKey;
import dev.rustypinch.api.ConfigType;
import dev.rustypinch.api.DiscoveredTools;
import dev.rustypinch.api.DoctorReport;
import dev.rustypinch.api.PluginContext;
import dev.rustypinch.api.ToolSource;
import dev.rustypinch.api.ToolSourceFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Tool source {@code mcp} (SPEC §19). Without {@code RUSTY_PINCH_MCP_CONFIG} it contributes nothing and loads neither
 * the SDK nor a JSON parser, so commands stay as fast as without the plugin.
 */
public final class McpToolSourceFactory implements ToolSourceFactory {
    static final String CONFIG_KEY = "RUSTY_PINCH_MCP_CONFIG";
    private static final List<ConfigKey> KEYS = List.of(ConfigKey.optional(CONFIG_KEY, ConfigType.PATH, null,
            "MCP servers file in the common {\"mcpServers\": {...}} form; unset = no MCP servers"));

    @Override
    public String sourceName() {
        return "mcp";
    }

    @Override
    public List<ConfigKey> configKeys() {
        return KEYS;
    }

    /** {@code mcp_servers: <n>}, the file's and each server's problems, and a {@code <server>_} prefix per server. */
    @Override
    public DoctorReport doctor(PluginContext context) {
        Optional<McpConfig> config = config(context);
        if (config.isEmpty()) {
            return new DoctorReport(List.of("mcp_servers: 0"), List.of(), List.of());
        }
        McpConfig read = config.get();
        List<String> prefixes = read.servers().keySet().stream().map(name -> name + "_").toList();
        return new DoctorReport(List.of("mcp_servers: " + read.enabledEntries()), read.warnings(), prefixes);
    }

    @Override
    public ToolSource create(PluginContext context) {
        Optional<McpConfig> config = config(context);
        if (config.isEmpty()) {
            return () -> new DiscoveredTools(List.of(), List.of());
        }
        return new McpToolSource(config.get(), context, System.getenv(), System::nanoTime);
    }

    private static Optional<McpConfig> config(PluginContext context) {
        Optional<Path> path = context.config().path(CONFIG_KEY);
        return path.map(file -> McpConfig.read(file.toString(), file, context::environmentValue));
    }
}
