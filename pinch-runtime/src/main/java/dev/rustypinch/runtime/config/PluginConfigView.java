package dev.rustypinch.runtime.config;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.ConfigKey;
import dev.rustypinch.api.ConfigType;
import dev.rustypinch.api.PluginConfig;
import dev.rustypinch.api.Secret;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.StringJoiner;

/**
 * A plugin's scoped view of the {@link Environment} overlay: only the keys its factories declared,
 * each read with the rules of its {@link ConfigType} (SPEC §2.4; {@code NUMBER} follows the channel
 * number rule). Immutable and thread safe; {@link #toString()} shows secrets as {@code <redacted>}.
 */
public final class PluginConfigView implements PluginConfig {
    private final Environment env;
    private final Map<String, ConfigKey> keys;

    /**
     * @param env          the overlay
     * @param declaredKeys every key the plugin's factories declared; the same name may appear more
     *                     than once only with the same type (the first declaration is kept)
     * @throws IllegalArgumentException when one name is declared with two different types
     */
    public PluginConfigView(Environment env, List<ConfigKey> declaredKeys) {
        this.env = requireNonNull(env, "env is null");
        requireNonNull(declaredKeys, "declaredKeys is null");
        Map<String, ConfigKey> byName = new LinkedHashMap<>();
        for (ConfigKey key : declaredKeys) {
            requireNonNull(key, "declared key is null");
            ConfigKey earlier = byName.putIfAbsent(key.name(), key);
            if (earlier != null && earlier.type() != key.type()) {
                throw new IllegalArgumentException("config key '" + key.name() + "' is declared twice with different types ("
                        + earlier.type() + " and " + key.type() + ")");
            }
        }
        this.keys = Collections.unmodifiableMap(byName);
    }

    /** The declared keys, first declarations only, in declaration order. */
    public List<ConfigKey> declaredKeys() {
        return List.copyOf(keys.values());
    }

    @Override
    public Optional<String> string(String key) {
        ConfigKey declared = declared(key, ConfigType.STRING);
        return ValueRules.optionalString(rawOrNull(key)).or(() -> ValueRules.optionalString(declared.defaultValue()));
    }

    @Override
    public Optional<Secret> secret(String key) {
        declared(key, ConfigType.SECRET);
        return ValueRules.optionalString(rawOrNull(key)).map(Secret::of);
    }

    @Override
    public boolean bool(String key) {
        ConfigKey declared = declared(key, ConfigType.BOOLEAN);
        return ValueRules.bool(rawOrNull(key))
                .or(() -> ValueRules.bool(declared.defaultValue()))
                .orElse(false);
    }

    @Override
    public long number(String key) {
        ConfigKey declared = declared(key, ConfigType.NUMBER);
        OptionalLong value = ValueRules.channelNumber(rawOrNull(key), ValueRules.MAX_U64);
        if (value.isPresent()) {
            return value.getAsLong();
        }
        return ValueRules.channelNumber(declared.defaultValue(), ValueRules.MAX_U64).orElse(0);
    }

    @Override
    public List<String> csv(String key) {
        ConfigKey declared = declared(key, ConfigType.CSV);
        String raw = rawOrNull(key);
        return ValueRules.csv(raw == null ? declared.defaultValue() : raw);
    }

    @Override
    public Optional<Path> path(String key) {
        ConfigKey declared = declared(key, ConfigType.PATH);
        Optional<String> value = ValueRules.path(rawOrNull(key)).or(() -> ValueRules.path(declared.defaultValue()));
        try {
            return value.map(Path::of);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("config key '" + key + "' is not a valid path: " + e.getReason(), e);
        }
    }

    @Override
    public Optional<String> raw(String key) {
        declared(key);
        return env.get(key);
    }

    private String rawOrNull(String key) {
        return env.get(key).orElse(null);
    }

    private ConfigKey declared(String key, ConfigType type) {
        ConfigKey declared = declared(key);
        if (declared.type() != type) {
            throw new IllegalArgumentException("config key '" + key + "' is declared as " + declared.type()
                    + ", not " + type + "; read it with " + getterOf(declared.type()) + "(\"" + key + "\")");
        }
        return declared;
    }

    private ConfigKey declared(String key) {
        requireNonNull(key, "key is null");
        ConfigKey declared = keys.get(key);
        if (declared == null) {
            throw new IllegalArgumentException(undeclaredMessage(key));
        }
        return declared;
    }

    private String undeclaredMessage(String key) {
        StringBuilder message = new StringBuilder("config key '").append(key).append("' is not declared; declared keys: ");
        message.append(keys.isEmpty() ? "none" : String.join(", ", keys.keySet()));
        closest(key).ifPresent(match -> message.append(" (did you mean '").append(match).append("'?)"));
        return message.toString();
    }

    /** The declared name closest to a mistyped one, if it is close enough to be a likely typo. */
    private Optional<String> closest(String key) {
        String wanted = key.toUpperCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : keys.keySet()) {
            int distance = editDistance(wanted, name.toUpperCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = name;
                bestDistance = distance;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        int allowed = Math.max(2, wanted.length() / 4);
        if (bestDistance <= allowed) {
            return Optional.of(best);
        }
        return keys.keySet().stream().filter(name -> name.toUpperCase(Locale.ROOT).endsWith("_" + wanted)).findFirst();
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static String getterOf(ConfigType type) {
        return switch (type) {
            case STRING -> "string";
            case SECRET -> "secret";
            case BOOLEAN -> "bool";
            case NUMBER -> "number";
            case CSV -> "csv";
            case PATH -> "path";
        };
    }

    @Override
    public String toString() {
        StringJoiner joiner = new StringJoiner(", ", "PluginConfig[", "]");
        for (ConfigKey key : keys.values()) {
            Optional<String> raw = env.get(key.name());
            String shown = raw.isEmpty() ? "<unset>" : key.secret() ? "<redacted>" : raw.get();
            joiner.add(key.name() + "=" + shown);
        }
        return joiner.toString();
    }
}
