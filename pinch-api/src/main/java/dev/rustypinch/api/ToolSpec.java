package dev.rustypinch.api;

import static java.util.Objects.requireNonNull;

/**
 * A tool offered to the model in a {@link ChatRequest} (API 1.1, SPEC §18.3).
 *
 * @param name             the tool name
 * @param description      its description
 * @param parametersSchema the JSON Schema object of its parameters as compact JSON text, sent as
 *                         declared (key order kept)
 */
public record ToolSpec(String name, String description, String parametersSchema) {
    public ToolSpec {
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(parametersSchema, "parametersSchema is null");
    }
}
