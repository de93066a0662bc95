package dev.rustypinch.plugin.provideropenai;

import dev.rustypinch.api.EventSink;
import dev.rustypinch.api.PluginConfig;
import dev.rustypinch.api.PluginContext;
import dev.rustypinch.api.Secret;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** A plugin context for tests: a fixed clock, no configuration keys, events refused. */
record TestPluginContext(Clock clock) implements PluginContext {
    @Override
    public String pluginName() {
        return "pinch-provider-openai";
    }

    @Override
    public PluginConfig config() {
        return new NoKeys();
    }

    @Override
    public EventSink events() {
        return (event, fields) -> {
            throw new AssertionError("the provider plugin emits no events, got " + event);
        };
    }

    @Override
    public Path dataDirectory() {
        return Path.of("data");
    }

    @Override
    public String runtimeVersion() {
        return "1.0.0";
    }

    /** The factory declares no keys, so asking for any is a bug. */
    private static final class NoKeys implements PluginConfig {
        private static IllegalArgumentException undeclared(String key) {
            return new IllegalArgumentException("undeclared key " + key);
        }

        @Override
        public Optional<String> string(String key) {
            throw undeclared(key);
        }

        @Override
        public Optional<Secret> secret(String key) {
            throw undeclared(key);
        }

        @Override
        public boolean bool(String key) {
            throw undeclared(key);
        }

        @Override
        public long number(String key) {
            throw undeclared(key);
        }

        @Override
        public List<String> csv(String key) {
            throw undeclared(key);
        }

        @Override
        public Optional<Path> path(String key) {
            throw undeclared(key);
        }

        @Override
        public Optional<String> raw(String key) {
            throw undeclared(key);
        }
    }
}
