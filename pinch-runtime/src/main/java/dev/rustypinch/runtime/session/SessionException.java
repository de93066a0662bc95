package dev.rustypinch.runtime.session;

/**
 * A session file could not be read or written. The message is the SPEC text shown to the user
 * (SPEC §6.2–§6.3), e.g. {@code failed to decode session entry in <path>}; the cause, when there is
 * one, says why.
 */
public final class SessionException extends Exception {
    private static final long serialVersionUID = 1L;

    public SessionException(String message) {
        super(message);
    }

    public SessionException(String message, Throwable cause) {
        super(message, cause);
    }
}
