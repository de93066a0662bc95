package dev.rustypinch.api;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * The provider configuration the runtime resolved (SPEC §2.5–§2.7): the runtime owns the key and
 * base lookup tables, so every provider plugin gets the same resolution.
 *
 * @param provider       the provider name, lowercased, e.g. {@code openrouter}
 * @param model          the model name (may be empty)
 * @param apiBase        the base URL without trailing {@code /}, if one was found
 * @param apiKey         the API key, if one was found
 * @param requestTimeout the limit of one whole call; {@link Duration#ZERO} means no limit
 * @param userAgent      the {@code User-Agent} value, e.g. {@code rusty-pinch/1.0.0}
 */
public record ProviderSettings(
        String provider,
        String model,
        Optional<String> apiBase,
        Optional<Secret> apiKey,
        Duration requestTimeout,
        String userAgent) {
    public ProviderSettings {
        requireNonNull(provider, "provider is null");
        requireNonNull(model, "model is null");
        requireNonNull(apiBase, "apiBase is null");
        requireNonNull(apiKey, "apiKey is null");
        requireNonNull(requestTimeout, "requestTimeout is null");
        requireNonNull(userAgent, "userAgent is null");
        if (requestTimeout.isNegative()) {
            throw new IllegalArgumentException("requestTimeout is negative");
        }
    }

    @Override
    public String toString() {
        return "ProviderSettings[provider=" + provider + ", model=" + model + ", apiBase=" + apiBase.orElse("<unset>")
                + ", apiKey=" + (apiKey.isPresent() ? "<redacted>" : "<unset>") + ", requestTimeout=" + requestTimeout + "]";
    }
}
