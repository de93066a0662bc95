package dev.rustypinch.plugin.toolsmcp;

import dev.rustypinch.api.EventSink;
import dev.rustypinch.api.PluginConfig;
import dev.rustypinch.api.PluginContext;
import dev.rustypinch.api.Secret;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A plugin context over a fixed settings environment that records {@code warn} lines. */
final class TestContext implements PluginContext {
    private final Map<String, String> settings;
    private final Path dataDir;
    final List<String> warnings = new CopyOnWriteArrayList<>();

    TestContext(Map<String, String> settings, Path dataDir) {
        this.settings = Map.copyOf(settings);
        this.dataDir = dataDir;
    }

    @Override
    public String pluginName() {
        return "pinch-tools-mcp";
    }

    @Override
    public PluginConfig config() {
        return new PluginConfig() {
            @Override
            public Optional<String> string(String key) {
                return Optional.ofNullable(settings.get(key));
            }

            @Override
            public Optional<Secret> secret(String key) {
                return Optional.ofNullable(settings.get(key)).map(Secret::of);
            }

            @Override
            public boolean bool(String key) {
                return Boolean.parseBoolean(settings.get(key));
            }

            @Override
            public long number(String key) {
                return Long.parseLong(settings.getOrDefault(key, "0"));
            }

            @Override
            public List<String> csv(String key) {
                return List.of();
            }

            @Override
            public Optional<Path> path(String key) {
                return Optional.ofNullable(settings.get(key)).map(Path::of);
            }

            @Override
            public Optional<String> raw(String key) {
                return Optional.ofNullable(settings.get(key));
            }
        };
    }

    @Override
    public EventSink events() {
        return (event, fields) -> { };
    }

    @Override
    public Path dataDirectory() {
        return dataDir;
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public String runtimeVersion() {
        return "1.0.0-test";
    }

    @Override
    public Optional<String> environmentValue(String name) {
        return Optional.ofNullable(settings.get(name));
    }

    @Override
    public void warn(String message) {
        warnings.add(message);
    }
}
