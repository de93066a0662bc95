package dev.rustypinch.plugin.toolsbuiltin;

import dev.rustypinch.api.JsonToolInvocation;
import dev.rustypinch.api.Timestamps;
import dev.rustypinch.api.Tool;
import dev.rustypinch.api.ToolContext;
import dev.rustypinch.api.ToolException;
import dev.rustypinch.api.ToolInvocation;
import java.util.Optional;

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
    public Optional<String> parametersSchema() {
        return Optional.of(ObjectArguments.NO_PARAMETERS);
    }

    @Override
    public String runJson(JsonToolInvocation invocation, ToolContext context) throws ToolException {
        if (!ObjectArguments.parse(invocation.arguments()).isEmpty()) {
            throw new ToolException(NAME + " takes no arguments");
        }
        return run(new ToolInvocation(invocation.name(), "", invocation.requestId()), context);
    }

    @Override
    public String run(ToolInvocation invocation, ToolContext context) throws ToolException {
        if (!invocation.args().isEmpty()) {
            throw new ToolException("time_now takes no arguments");
        }
        return Timestamps.format(context.clock().instant());
    }
}
