package dev.rustypinch.runtime.cli;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.DoctorReport;
import dev.rustypinch.runtime.app.Application;
import dev.rustypinch.runtime.plugin.LoadedPlugin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.LoggerFactory;

/**
 * What the loaded plugins' run-time tool sources add to {@code doctor} (API 1.1): their lines after the agent lines,
 * their warnings at position 20 of SPEC §4's order, and the tool name prefixes they may contribute. Reads
 * configuration only (a source's {@code doctor} never starts anything).
 *
 * <p>SPEC §4 and §19.1 make some lines part of {@code doctor} whether or not a plugin reports them
 * ({@code mcp_servers: 0} without {@code pinch-tools-mcp}): {@link #ALWAYS_PRESENT} holds those keys with their
 * value when no loaded source reports them. A source's line with such a key replaces the default in place; its other
 * lines follow in plugin and source name order.
 *
 * @param lines            {@code <key>: <value>} lines in print order
 * @param warnings         warning texts without the {@code - } prefix
 * @param toolNamePrefixes prefixes of tool names the sources may contribute at run time
 */
public record ToolSourceDoctor(List<String> lines, List<String> warnings, List<String> toolNamePrefixes) {
    /** Keys SPEC §4 always prints, with their value when no loaded source reports them. */
    static final Map<String, String> ALWAYS_PRESENT = Map.of("mcp_servers", "0");

    public ToolSourceDoctor {
        lines = List.copyOf(requireNonNull(lines, "lines is null"));
        warnings = List.copyOf(requireNonNull(warnings, "warnings is null"));
        toolNamePrefixes = List.copyOf(requireNonNull(toolNamePrefixes, "toolNamePrefixes is null"));
    }

    /** Asks every loaded plugin's tool source factories; a factory that fails is logged and adds nothing. */
    public static ToolSourceDoctor collect(Application app) {
        List<DoctorReport> reports = new ArrayList<>();
        for (LoadedPlugin plugin : app.plugins().loaded()) {
            if (plugin.toolSourceNames().isEmpty()) {
                continue;
            }
            try {
                reports.addAll(plugin.toolSourceDoctorReports(app.pluginContext(plugin)));
            } catch (RuntimeException | LinkageError e) {
                LoggerFactory.getLogger(ToolSourceDoctor.class).warn("plugin '{}' failed to report to doctor: {}: {}",
                        plugin.name(), e.getClass().getSimpleName(), e.getMessage());
            }
        }
        return of(reports);
    }

    /** Merges reports in order with the {@link #ALWAYS_PRESENT} defaults. */
    static ToolSourceDoctor of(List<DoctorReport> reports) {
        Map<String, String> byKey = new LinkedHashMap<>();
        new TreeMap<>(ALWAYS_PRESENT).forEach((key, value) -> byKey.put(key, key + ": " + value));
        List<String> extra = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        for (DoctorReport report : reports) {
            for (String line : report.lines()) {
                int colon = line.indexOf(": ");
                String key = colon < 0 ? line : line.substring(0, colon);
                if (byKey.containsKey(key) && ALWAYS_PRESENT.containsKey(key)) {
                    byKey.put(key, line);
                } else {
                    extra.add(line);
                }
            }
            warnings.addAll(report.warnings());
            prefixes.addAll(report.toolNamePrefixes());
        }
        List<String> lines = new ArrayList<>(byKey.values());
        lines.addAll(extra);
        return new ToolSourceDoctor(lines, warnings, prefixes);
    }
}
