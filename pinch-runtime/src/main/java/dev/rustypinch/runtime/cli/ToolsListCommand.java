package dev.rustypinch.runtime.cli;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.Tool;
import dev.rustypinch.runtime.app.Application;
import dev.rustypinch.runtime.turn.RunTimeTools;
import java.util.SortedMap;

/** {@code tools list} (SPEC §9.5): static and discovered tools (§19.2), a {@code WARN} line per unavailable part. */
public final class ToolsListCommand {
    private final Application app;

    public ToolsListCommand(Application app) {
        this.app = requireNonNull(app, "app is null");
    }

    public int execute() {
        RunTimeTools.Listing listing = app.runTimeTools().list();
        StringBuilder warnings = new StringBuilder();
        listing.warnings().forEach(warning -> warnings.append("WARN ").append(warning).append('\n'));
        app.err().print(warnings);
        SortedMap<String, Tool> tools = listing.tools();
        if (tools.isEmpty()) {
            app.out().print("no tools loaded; see 'rusty-pinch plugins list'\n");
            return 0;
        }
        StringBuilder text = new StringBuilder();
        for (Tool tool : tools.values()) {
            text.append(tool.name()).append(" - ").append(tool.description()).append('\n')
                    .append("  usage: ").append(tool.usage()).append('\n');
        }
        app.out().print(text);
        return 0;
    }
}
