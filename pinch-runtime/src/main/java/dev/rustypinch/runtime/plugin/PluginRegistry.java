package dev.rustypinch.runtime.plugin;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The outcome of {@link PluginLoader#load}: every plugin found and what became of it, and the
 * loaded plugins by the provider, channel and tool names they serve. Thread safe (immutable but
 * for {@link #close()}).
 */
public final class PluginRegistry implements AutoCloseable {
    /**
     * Loaded and disabled before failed, then by id and source. Written out rather than composed with
     * {@code Comparator.comparing}: those lambdas belong to {@code java.util.Comparator}, whose class-data archive is
     * the JDK's, so every process would generate them anew (some milliseconds of a cold start).
     */
    private static final Comparator<PluginRecord> LISTING_ORDER = PluginRegistry::compareForListing;

    private final Path pluginsDir;
    private final List<PluginRecord> records;
    private final List<LoadedPlugin> loaded;
    private final Map<String, LoadedPlugin> byProvider = new HashMap<>();
    private final Map<String, LoadedPlugin> byChannel = new HashMap<>();
    private final Map<String, LoadedPlugin> byTool = new HashMap<>();
    private boolean closed;

    PluginRegistry(Path pluginsDir, List<PluginRecord> records, List<LoadedPlugin> loaded) {
        this.pluginsDir = requireNonNull(pluginsDir, "pluginsDir is null");
        List<PluginRecord> sortedRecords = new ArrayList<>(requireNonNull(records, "records is null"));
        sortedRecords.sort(LISTING_ORDER);
        this.records = List.copyOf(sortedRecords);
        List<LoadedPlugin> sortedLoaded = new ArrayList<>(requireNonNull(loaded, "loaded is null"));
        sortedLoaded.sort((a, b) -> a.name().compareTo(b.name()));
        this.loaded = List.copyOf(sortedLoaded);
        for (LoadedPlugin plugin : this.loaded) {
            plugin.providerNames().forEach(name -> byProvider.put(name, plugin));
            plugin.channelNames().forEach(name -> byChannel.put(name, plugin));
            plugin.toolNames().forEach(name -> byTool.put(name, plugin));
        }
    }

    private static int compareForListing(PluginRecord a, PluginRecord b) {
        int byState = Boolean.compare(a.state() == PluginState.FAILED, b.state() == PluginState.FAILED);
        if (byState != 0) {
            return byState;
        }
        return PluginRecord.compareByIdAndSource(a, b);
    }

    /** The plugins directory as given to the loader. */
    public Path pluginsDir() {
        return pluginsDir;
    }

    /** Every plugin found: loaded and disabled ones sorted by name, then failed ones sorted by id. */
    public List<PluginRecord> records() {
        return records;
    }

    /** The loaded plugins, sorted by name. */
    public List<LoadedPlugin> loaded() {
        return loaded;
    }

    /** The loaded plugin that serves a provider name ({@code local} and {@code offline} never have one). */
    public Optional<LoadedPlugin> providerPlugin(String provider) {
        return Optional.ofNullable(byProvider.get(requireNonNull(provider, "provider is null")));
    }

    /** The loaded plugin that serves a channel name, e.g. {@code telegram}. */
    public Optional<LoadedPlugin> channelPlugin(String channel) {
        return Optional.ofNullable(byChannel.get(requireNonNull(channel, "channel is null")));
    }

    /** The loaded plugin that serves a tool name. */
    public Optional<LoadedPlugin> toolPlugin(String tool) {
        return Optional.ofNullable(byTool.get(requireNonNull(tool, "tool is null")));
    }

    /** The names of all tools of loaded plugins, sorted. */
    public SortedSet<String> toolNames() {
        return new TreeSet<>(byTool.keySet());
    }

    /** Whether any plugin failed to load or is disabled, i.e. whether something may be missing. */
    public boolean anyFailedOrDisabled() {
        return records.stream().anyMatch(record -> record.state() != PluginState.LOADED);
    }

    /**
     * Closes the loaded plugins' class loaders; call it only after every provider, channel and tool
     * they created is closed. Idempotent.
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException failure = null;
        for (LoadedPlugin plugin : loaded) {
            try {
                plugin.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = new IOException("cannot close the class loader of some plugins", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "PluginRegistry[" + pluginsDir + ", loaded=" + loaded.size() + ", records=" + records.size() + "]";
    }
}
