package dev.rustypinch.runtime.config;

import static java.util.Objects.requireNonNull;

/**
 * A syntax error in a {@code .env} file (SPEC §2.3). The message names the 1-based line and the
 * problem, never the value itself, so a malformed secret is not echoed.
 */
public final class DotEnvException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final String reason;

    public DotEnvException(int line, String reason) {
        super("line " + line + ": " + requireNonNull(reason, "reason is null"));
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1, got " + line);
        }
        this.line = line;
        this.reason = reason;
    }

    /** The 1-based line of the problem. */
    public int line() {
        return line;
    }

    /** The problem without the line prefix. */
    public String reason() {
        return reason;
    }
}
