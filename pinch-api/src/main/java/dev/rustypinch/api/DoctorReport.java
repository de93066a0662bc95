package dev.rustypinch.api;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * (API 1.1) A plugin's contribution to {@code doctor}.
 *
 * @param lines            {@code <key>: <value>} lines, printed in this order after the runtime's own
 *                         added lines
 * @param warnings         warning texts (without the {@code - } prefix), in this order
 * @param toolNamePrefixes prefixes of the tool names the plugin may contribute at run time (e.g.
 *                         {@code files_} for an MCP server {@code files}), so {@code doctor} does not
 *                         call such names in {@code RUSTY_PINCH_AGENT_TOOLS} unknown
 */
public record DoctorReport(List<String> lines, List<String> warnings, List<String> toolNamePrefixes) {
    /** Nothing to add. */
    public static final DoctorReport EMPTY = new DoctorReport(List.of(), List.of(), List.of());

    public DoctorReport {
        lines = List.copyOf(requireNonNull(lines, "lines is null"));
        warnings = List.copyOf(requireNonNull(warnings, "warnings is null"));
        toolNamePrefixes = List.copyOf(requireNonNull(toolNamePrefixes, "toolNamePrefixes is null"));
    }
}
