package dev.rustypinch.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A plugin's immutable view of its configuration: only the keys its factories declared (asking for
 * any other key throws {@link IllegalArgumentException} naming the declared ones). Values come from
 * the runtime's environment overlay (process environment first, then the {@code .env} file), read
 * with the rules of the key's {@link ConfigType}. Plugins never read {@code System.getenv}. Thread
 * safe. {@code toString()} masks secrets.
 */
public interface PluginConfig {
    /** A {@link ConfigType#STRING} value, trimmed; empty when unset or blank and no default. */
    Optional<String> string(String key);

    /** A {@link ConfigType#SECRET} value; empty when unset or blank. */
    Optional<Secret> secret(String key);

    /** A {@link ConfigType#BOOLEAN} value (the default when unset or invalid; false without one). */
    boolean bool(String key);

    /** A {@link ConfigType#NUMBER} value (the default when unset or invalid; 0 without one). */
    long number(String key);

    /** A {@link ConfigType#CSV} value; empty when unset. */
    List<String> csv(String key);

    /** A {@link ConfigType#PATH} value; empty when unset or blank and no default. */
    Optional<Path> path(String key);

    /** The raw value as set in the environment overlay, untrimmed, for any declared key. */
    Optional<String> raw(String key);
}
