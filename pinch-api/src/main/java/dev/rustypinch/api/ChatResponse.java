package dev.rustypinch.api;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A successful completion.
 *
 * @param content   the reply text, already extracted and trimmed per SPEC §8.3; never blank when
 *                  there are no tool calls. With tool calls (API 1.1) it may be {@code null} or
 *                  blank (SPEC §18.4).
 * @param toolCalls (API 1.1) the tool calls the model asked for, in order; empty for a final answer
 */
public record ChatResponse(String content, List<ChatToolCall> toolCalls) {
    public ChatResponse {
        toolCalls = List.copyOf(requireNonNull(toolCalls, "toolCalls is null"));
        if (toolCalls.isEmpty()) {
            requireNonNull(content, "content is null");
            if (content.isBlank()) {
                throw new IllegalArgumentException("content is blank");
            }
        }
    }

    /** A final answer (API 1.0). */
    public ChatResponse(String content) {
        this(content, List.of());
    }

    /** (API 1.1) Whether the model asked for tool calls instead of (or besides) answering. */
    public boolean hasToolCalls() {
        return !toolCalls.isEmpty();
    }
}
