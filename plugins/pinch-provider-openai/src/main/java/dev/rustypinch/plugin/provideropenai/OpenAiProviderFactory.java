package dev.rustypinch.plugin.provideropenai;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.ChatProvider;
import dev.rustypinch.api.PluginContext;
import dev.rustypinch.api.ProviderFactory;
import dev.rustypinch.api.ProviderSettings;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import okhttp3.Dns;

/**
 * Serves the OpenAI-compatible providers {@code compatible}, {@code groq}, {@code openai},
 * {@code openrouter} and {@code vllm} (SPEC §2.7). Stateless; each {@link #create} builds a client
 * with its own connections and threads.
 */
public final class OpenAiProviderFactory implements ProviderFactory {
    private static final SortedSet<String> NAMES = Collections.unmodifiableSortedSet(
            new TreeSet<>(List.of("compatible", "groq", "openai", "openrouter", "vllm")));

    @Override
    public Set<String> providerNames() {
        return NAMES;
    }

    @Override
    public ChatProvider create(ProviderSettings settings, PluginContext context) {
        requireNonNull(settings, "settings is null");
        requireNonNull(context, "context is null");
        if (!NAMES.contains(settings.provider())) {
            throw new IllegalArgumentException("provider '" + settings.provider()
                    + "' is not served by this plugin; it serves " + String.join(", ", NAMES));
        }
        return new OpenAiChatProvider(settings, context.clock(), Dns.SYSTEM);
    }
}
