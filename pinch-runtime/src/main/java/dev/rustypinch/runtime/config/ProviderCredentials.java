package dev.rustypinch.runtime.config;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.Secret;
import java.util.List;
import java.util.Optional;

/**
 * The provider key and base lookup tables of SPEC §2.6. The generic variables
 * ({@code RUSTY_PINCH_API_KEY}, {@code RUSTY_PINCH_API_BASE}) always come first; the first
 * non-blank (trimmed) value wins; every trailing {@code /} of a base is stripped.
 */
public final class ProviderCredentials {
    public static final String API_KEY = "RUSTY_PINCH_API_KEY";
    public static final String API_BASE = "RUSTY_PINCH_API_BASE";

    private static final List<String> OPENAI_KEYS = List.of(
            API_KEY, "RUSTY_PINCH_OPENAI_API_KEY", "OPENAI_API_KEY", "PICOCLAW_PROVIDERS_OPENAI_API_KEY");
    private static final List<String> OPENROUTER_KEYS = List.of(
            API_KEY, "RUSTY_PINCH_OPENROUTER_API_KEY", "OPENROUTER_API_KEY", "PICOCLAW_PROVIDERS_OPENROUTER_API_KEY");
    private static final List<String> GROQ_KEYS = List.of(
            API_KEY, "RUSTY_PINCH_GROQ_API_KEY", "GROQ_API_KEY", "PICOCLAW_PROVIDERS_GROQ_API_KEY");
    private static final List<String> ANTHROPIC_KEYS = List.of(
            API_KEY, "RUSTY_PINCH_ANTHROPIC_API_KEY", "ANTHROPIC_API_KEY", "PICOCLAW_PROVIDERS_ANTHROPIC_API_KEY");
    private static final List<String> OTHER_KEYS = List.of(
            API_KEY,
            "OPENAI_API_KEY",
            "OPENROUTER_API_KEY",
            "ANTHROPIC_API_KEY",
            "PICOCLAW_PROVIDERS_OPENAI_API_KEY",
            "PICOCLAW_PROVIDERS_OPENROUTER_API_KEY",
            "PICOCLAW_PROVIDERS_ANTHROPIC_API_KEY");

    private static final List<String> OPENAI_BASES = List.of(
            API_BASE, "RUSTY_PINCH_OPENAI_API_BASE", "OPENAI_API_BASE", "PICOCLAW_PROVIDERS_OPENAI_API_BASE");
    private static final List<String> OPENROUTER_BASES = List.of(
            API_BASE, "RUSTY_PINCH_OPENROUTER_API_BASE", "OPENROUTER_API_BASE",
            "PICOCLAW_PROVIDERS_OPENROUTER_API_BASE");
    private static final List<String> GROQ_BASES = List.of(
            API_BASE, "RUSTY_PINCH_GROQ_API_BASE", "GROQ_API_BASE", "PICOCLAW_PROVIDERS_GROQ_API_BASE");
    private static final List<String> OTHER_BASES = List.of(
            API_BASE,
            "RUSTY_PINCH_OPENAI_API_BASE",
            "RUSTY_PINCH_OPENROUTER_API_BASE",
            "OPENAI_API_BASE",
            "OPENROUTER_API_BASE",
            "PICOCLAW_PROVIDERS_OPENAI_API_BASE",
            "PICOCLAW_PROVIDERS_OPENROUTER_API_BASE");

    private ProviderCredentials() {
    }

    /** The variables searched for the API key of a (lowercase) provider name, in order. */
    public static List<String> keyVariables(String provider) {
        requireNonNull(provider, "provider is null");
        return switch (provider) {
            case "openai" -> OPENAI_KEYS;
            case "openrouter" -> OPENROUTER_KEYS;
            case "groq" -> GROQ_KEYS;
            case "anthropic" -> ANTHROPIC_KEYS;
            default -> OTHER_KEYS;
        };
    }

    /** The variables searched for the API base of a (lowercase) provider name, in order. */
    public static List<String> baseVariables(String provider) {
        requireNonNull(provider, "provider is null");
        return switch (provider) {
            case "openai" -> OPENAI_BASES;
            case "openrouter" -> OPENROUTER_BASES;
            case "groq" -> GROQ_BASES;
            default -> OTHER_BASES;
        };
    }

    /** The built-in base of {@code openai}, {@code openrouter} and {@code groq}; none for others. */
    public static Optional<String> defaultApiBase(String provider) {
        requireNonNull(provider, "provider is null");
        return switch (provider) {
            case "openai" -> Optional.of("https://api.openai.com/v1");
            case "openrouter" -> Optional.of("https://openrouter.ai/api/v1");
            case "groq" -> Optional.of("https://api.groq.com/openai/v1");
            default -> Optional.empty();
        };
    }

    /** The first non-blank key of the provider's table, trimmed. */
    public static Optional<Secret> apiKey(String provider, Environment env) {
        requireNonNull(env, "env is null");
        for (String variable : keyVariables(provider)) {
            Optional<String> value = ValueRules.optionalString(env.rawOrNull(variable));
            if (value.isPresent()) {
                return Optional.of(Secret.of(value.get()));
            }
        }
        return Optional.empty();
    }

    /**
     * The first base of the provider's table that is non-blank after trimming and stripping every
     * trailing {@code /}; else the provider's {@link #defaultApiBase(String)}.
     */
    public static Optional<String> apiBase(String provider, Environment env) {
        requireNonNull(env, "env is null");
        for (String variable : baseVariables(provider)) {
            Optional<String> value = ValueRules.optionalString(env.rawOrNull(variable))
                    .map(ValueRules::stripTrailingSlashes)
                    .filter(base -> !base.isEmpty());
            if (value.isPresent()) {
                return value;
            }
        }
        return defaultApiBase(provider);
    }
}
