package dev.rustypinch.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One chat-completion message.
 *
 * <p>API 1.1 adds the two message shapes of a tool-calling loop (SPEC §18.3): an {@code assistant}
 * message that carries {@link #toolCalls()} (its {@link #content()} may then be {@code null}), and a
 * {@code tool} message that answers one call ({@link #toolCallId()}). A provider that reports
 * {@link ChatProvider#supportsTools()} must send both; other providers never see them.
 *
 * @param role       {@code system}, {@code user}, {@code assistant} or (API 1.1) {@code tool}
 * @param content    the text; {@code null} only for an assistant message with tool calls
 * @param toolCalls  (API 1.1) the calls of an assistant message, in the order received; empty otherwise
 * @param toolCallId (API 1.1) the call a {@code tool} message answers; empty otherwise
 */
public record ChatMessage(String role, String content, List<ChatToolCall> toolCalls, Optional<String> toolCallId) {
    public ChatMessage {
        requireNonNull(role, "role is null");
        toolCalls = List.copyOf(requireNonNull(toolCalls, "toolCalls is null"));
        requireNonNull(toolCallId, "toolCallId is null");
        if (content == null && toolCalls.isEmpty()) {
            throw new NullPointerException("content is null");
        }
    }

    /** A plain message (API 1.0). */
    public ChatMessage(String role, String content) {
        this(role, requireNonNull(content, "content is null"), List.of(), Optional.empty());
    }

    /** (API 1.1) The assistant message that asked for {@code toolCalls}; {@code content} may be {@code null}. */
    public static ChatMessage assistantToolCalls(String content, List<ChatToolCall> toolCalls) {
        if (requireNonNull(toolCalls, "toolCalls is null").isEmpty()) {
            throw new IllegalArgumentException("toolCalls is empty");
        }
        return new ChatMessage("assistant", content, toolCalls, Optional.empty());
    }

    /** (API 1.1) The result of the call {@code toolCallId}. */
    public static ChatMessage toolResult(String toolCallId, String content) {
        return new ChatMessage("tool", requireNonNull(content, "content is null"), List.of(),
                Optional.of(requireNonNull(toolCallId, "toolCallId is null")));
    }
}
