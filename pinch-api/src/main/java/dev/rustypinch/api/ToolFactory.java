package dev.rustypinch.api;

import java.util.List;

/**
 * A stateless factory registered through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.rustypinch.api.ToolFactory}) for one tool. Needs a public
 * no-argument constructor that does no I/O.
 */
public interface ToolFactory {
    /** The tool name: {@code [a-z0-9_-]}, 1 to 64 characters. */
    String toolName();

    /** Settings read through {@link PluginContext#config()}. */
    default List<ConfigKey> configKeys() {
        return List.of();
    }

    /** Creates the tool once per process, with the plugin's class loader as context class loader. */
    Tool create(PluginContext context);
}
