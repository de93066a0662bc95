package dev.rustypinch.api;

import static java.util.Objects.requireNonNull;

/**
 * (API 1.1) A call of a tool that declares a {@link Tool#parametersSchema()}, with JSON arguments.
 *
 * @param name      the tool name
 * @param arguments a JSON object as text (checked by the runtime to be an object; at most 65536
 *                  characters for a model's call; may contain whitespace and escapes)
 * @param requestId the turn's request id
 */
public record JsonToolInvocation(String name, String arguments, String requestId) {
    public JsonToolInvocation {
        requireNonNull(name, "name is null");
        requireNonNull(arguments, "arguments is null");
        requireNonNull(requestId, "requestId is null");
    }
}
