package dev.rustypinch.runtime.app;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.EventSink;
import dev.rustypinch.api.PluginConfig;
import dev.rustypinch.api.PluginContext;
import dev.rustypinch.api.SessionEntry;
import dev.rustypinch.runtime.config.Environment;
import dev.rustypinch.runtime.session.SessionException;
import dev.rustypinch.runtime.session.SessionStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The {@link PluginContext} the runtime hands one plugin.
 *
 * @param environment the settings overlay (process environment, then {@code .env}) behind {@link #environmentValue}
 * @param err         where {@link #warn} writes its {@code WARN} lines
 */
record RuntimePluginContext(String pluginName, PluginConfig config, EventSink events, Path dataDirectory, Clock clock,
                            String runtimeVersion, Environment environment, PrintStream err, String modelName,
                            SessionStore sessions) implements PluginContext {
    RuntimePluginContext {
        requireNonNull(pluginName, "pluginName is null");
        requireNonNull(config, "config is null");
        requireNonNull(events, "events is null");
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(runtimeVersion, "runtimeVersion is null");
        requireNonNull(environment, "environment is null");
        requireNonNull(err, "err is null");
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

    @Override
    public Optional<String> environmentValue(String name) {
        return environment.get(requireNonNull(name, "name is null"));
    }

    /** One whole line per call, so lines from concurrent callers (a child's stderr reader, a turn) never mix. */
    @Override
    public void warn(String message) {
        String line = "WARN " + requireNonNull(message, "message is null") + "\n";
        synchronized (err) {
            err.print(line);
            err.flush();
        }
    }

    @Override
    public String toString() {
        return "RuntimePluginContext[" + pluginName + "]";
    }
}
