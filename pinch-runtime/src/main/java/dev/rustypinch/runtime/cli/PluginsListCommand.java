package dev.rustypinch.runtime.cli;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.runtime.app.Application;
import dev.rustypinch.runtime.plugin.PluginListing;

/** {@code plugins list} (SPEC §15.6): exit 0 even with failures. */
public final class PluginsListCommand {
    private final Application app;

    public PluginsListCommand(Application app) {
        this.app = requireNonNull(app, "app is null");
    }

    public int execute() {
        StringBuilder text = new StringBuilder();
        PluginListing.pluginsListLines(app.plugins()).forEach(line -> text.append(line).append('\n'));
        app.out().print(text);
        return 0;
    }
}
