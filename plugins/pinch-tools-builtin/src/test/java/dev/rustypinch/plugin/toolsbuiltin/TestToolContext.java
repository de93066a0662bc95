package dev.rustypinch.plugin.toolsbuiltin;

import dev.rustypinch.api.SessionEntry;
import dev.rustypinch.api.ToolContext;
import java.io.IOException;
import java.time.Clock;
import java.util.List;

/** A {@link ToolContext} with fixed values; {@code historyFailure} non-null makes {@link #history()} throw it. */
record TestToolContext(String sessionId, String provider, String model, Clock clock, List<SessionEntry> entries,
                       IOException historyFailure) implements ToolContext {

    static TestToolContext withHistory(String sessionId, List<SessionEntry> entries) {
        return new TestToolContext(sessionId, "openrouter", "openrouter/qwen/qwen3-coder", Clock.systemUTC(), entries, null);
    }

    @Override
    public List<SessionEntry> history() throws IOException {
        if (historyFailure != null) {
            throw historyFailure;
        }
        return entries;
    }
}
