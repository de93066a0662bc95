package dev.rustypinch.runtime.app;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.EventSink;
import dev.rustypinch.api.PluginConfig;
import dev.rustypinch.api.PluginContext;
import dev.rustypinch.api.SessionEntry;
import dev.rustypinch.runtime.session.SessionException;
import dev.rustypinch.runtime.session.SessionStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** The {@link PluginContext} the runtime hands one plugin. */
record RuntimePluginContext(String pluginName, PluginConfig config, EventSink events, Path dataDirectory, Clock clock,
                            String runtimeVersion, String modelName, SessionStore sessions) implements PluginContext {
    RuntimePluginContext {
        requireNonNull(pluginName, "pluginName is null");
        requireNonNull(config, "config is null");
        requireNonNull(events, "events is null");
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(runtimeVersion, "runtimeVersion is null");
        requireNonNull(modelName, "modelName is null");
        requireNonNull(sessions, "sessions is null");
    }

    @Override
    public List<SessionEntry> sessionEntries(String sessionId) throws IOException {
        try {
            return sessions.load(sessionId);
        } catch (SessionException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
