package dev.rustypinch.runtime.plugin;

import java.util.ArrayList;
import java.util.List;

/** The text of {@code plugins list} (SPEC §15.6) and of the plugin parts of {@code doctor} (SPEC §4). */
public final class PluginListing {
    private PluginListing() {
    }

    /**
     * The lines of {@code plugins list}: one per plugin in {@link PluginRegistry#records()} order,
     * each followed by its notes ({@code   note: <note>}); {@code no plugins found in <dir>} when
     * there is none.
     */
    public static List<String> pluginsListLines(PluginRegistry registry) {
        if (registry.records().isEmpty()) {
            return List.of("no plugins found in " + registry.pluginsDir());
        }
        List<String> lines = new ArrayList<>();
        for (PluginRecord record : registry.records()) {
            lines.add(listLine(record));
            record.notes().forEach(note -> lines.add("  note: " + note));
        }
        return List.copyOf(lines);
    }

    /**
     * The doctor lines from {@code plugins: loaded=<n> failed=<n> disabled=<n>} on: {@code plugin:}
     * per loaded plugin, {@code plugin_disabled:} per disabled one, {@code plugin_error:} per failed
     * one, {@code plugin_note:} per note; each group sorted by name. The caller prints
     * {@code plugins_dir:} before them.
     */
    public static List<String> doctorLines(PluginRegistry registry) {
        List<PluginRecord> loaded = inState(registry, PluginState.LOADED);
        List<PluginRecord> disabled = inState(registry, PluginState.DISABLED);
        List<PluginRecord> failed = inState(registry, PluginState.FAILED);
        List<String> lines = new ArrayList<>();
        lines.add("plugins: loaded=" + loaded.size() + " failed=" + failed.size() + " disabled=" + disabled.size());
        for (PluginRecord record : loaded) {
            lines.add("plugin: " + record.id() + " " + record.version() + " api=" + record.apiVersion()
                    + " source=" + record.source());
        }
        for (PluginRecord record : disabled) {
            lines.add("plugin_disabled: " + record.id() + " source=" + record.source());
        }
        for (PluginRecord record : failed) {
            lines.add("plugin_error: " + record.id() + " source=" + record.source() + ": " + problems(record));
        }
        List<PluginRecord> withNotes = new ArrayList<>(registry.records());
        withNotes.sort(PluginRecord::compareByIdAndSource);
        for (PluginRecord record : withNotes) {
            record.notes().forEach(note -> lines.add("plugin_note: " + record.id() + ": " + note));
        }
        return List.copyOf(lines);
    }

    /**
     * Doctor warning 8 (SPEC §4), one per failed plugin sorted by id, without the leading
     * {@code - }: {@code Plugin '<id>' failed to load: <problems>}.
     */
    public static List<String> failureWarnings(PluginRegistry registry) {
        return inState(registry, PluginState.FAILED).stream()
                .map(record -> "Plugin '" + record.id() + "' failed to load: " + problems(record))
                .toList();
    }

    private static String listLine(PluginRecord record) {
        String described = record.id() + " " + record.version() + " api=" + record.apiVersion()
                + " source=" + record.source();
        return switch (record.state()) {
            case LOADED -> described + " providers=" + names(record.providers())
                    + " channels=" + names(record.channels()) + " tools=" + names(record.tools());
            case DISABLED -> described + " disabled";
            case FAILED -> record.id() + " source=" + record.source() + " FAILED: " + problems(record)
                    + " (hint: " + record.hint() + ")";
        };
    }

    private static List<PluginRecord> inState(PluginRegistry registry, PluginState state) {
        return registry.records().stream()
                .filter(record -> record.state() == state)
                .sorted(PluginRecord::compareByIdAndSource)
                .toList();
    }

    private static String names(List<String> names) {
        return names.isEmpty() ? "-" : String.join(",", names);
    }

    private static String problems(PluginRecord record) {
        return String.join("; ", record.problems());
    }
}
