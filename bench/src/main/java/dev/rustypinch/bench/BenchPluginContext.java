package dev.rustypinch.bench;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.EventSink;
import dev.rustypinch.api.PluginConfig;
import dev.rustypinch.api.PluginContext;
import java.nio.file.Path;
import java.time.Clock;

/** The {@link PluginContext} the benchmarks hand a plugin's factories, as the runtime would. */
record BenchPluginContext(String pluginName, PluginConfig config, EventSink events, Path dataDirectory, Clock clock,
                          String runtimeVersion) implements PluginContext {
    BenchPluginContext {
        requireNonNull(pluginName, "pluginName is null");
        requireNonNull(config, "config is null");
        requireNonNull(events, "events is null");
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(runtimeVersion, "runtimeVersion is null");
    }
}
