package dev.rustypinch.api;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * What the runtime gives a plugin's factories: one object instead of long parameter lists. Thread
 * safe and immutable.
 */
public interface PluginContext {
    /** The plugin's name from its descriptor. */
    String pluginName();

    /** The plugin's scoped configuration. */
    PluginConfig config();

    /** Where the plugin writes SPEC event lines. */
    EventSink events();

    /**
     * The runtime's data directory ({@code RUSTY_PINCH_DATA_DIR}). Plugins keep their state under
     * {@code <data dir>/channels/<channel>/} (channels) or {@code <data dir>/plugins/<plugin name>/}
     * (others) and create it only when they first write, through {@link PrivateFiles} so that their
     * users' data is readable by its owner only (SPEC §21).
     */
    Path dataDirectory();

    /** The clock to use for timestamps and delays (tests substitute it). */
    Clock clock();

    /** The runtime's version, e.g. {@code 1.0.0}. */
    String runtimeVersion();

    /**
     * (API 1.1) A read-only lookup in the settings environment: the process environment, then the
     * {@code .env} file (SPEC §2.2), e.g. for {@code ${VAR}} expansion in a plugin's own configuration
     * file. Empty when unset. The value may be a secret: never log it.
     */
    default Optional<String> environmentValue(String name) {
        return Optional.empty();
    }

    /** (API 1.1) The resolved model name ({@code RUSTY_PINCH_MODEL} or its per-provider default). */
    default String modelName() {
        return "";
    }

    /**
     * (API 1.1) The stored entries of a session, oldest first, read through the runtime's session store
     * (SPEC §6.3): a missing session is empty.
     *
     * @throws IOException the session could not be read
     */
    default List<SessionEntry> sessionEntries(String sessionId) throws IOException {
        return List.of();
    }

    /**
     * (API 1.1) Writes one human diagnostic line {@code WARN <message>} to stderr (SPEC §0 streams),
     * e.g. a child process's stderr line. Never pass a secret.
     */
    default void warn(String message) {
        System.err.println("WARN " + message);
    }
}
