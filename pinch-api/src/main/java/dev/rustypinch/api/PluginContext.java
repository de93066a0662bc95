package dev.rustypinch.api;

import java.nio.file.Path;
import java.time.Clock;

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
     * (others) and create it only when they first write.
     */
    Path dataDirectory();

    /** The clock to use for timestamps and delays (tests substitute it). */
    Clock clock();

    /** The runtime's version, e.g. {@code 1.0.0}. */
    String runtimeVersion();
}
