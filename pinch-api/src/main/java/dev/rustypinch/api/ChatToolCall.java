package dev.rustypinch.api;

import static java.util.Objects.requireNonNull;

/**
 * A tool call the model asked for in a response (API 1.1, SPEC §18.4), carried back unchanged in
 * the assistant message of the next round.
 *
 * @param id        the call id chosen by the model, echoed in the {@code tool} message's {@code tool_call_id}
 * @param name      the tool name as the model wrote it (the runtime checks it is offered)
 * @param arguments the arguments exactly as received: a string that should hold a JSON object
 *                  ({@code ""} is read as {@code {}}); not validated here
 */
public record ChatToolCall(String id, String name, String arguments) {
    public ChatToolCall {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(arguments, "arguments is null");
    }
}
