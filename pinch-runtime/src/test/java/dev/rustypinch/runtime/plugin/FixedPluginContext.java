package dev.rustypinch.runtime.plugin;

import dev.rustypinch.api.EventSink;
import dev.rustypinch.api.PluginConfig;
import dev.rustypinch.api.PluginContext;
import dev.rustypinch.api.Secret;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** A plugin context with no settings, a fixed clock and events that go nowhere. */
record FixedPluginContext(String pluginName, Path dataDirectory) implements PluginContext {
    @Override
    public PluginConfig config() {
        return new PluginConfig() {
            @Override
            public Optional<String> string(String key) {
                return Optional.empty();
            }

            @Override
            public Optional<Secret> secret(String key) {
                return Optional.empty();
            }

            @Override
            public boolean bool(String key) {
                return false;
            }

            @Override
            public long number(String key) {
                return 0;
            }

            @Override
            public List<String> csv(String key) {
                return List.of();
            }

            @Override
            public Optional<Path> path(String key) {
                return Optional.empty();
            }

            @Override
            public Optional<String> raw(String key) {
                return Optional.empty();
            }
        };
    }

    @Override
    public EventSink events() {
        return (event, fields) -> { };
    }

    @Override
    public Clock clock() {
        return Clock.fixed(Instant.parse("2026-02-20T10:11:12Z"), ZoneOffset.UTC);
    }

    @Override
    public String runtimeVersion() {
        return "1.0.0";
    }
}
