package dev.rustypinch.api;

/**
 * A tool could not do its job. The message is the reason the user sees in
 * {@code tool '<name>' execution failed: <reason>}, e.g. {@code count must be > 0}.
 */
public final class ToolException extends Exception {
    private static final long serialVersionUID = 1L;

    public ToolException(String reason) {
        super(reason);
    }

    public ToolException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
