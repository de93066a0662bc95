package dev.rustypinch.runtime.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolGuardrailsTest {
    private static final List<String> TOOLS = List.of("model_info", "session_tail", "time_now");

    private static Optional<String> check(String name, String args) {
        return ToolGuardrails.check(new ToolCommand(name, args), TOOLS);
    }

    @Test
    void emptyNameIsRejectedFirst() {
        assertEquals(Optional.of("tool command missing name. usage: /tool <name> [args]"), check("", "\n"));
    }

    @Test
    void namesOverSixtyFourCodePointsAreRejected() {
        assertEquals(Optional.of("unknown tool '" + "a".repeat(64) + "'. available: model_info, session_tail, time_now"),
                check("a".repeat(64), ""));
        assertEquals(Optional.of("tool name too long (max 64 characters)"), check("a".repeat(65), ""));
        assertEquals(Optional.of("tool name too long (max 64 characters)"), check("\uD83D\uDE00".repeat(65), ""));
    }

    @Test
    void invalidCharactersAreRejectedWithTheName() {
        assertEquals(Optional.of("invalid tool name 'model;info'. allowed chars: a-z, 0-9, '_' and '-'"), check("model;info", ""));
        assertEquals(Optional.of("invalid tool name 'Model'. allowed chars: a-z, 0-9, '_' and '-'"), check("Model", ""));
    }

    @Test
    void argsOverFiveHundredTwelveCodePointsAreRejected() {
        assertEquals(Optional.of("tool args too long (max 512 characters)"), check("session_tail", "\u00E9".repeat(513)));
        assertEquals(Optional.empty(), check("session_tail", "\u00E9".repeat(512)));
    }

    @Test
    void controlCharactersInArgsAreRejected() {
        String message = "tool args contain control characters, which are not allowed";
        assertEquals(Optional.of(message), check("session_tail", "5\n6"));
        assertEquals(Optional.of(message), check("session_tail", "5\t6"));
        assertEquals(Optional.of(message), check("session_tail", "5\u0085"));
        assertEquals(Optional.of(message), check("session_tail", "\u007F"));
    }

    @Test
    void unknownToolsListTheSortedNames() {
        assertEquals(Optional.of("unknown tool 'nope'. available: model_info, session_tail, time_now"), check("nope", ""));
    }

    @Test
    void rulesApplyInOrder() {
        assertEquals(Optional.of("tool name too long (max 64 characters)"), check("A".repeat(65), "\n"));
        assertEquals(Optional.of("invalid tool name 'A'. allowed chars: a-z, 0-9, '_' and '-'"), check("A", "x".repeat(600)));
        assertEquals(Optional.of("tool args too long (max 512 characters)"), check("nope", "\n".repeat(513)));
    }
}
