package dev.rustypinch.api;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One chat-completion call, built by the runtime (SPEC §8.2): the system message, the history
 * window, then the raw user input, in that order.
 *
 * @param model       the model name
 * @param messages    the messages in order
 * @param temperature the sampling temperature (0.2)
 */
public record ChatRequest(String model, List<ChatMessage> messages, double temperature) {
    public ChatRequest {
        requireNonNull(model, "model is null");
        messages = List.copyOf(requireNonNull(messages, "messages is null"));
    }
}
