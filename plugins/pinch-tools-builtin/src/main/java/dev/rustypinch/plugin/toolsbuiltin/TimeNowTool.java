package dev.rustypinch.plugin.toolsbuiltin;

import dev.rustypinch.api.Timestamps;
import dev.rustypinch.api.Tool;
import dev.rustypinch.api.ToolContext;
import dev.rustypinch.api.ToolException;
import dev.rustypinch.api.ToolInvocation;

/** {@code /tool time_now}: the current UTC time in the SPEC's timestamp format. */
final class TimeNowTool implements Tool {
    static final String NAME = "time_now";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Show current UTC timestamp in RFC3339.";
    }

    @Override
    public String usage() {
        return "/tool time_now";
    }

    @Override
    public String run(ToolInvocation invocation, ToolContext context) throws ToolException {
        if (!invocation.args().isEmpty()) {
            throw new ToolException("time_now takes no arguments");
        }
        return Timestamps.format(context.clock().instant());
    }
}
