package dev.rustypinch.api;

import java.util.List;
import java.util.Set;

/**
 * A stateless factory registered through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.rustypinch.api.ProviderFactory}) that serves one or more provider
 * names ({@code RUSTY_PINCH_PROVIDER} values). Needs a public no-argument constructor that does no
 * I/O. {@code local} and {@code offline} are built into the runtime and cannot be provided.
 */
public interface ProviderFactory {
    /** The lowercase provider names served, e.g. {@code openai}, {@code openrouter}. */
    Set<String> providerNames();

    /** Extra settings read through {@link PluginContext#config()}. */
    default List<ConfigKey> configKeys() {
        return List.of();
    }

    /**
     * Creates a client. Called at most once per provider name per process, with the plugin's class
     * loader as the thread context class loader.
     */
    ChatProvider create(ProviderSettings settings, PluginContext context);
}
