package dev.rustypinch.api;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * (API 1.1) What a {@link ToolSource} offers right now.
 *
 * @param tools    the available tools, in the source's order
 * @param warnings one plain sentence per unavailable part, e.g.
 *                 {@code MCP server 'files' unavailable: timed out after 30 s}
 */
public record DiscoveredTools(List<Tool> tools, List<String> warnings) {
    public DiscoveredTools {
        tools = List.copyOf(requireNonNull(tools, "tools is null"));
        warnings = List.copyOf(requireNonNull(warnings, "warnings is null"));
    }
}
