package dev.rustypinch.runtime.turn;

import java.util.Collection;
import java.util.Optional;

/** The tool guardrails of SPEC §9.2, rules 1–6, checked in order before a tool runs. */
public final class ToolGuardrails {
    static final int MAX_NAME_LENGTH = 64;
    static final int MAX_ARGS_LENGTH = 512;

    private ToolGuardrails() {
    }

    /**
     * @param availableNames the loaded tool names, sorted
     * @return the error message of the first rule broken, if any
     */
    public static Optional<String> check(ToolCommand command, Collection<String> availableNames) {
        String name = command.name();
        String args = command.args();
        if (name.isEmpty()) {
            return Optional.of("tool command missing name. usage: /tool <name> [args]");
        }
        if (codePoints(name) > MAX_NAME_LENGTH) {
            return Optional.of("tool name too long (max " + MAX_NAME_LENGTH + " characters)");
        }
        if (!isValidName(name)) {
            return Optional.of("invalid tool name '" + name + "'. allowed chars: a-z, 0-9, '_' and '-'");
        }
        Optional<String> argsProblem = checkArgs(args);
        if (argsProblem.isPresent()) {
            return argsProblem;
        }
        if (!availableNames.contains(name)) {
            return Optional.of("unknown tool '" + name + "'. available: " + String.join(", ", availableNames));
        }
        return Optional.empty();
    }

    /** Rules 4–5 alone: a text tool's args, from {@code /tool} or from a model's call (SPEC §18.5). */
    public static Optional<String> checkArgs(String args) {
        if (codePoints(args) > MAX_ARGS_LENGTH) {
            return Optional.of("tool args too long (max " + MAX_ARGS_LENGTH + " characters)");
        }
        if (args.codePoints().anyMatch(ToolGuardrails::isControl)) {
            return Optional.of("tool args contain control characters, which are not allowed");
        }
        return Optional.empty();
    }

    /** Characters {@code a-z 0-9 _ -} only (rule 3). */
    public static boolean isValidName(String name) {
        return name.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-');
    }

    private static boolean isControl(int codePoint) {
        return Character.getType(codePoint) == Character.CONTROL;
    }

    private static int codePoints(String text) {
        return text.codePointCount(0, text.length());
    }
}
