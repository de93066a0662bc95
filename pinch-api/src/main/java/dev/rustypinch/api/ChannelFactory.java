package dev.rustypinch.api;

import java.util.List;

/**
 * A stateless factory registered through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.rustypinch.api.ChannelFactory}) for one channel name
 * ({@code channels <name>}). Needs a public no-argument constructor that does no I/O.
 */
public interface ChannelFactory {
    /** The lowercase channel name, e.g. {@code telegram}. */
    String channelName();

    /** The settings the channel reads through {@link PluginContext#config()}. */
    default List<ConfigKey> configKeys() {
        return List.of();
    }

    /**
     * Creates the channel and loads its persisted state (no network I/O). Called once per process,
     * with the plugin's class loader as the thread context class loader.
     *
     * @param maxMessages the {@code --max-messages} bound, or 0 for none (informational: the runtime
     *                    enforces it)
     * @throws IllegalArgumentException when the configuration cannot work; the message is shown to
     *                                  the user as is
     */
    Channel create(PluginContext context, long maxMessages);
}
