package dev.rustypinch.plugin.toolsbuiltin;

import dev.rustypinch.api.PluginContext;
import dev.rustypinch.api.Tool;
import dev.rustypinch.api.ToolFactory;

/** Registers {@code time_now}. */
public final class TimeNowToolFactory implements ToolFactory {
    @Override
    public String toolName() {
        return TimeNowTool.NAME;
    }

    @Override
    public Tool create(PluginContext context) {
        return new TimeNowTool();
    }
}
