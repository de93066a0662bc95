package dev.rustypinch.runtime.turn;

import dev.rustypinch.api.ChatResponse;
import java.util.Optional;

/**
 * Whether the agent loop goes on after a model call (SPEC §18.3–§18.4): a response without tool calls is the answer;
 * tool calls are run while rounds remain; the last round is sent with {@code tool_choice} {@code none}, and tool calls in
 * its response mean the model gave no final answer.
 */
final class RoundPolicy {
    /** What follows a model call. */
    enum Next {
        /** The response's content is the reply. */
        ANSWER,
        /** Run the calls and ask the model again. */
        RUN_TOOLS,
        /** Tool calls in the last round: the turn fails. */
        NO_FINAL_ANSWER
    }

    private static final String NO_TOOLS = "none";

    private final int maxRounds;

    RoundPolicy(int maxRounds) {
        if (maxRounds < 1) {
            throw new IllegalArgumentException("maxRounds must be >= 1, got " + maxRounds);
        }
        this.maxRounds = maxRounds;
    }

    /** The {@code tool_choice} of round {@code round} (1-based): {@code none} on the last round. */
    Optional<String> toolChoice(int round) {
        return round >= maxRounds ? Optional.of(NO_TOOLS) : Optional.empty();
    }

    /** What follows the response of round {@code round} (1-based). */
    Next after(int round, ChatResponse response) {
        if (!response.hasToolCalls()) {
            return Next.ANSWER;
        }
        return round >= maxRounds ? Next.NO_FINAL_ANSWER : Next.RUN_TOOLS;
    }
}
