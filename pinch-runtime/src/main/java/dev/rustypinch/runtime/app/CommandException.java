package dev.rustypinch.runtime.app;

import java.util.List;

/**
 * A command failed (SPEC §1 step 5): printed as {@code Error: <message>} with its causes, exit 1.
 */
public final class CommandException extends Exception {
    private static final long serialVersionUID = 1L;

    public CommandException(String message) {
        super(message);
    }

    public CommandException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code Error: <message>} then the {@code Caused by:} block of SPEC §1. */
    public static String render(Throwable error) {
        StringBuilder text = new StringBuilder("Error: ").append(error.getMessage()).append('\n');
        List<String> causes = new java.util.ArrayList<>();
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            String message = cause.getMessage();
            causes.add(message == null || message.isBlank() ? cause.getClass().getSimpleName() : message);
        }
        if (causes.size() == 1) {
            text.append("\nCaused by:\n    ").append(causes.get(0)).append('\n');
        } else if (causes.size() > 1) {
            text.append("\nCaused by:\n");
            for (int i = 0; i < causes.size(); i++) {
                text.append("    ").append(i).append(": ").append(causes.get(i)).append('\n');
            }
        }
        return text.toString();
    }
}
