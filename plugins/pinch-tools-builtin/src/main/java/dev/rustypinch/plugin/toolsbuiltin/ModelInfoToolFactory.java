package dev.rustypinch.plugin.toolsbuiltin;

import dev.rustypinch.api.PluginContext;
import dev.rustypinch.api.Tool;
import dev.rustypinch.api.ToolFactory;

/** Registers {@code model_info}. */
public final class ModelInfoToolFactory implements ToolFactory {
    @Override
    public String toolName() {
        return ModelInfoTool.NAME;
    }

    @Override
    public Tool create(PluginContext context) {
        return new ModelInfoTool();
    }
}
