package dev.rustypinch.plugin.toolsbuiltin;

import dev.rustypinch.api.JsonToolInvocation;
import dev.rustypinch.api.Tool;
import dev.rustypinch.api.ToolContext;
import dev.rustypinch.api.ToolException;
import dev.rustypinch.api.ToolInvocation;
import java.util.Optional;

/** {@code /tool model_info}: the configured provider, model and the raw session id. */
final class ModelInfoTool implements Tool {
    static final String NAME = "model_info";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Show current runtime provider/model info.";
    }

    @Override
    public String usage() {
        return "/tool model_info";
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
            throw new ToolException("model_info takes no arguments");
        }
        return "provider=" + context.provider() + "\nmodel=" + context.model() + "\nsession_id=" + context.sessionId();
    }
}
