package dev.rustypinch.plugin.channeltelegram;

import dev.rustypinch.api.ConfigKey;
import dev.rustypinch.api.ConfigType;
import dev.rustypinch.api.EventSink;
import dev.rustypinch.api.PluginConfig;
import dev.rustypinch.api.PluginContext;
import dev.rustypinch.api.Secret;
import dev.rustypinch.api.UnicodeWhitespace;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A plugin context over a plain map, reading values with the SPEC §2.4 rules of the declared keys. */
final class TestPluginContext implements PluginContext {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-20T10:11:12.120Z"), ZoneOffset.UTC);

    private final MapConfig config;
    private final EventSink events;
    private final Path dataDirectory;

    TestPluginContext(Map<String, String> environment, EventSink events, Path dataDirectory) {
        this.config = new MapConfig(environment);
        this.events = events;
        this.dataDirectory = dataDirectory;
    }

    @Override
    public String pluginName() {
        return "pinch-channel-telegram";
    }

    @Override
    public PluginConfig config() {
        return config;
    }

    @Override
    public EventSink events() {
        return events;
    }

    @Override
    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public Clock clock() {
        return CLOCK;
    }

    @Override
    public String runtimeVersion() {
        return "1.0.0";
    }

    private static final class MapConfig implements PluginConfig {
        private final Map<String, String> environment;
        private final Map<String, ConfigKey> keys = new TelegramChannelFactory().configKeys().stream()
                .collect(Collectors.toMap(ConfigKey::name, Function.identity()));

        MapConfig(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
        }

        private ConfigKey key(String name, ConfigType type) {
            ConfigKey key = keys.get(name);
            if (key == null || key.type() != type) {
                throw new IllegalArgumentException("undeclared " + type + " key " + name);
            }
            return key;
        }

        private Optional<String> trimmed(String name) {
            return Optional.ofNullable(environment.get(name)).map(UnicodeWhitespace::trim).filter(v -> !v.isEmpty());
        }

        @Override
        public Optional<String> string(String name) {
            ConfigKey key = key(name, ConfigType.STRING);
            return trimmed(name).or(() -> Optional.ofNullable(key.defaultValue()));
        }

        @Override
        public Optional<Secret> secret(String name) {
            key(name, ConfigType.SECRET);
            return trimmed(name).map(Secret::of);
        }

        @Override
        public boolean bool(String name) {
            throw new IllegalArgumentException("no boolean keys declared");
        }

        @Override
        public long number(String name) {
            ConfigKey key = key(name, ConfigType.NUMBER);
            Optional<String> value = trimmed(name).map(v -> v.startsWith("+") ? v.substring(1) : v)
                    .filter(v -> v.matches("[0-9]{1,18}"));
            return Long.parseLong(value.orElse(key.defaultValue()));
        }

        @Override
        public List<String> csv(String name) {
            key(name, ConfigType.CSV);
            return Optional.ofNullable(environment.get(name)).stream()
                    .flatMap(v -> Arrays.stream(v.split(",", -1)))
                    .map(UnicodeWhitespace::trim)
                    .filter(v -> !v.isEmpty())
                    .toList();
        }

        @Override
        public Optional<Path> path(String name) {
            throw new IllegalArgumentException("no path keys declared");
        }

        @Override
        public Optional<String> raw(String name) {
            if (!keys.containsKey(name)) {
                throw new IllegalArgumentException("undeclared key " + name);
            }
            return Optional.ofNullable(environment.get(name));
        }
    }
}
