package dev.rustypinch.api;

import java.util.Optional;

/**
 * A deterministic local command run by {@code /tool <name> [args]} without the model. The runtime
 * enforces the guardrails (SPEC §9.2) before calling {@link #run}, prefixes the output with
 * {@code [tool:<name>]\n}, and records the turn. Implementations are thread safe.
 */
public interface Tool {
    /** The name, matching the factory's {@link ToolFactory#toolName()}. */
    String name();

    /** One line for {@code tools list}, e.g. {@code Show current UTC timestamp in RFC3339.} */
    String description();

    /** The usage line for {@code tools list}, e.g. {@code /tool session_tail [count]}. */
    String usage();

    /**
     * Runs the tool, with the plugin's class loader as the thread context class loader.
     *
     * @return the output (without the {@code [tool:<name>]} prefix)
     * @throws ToolException with the reason the user sees
     */
    String run(ToolInvocation invocation, ToolContext context) throws ToolException;

    /**
     * (API 1.1) The JSON Schema object of the tool's parameters, as compact JSON text, e.g.
     * {@code {"properties":{"count":{"type":"integer"}},"type":"object"}}. Sent to the model as
     * declared. Empty (every API 1.0 tool) = a text tool, offered with a single {@code args} string
     * (SPEC §18.2).
     */
    default Optional<String> parametersSchema() {
        return Optional.empty();
    }

    /**
     * (API 1.1) Runs the tool with JSON object arguments: a model's call, or {@code /tool <name> {json}}.
     * Called only for a tool that declares a {@link #parametersSchema()}; the runtime has checked that
     * the arguments are a JSON object. The default hands the JSON text to {@link #run} as its args,
     * which suits a tool that parses its args as JSON anyway.
     *
     * @return the output (without the {@code [tool:<name>]} prefix)
     * @throws ToolException with the reason the user (or the model) sees
     */
    default String runJson(JsonToolInvocation invocation, ToolContext context) throws ToolException {
        return run(new ToolInvocation(invocation.name(), invocation.arguments(), invocation.requestId()), context);
    }
}
