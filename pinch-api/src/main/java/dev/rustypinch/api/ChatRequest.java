package dev.rustypinch.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One chat-completion call, built by the runtime (SPEC §8.2): the system message, the history
 * window, then the raw user input, in that order; in agent mode (API 1.1, SPEC §18.3) followed by
 * the earlier rounds' assistant and tool messages.
 *
 * @param model       the model name
 * @param messages    the messages in order
 * @param temperature the sampling temperature (0.2)
 * @param tools       (API 1.1) the tools offered, in name order; empty = send no {@code tools} key
 * @param toolChoice  (API 1.1) the {@code tool_choice} value to send (e.g. {@code none} on the last
 *                    round); empty = send no {@code tool_choice} key
 */
public record ChatRequest(String model, List<ChatMessage> messages, double temperature, List<ToolSpec> tools,
                          Optional<String> toolChoice) {
    public ChatRequest {
        requireNonNull(model, "model is null");
        messages = List.copyOf(requireNonNull(messages, "messages is null"));
        tools = List.copyOf(requireNonNull(tools, "tools is null"));
        requireNonNull(toolChoice, "toolChoice is null");
    }

    /** A request without tools (API 1.0). */
    public ChatRequest(String model, List<ChatMessage> messages, double temperature) {
        this(model, messages, temperature, List.of(), Optional.empty());
    }
}
