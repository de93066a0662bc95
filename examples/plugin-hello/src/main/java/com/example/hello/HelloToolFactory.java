package com.example.hello;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rustypinch.api.PluginContext;
import dev.rustypinch.api.Tool;
import dev.rustypinch.api.ToolContext;
import dev.rustypinch.api.ToolException;
import dev.rustypinch.api.ToolFactory;
import dev.rustypinch.api.ToolInvocation;
import java.io.IOException;
import java.util.Optional;

/** {@code /tool hello {"name":"Ada"}}, or the model's call in agent mode: a greeting. */
public final class HelloToolFactory implements ToolFactory, Tool {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = "{\"properties\":{\"name\":{\"description\":\"Who to greet.\","
            + "\"type\":\"string\"}},\"required\":[\"name\"],\"type\":\"object\"}";

    @Override public String toolName() { return "hello"; }
    @Override public Tool create(PluginContext context) { return this; }
    @Override public String name() { return "hello"; }
    @Override public String description() { return "Greet someone by name."; }
    @Override public String usage() { return "/tool hello {\"name\":\"<who>\"}"; }
    @Override public Optional<String> parametersSchema() { return Optional.of(SCHEMA); }
    /** The arguments are a JSON object (the runtime sends {@code {}} for none; runJson lands here too). */
    @Override
    public String run(ToolInvocation call, ToolContext turn) throws ToolException {
        JsonNode name;
        try {
            name = JSON.readTree(call.args().isEmpty() ? "{}" : call.args()).path("name");
        } catch (IOException e) {
            throw new ToolException("arguments must be a JSON object");
        }
        if (!name.isTextual() || name.asText().isBlank()) {
            throw new ToolException("name must be a non-empty string");
        }
        return "Hello, " + name.asText() + "! (session " + turn.sessionId() + ", Jackson " + JSON.version() + ")";
    }
}
