package dev.rustypinch.runtime.plugin;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.Channel;
import dev.rustypinch.api.ChannelFactory;
import dev.rustypinch.api.ChatProvider;
import dev.rustypinch.api.ConfigKey;
import dev.rustypinch.api.DoctorReport;
import dev.rustypinch.api.PluginContext;
import dev.rustypinch.api.ProviderFactory;
import dev.rustypinch.api.ProviderSettings;
import dev.rustypinch.api.Tool;
import dev.rustypinch.api.ToolFactory;
import dev.rustypinch.api.ToolSource;
import dev.rustypinch.api.ToolSourceFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A plugin that loaded: its factories, ready to create providers, channels and tools on demand.
 * Everything it creates is wrapped so that each call into plugin code (creation included) runs with
 * the plugin's class loader as the thread context class loader.
 */
@SuppressWarnings("try") // a ContextClassLoaderSwap works by existing; its body never uses it
public final class LoadedPlugin {
    private final PluginDescriptor descriptor;
    private final Path source;
    private final PluginClassLoader loader;
    private final Contributions contributions;

    LoadedPlugin(PluginDescriptor descriptor, Path source, PluginClassLoader loader, Contributions contributions) {
        this.descriptor = requireNonNull(descriptor, "descriptor is null");
        this.source = requireNonNull(source, "source is null");
        this.loader = requireNonNull(loader, "loader is null");
        this.contributions = requireNonNull(contributions, "contributions is null");
    }

    /** The descriptor name. */
    public String name() {
        return descriptor.name();
    }

    /** The descriptor version. */
    public String version() {
        return descriptor.version();
    }

    /** The descriptor's {@code api.version}, e.g. {@code 1.0}. */
    public String apiVersion() {
        return descriptor.apiVersion().toString();
    }

    /** The absolute plugin directory or jar. */
    public Path source() {
        return source;
    }

    /** The provider names it serves, sorted. */
    public SortedSet<String> providerNames() {
        return new TreeSet<>(contributions.providers().keySet());
    }

    /** The channel names it serves, sorted. */
    public SortedSet<String> channelNames() {
        return new TreeSet<>(contributions.channels().keySet());
    }

    /** The tool names it serves, sorted. */
    public SortedSet<String> toolNames() {
        return new TreeSet<>(contributions.tools().keySet());
    }

    /** The names of its run-time tool sources (API 1.1), sorted. */
    public SortedSet<String> toolSourceNames() {
        return new TreeSet<>(contributions.sources().keySet());
    }

    /** The config keys its factories declare, one per name, sorted by name. */
    public List<ConfigKey> configKeys() {
        return contributions.configKeys();
    }

    /**
     * Creates a client for one of its provider names.
     *
     * @throws IllegalArgumentException the plugin does not serve {@code providerName}, or the
     *                                  factory rejects the configuration (its message as is)
     */
    public ChatProvider createProvider(String providerName, ProviderSettings settings, PluginContext context) {
        requireNonNull(settings, "settings is null");
        requireNonNull(context, "context is null");
        ProviderFactory factory = factory(Contributions.PROVIDER, providerName, contributions.providers());
        try (ContextClassLoaderSwap swap = ContextClassLoaderSwap.use(loader)) {
            return new IsolatedChatProvider(requireNonNull(factory.create(settings, context),
                    "provider factory returned null"), loader);
        }
    }

    /**
     * Creates one of its channels.
     *
     * @param maxMessages the {@code --max-messages} bound, 0 for none
     * @throws IllegalArgumentException the plugin does not serve {@code channelName}, or the
     *                                  factory rejects the configuration (its message as is)
     */
    public Channel createChannel(String channelName, PluginContext context, long maxMessages) {
        requireNonNull(context, "context is null");
        ChannelFactory factory = factory(Contributions.CHANNEL, channelName, contributions.channels());
        try (ContextClassLoaderSwap swap = ContextClassLoaderSwap.use(loader)) {
            return new IsolatedChannel(requireNonNull(factory.create(context, maxMessages),
                    "channel factory returned null"), loader);
        }
    }

    /**
     * Creates all of its tools, in tool name order.
     *
     * @throws IllegalStateException a factory created a tool whose name differs from the one it declared
     */
    public List<Tool> createTools(PluginContext context) {
        requireNonNull(context, "context is null");
        List<Tool> tools = new ArrayList<>();
        for (Map.Entry<String, ToolFactory> entry : contributions.tools().entrySet()) {
            Tool tool;
            try (ContextClassLoaderSwap swap = ContextClassLoaderSwap.use(loader)) {
                tool = new IsolatedTool(requireNonNull(entry.getValue().create(context), "tool factory returned null"),
                        loader);
            }
            String name = tool.name();
            if (!entry.getKey().equals(name)) {
                throw new IllegalStateException("plugin '" + name() + "': factory "
                        + entry.getValue().getClass().getName() + " declared tool '" + entry.getKey()
                        + "' but created a tool named '" + name + "'");
            }
            tools.add(tool);
        }
        return List.copyOf(tools);
    }

    /**
     * Creates all of its run-time tool sources, in source name order. Creating one reads configuration only; a
     * source starts nothing until asked for its tools.
     */
    public List<ToolSource> createToolSources(PluginContext context) {
        requireNonNull(context, "context is null");
        List<ToolSource> sources = new ArrayList<>();
        for (ToolSourceFactory factory : contributions.sources().values()) {
            try (ContextClassLoaderSwap swap = ContextClassLoaderSwap.use(loader)) {
                sources.add(new IsolatedToolSource(requireNonNull(factory.create(context),
                        "tool source factory returned null"), loader));
            }
        }
        return List.copyOf(sources);
    }

    /** What its tool source factories add to {@code doctor}, in source name order; never starts anything. */
    public List<DoctorReport> toolSourceDoctorReports(PluginContext context) {
        requireNonNull(context, "context is null");
        List<DoctorReport> reports = new ArrayList<>();
        for (ToolSourceFactory factory : contributions.sources().values()) {
            try (ContextClassLoaderSwap swap = ContextClassLoaderSwap.use(loader)) {
                reports.add(requireNonNull(factory.doctor(context), "tool source factory returned a null report"));
            }
        }
        return List.copyOf(reports);
    }

    /** The plugin's class loader, named {@code plugin:<name>}. */
    ClassLoader classLoader() {
        return loader;
    }

    void close() throws IOException {
        loader.close();
    }

    private <F> F factory(String kind, String name, Map<String, F> byName) {
        requireNonNull(name, kind + "Name is null");
        F factory = byName.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("plugin '" + name() + "' does not provide " + kind + " '" + name
                    + "' (it provides: " + (byName.isEmpty() ? "none" : String.join(", ", byName.keySet())) + ")");
        }
        return factory;
    }

    @Override
    public String toString() {
        return "LoadedPlugin[" + name() + " " + version() + " from " + source + "]";
    }
}
