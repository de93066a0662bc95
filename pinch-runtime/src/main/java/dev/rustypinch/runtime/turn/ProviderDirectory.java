package dev.rustypinch.runtime.turn;

import dev.rustypinch.api.ChatProvider;

/** Where the turn pipeline finds provider clients served by plugins. */
public interface ProviderDirectory {
    /** Whether a loaded plugin serves the provider name. */
    boolean serves(String name);

    /**
     * The client for a served provider name, created on first use and reused after.
     *
     * @throws RuntimeException the plugin failed to create it
     */
    ChatProvider provider(String name);

    /** Whether some plugin failed to load or is disabled, so a missing provider may be explained there. */
    boolean hasPluginProblems();
}
