package dev.rustypinch.api;

import java.util.List;

/**
 * (API 1.1) A stateless factory registered through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.rustypinch.api.ToolSourceFactory}) for a source of tools that are
 * discovered at run time, such as the tools of MCP servers (SPEC §19). Needs a public no-argument
 * constructor that does no I/O. Its tools are not listed in {@code plugins list} ({@code tools=}
 * shows static tools only); they appear in {@code tools list}, {@code /tool} and agent mode.
 */
public interface ToolSourceFactory {
    /** A short lowercase name of the source, e.g. {@code mcp}. */
    String sourceName();

    /** Settings read through {@link PluginContext#config()}. */
    default List<ConfigKey> configKeys() {
        return List.of();
    }

    /**
     * What {@code doctor} shows for this source, from its configuration only: it never starts or
     * contacts anything. Called with the plugin's class loader as the thread context class loader.
     */
    default DoctorReport doctor(PluginContext context) {
        return DoctorReport.EMPTY;
    }

    /**
     * Creates the source once per process. Reads configuration only; nothing is started until
     * {@link ToolSource#tools()} or {@link ToolSource#connectInBackground()} is called.
     */
    ToolSource create(PluginContext context);
}
