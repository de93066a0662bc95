package dev.rustypinch.runtime.cli;

import dev.rustypinch.api.UnicodeWhitespace;
import dev.rustypinch.runtime.app.CommandException;

/** The session-id rule of SPEC §3/§6.1: an id empty after trimming is refused. */
final class SessionIds {
    private SessionIds() {
    }

    static String require(String sessionId) throws CommandException {
        if (UnicodeWhitespace.trim(sessionId).isEmpty()) {
            throw new CommandException("session id must not be empty");
        }
        return sessionId;
    }
}
