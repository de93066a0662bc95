package dev.rustypinch.api;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * One environment variable a plugin factory reads, declared so that the runtime can parse it with
 * the SPEC's value rules, scope each plugin's view to what it declared, and show it in one place.
 *
 * @param name         the variable, e.g. {@code RUSTY_PINCH_CHANNELS_TELEGRAM_TOKEN}
 * @param type         how the raw value is read
 * @param defaultValue the value used when the variable is unset or invalid for its type, written
 *                     as it would appear in the environment; {@code null} for none
 * @param required     whether the plugin cannot work without it (reported, never enforced by the
 *                     runtime on behalf of the plugin)
 * @param description  one line for help and diagnostics
 */
public record ConfigKey(String name, ConfigType type, String defaultValue, boolean required, String description) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

    public ConfigKey {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(description, "description is null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid config key name '" + name + "'");
        }
        if (type == ConfigType.SECRET && defaultValue != null) {
            throw new IllegalArgumentException("secret config key '" + name + "' cannot have a default");
        }
    }

    /** An optional key with a default. */
    public static ConfigKey optional(String name, ConfigType type, String defaultValue, String description) {
        return new ConfigKey(name, type, defaultValue, false, description);
    }

    /** Whether the value is a secret and must never be shown. */
    public boolean secret() {
        return type == ConfigType.SECRET;
    }
}
