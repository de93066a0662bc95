package dev.rustypinch.api;

import java.io.IOException;
import java.time.Clock;
import java.util.List;

/** What a tool may see of the turn it runs in. Valid only during {@link Tool#run}. */
public interface ToolContext {
    /** The raw session id. */
    String sessionId();

    /** The configured provider name. */
    String provider();

    /** The configured model name. */
    String model();

    /** The clock to read the time from. */
    Clock clock();

    /**
     * The session's stored messages before this turn, oldest first, read-only. Read from disk on
     * each call.
     *
     * @throws IOException the session file could not be read
     */
    List<SessionEntry> history() throws IOException;
}
