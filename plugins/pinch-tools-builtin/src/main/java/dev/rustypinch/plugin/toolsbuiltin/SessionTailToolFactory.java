package dev.rustypinch.plugin.toolsbuiltin;

import dev.rustypinch.api.PluginContext;
import dev.rustypinch.api.Tool;
import dev.rustypinch.api.ToolFactory;

/** Registers {@code session_tail}. */
public final class SessionTailToolFactory implements ToolFactory {
    @Override
    public String toolName() {
        return SessionTailTool.NAME;
    }

    @Override
    public Tool create(PluginContext context) {
        return new SessionTailTool();
    }
}
