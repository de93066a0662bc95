package dev.rustypinch.plugin.channelwhatsapp;

import dev.rustypinch.api.ConfigKey;
import dev.rustypinch.api.PluginConfig;
import dev.rustypinch.api.Secret;
import dev.rustypinch.api.UnicodeWhitespace;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A plain-map {@link PluginConfig} following the API's value rules for the factory's declared keys. */
final class MapPluginConfig implements PluginConfig {
    private final Map<String, String> values;
    private final Map<String, ConfigKey> keys;

    MapPluginConfig(Map<String, String> values) {
        this.values = Map.copyOf(values);
        this.keys = new WhatsAppChannelFactory().configKeys().stream()
                .collect(Collectors.toMap(ConfigKey::name, Function.identity()));
    }

    private ConfigKey key(String name) {
        ConfigKey key = keys.get(name);
        if (key == null) {
            throw new IllegalArgumentException("undeclared key " + name + "; declared: " + keys.keySet());
        }
        return key;
    }

    @Override
    public Optional<String> string(String name) {
        ConfigKey key = key(name);
        Optional<String> value = raw(name).map(UnicodeWhitespace::trim).filter(text -> !text.isEmpty());
        return value.or(() -> Optional.ofNullable(key.defaultValue()));
    }

    @Override
    public Optional<Secret> secret(String name) {
        key(name);
        return raw(name).map(UnicodeWhitespace::trim).filter(text -> !text.isEmpty()).map(Secret::of);
    }

    @Override
    public boolean bool(String name) {
        throw new UnsupportedOperationException("no boolean keys");
    }

    @Override
    public long number(String name) {
        ConfigKey key = key(name);
        Optional<String> value = raw(name).map(UnicodeWhitespace::trim);
        try {
            return Long.parseLong(value.orElseThrow());
        } catch (RuntimeException e) {
            return key.defaultValue() == null ? 0 : Long.parseLong(key.defaultValue());
        }
    }

    @Override
    public List<String> csv(String name) {
        key(name);
        return raw(name).map(text -> Arrays.stream(text.split(",", -1))
                .map(UnicodeWhitespace::trim).filter(item -> !item.isEmpty()).toList()).orElse(List.of());
    }

    @Override
    public Optional<Path> path(String name) {
        throw new UnsupportedOperationException("no path keys");
    }

    @Override
    public Optional<String> raw(String name) {
        key(name);
        return Optional.ofNullable(values.get(name));
    }
}
