package dev.rustypinch.runtime.plugin;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What {@code plugins list} and {@code doctor} show about one plugin (SPEC §15.6, §4).
 *
 * @param state      loaded, disabled or failed
 * @param id         the descriptor name; for a failed plugin whose name cannot be read, the
 *                   directory name or the file name without {@code .jar}
 * @param version    the descriptor version; {@code null} when a failed plugin's is unknown
 * @param apiVersion the descriptor {@code api.version}; {@code null} when a failed plugin's is unknown
 * @param source     the absolute plugin directory or jar
 * @param providers  the provider names it serves, sorted (empty unless loaded)
 * @param channels   the channel names it serves, sorted (empty unless loaded)
 * @param tools      the tool names it serves, sorted (empty unless loaded)
 * @param problems   why it failed, in the order found (empty unless failed)
 * @param notes      remarks that are not problems, e.g. {@code ignored bundled jar slf4j-api-2.0.20.jar}
 * @param hint       what to do about the failure; {@code null} unless failed
 */
public record PluginRecord(
        PluginState state,
        String id,
        String version,
        String apiVersion,
        Path source,
        List<String> providers,
        List<String> channels,
        List<String> tools,
        List<String> problems,
        List<String> notes,
        String hint) {
    public PluginRecord {
        requireNonNull(state, "state is null");
        requireNonNull(id, "id is null");
        requireNonNull(source, "source is null");
        providers = sorted(requireNonNull(providers, "providers is null"));
        channels = sorted(requireNonNull(channels, "channels is null"));
        tools = sorted(requireNonNull(tools, "tools is null"));
        problems = List.copyOf(requireNonNull(problems, "problems is null"));
        notes = List.copyOf(requireNonNull(notes, "notes is null"));
        if (state == PluginState.FAILED) {
            requireNonNull(hint, "hint is null");
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("a failed plugin needs at least one problem");
            }
        } else {
            requireNonNull(version, "version is null");
            requireNonNull(apiVersion, "apiVersion is null");
            if (!problems.isEmpty() || hint != null) {
                throw new IllegalArgumentException("only a failed plugin has problems and a hint");
            }
        }
        if (state != PluginState.LOADED && !(providers.isEmpty() && channels.isEmpty() && tools.isEmpty())) {
            throw new IllegalArgumentException("only a loaded plugin provides anything");
        }
    }

    /** Same as {@link #id()}: for loaded and disabled plugins it is the descriptor name. */
    public String name() {
        return id;
    }

    static PluginRecord loaded(LoadedPlugin plugin, List<String> notes) {
        return new PluginRecord(PluginState.LOADED, plugin.name(), plugin.version(), plugin.apiVersion(),
                plugin.source(), List.copyOf(plugin.providerNames()), List.copyOf(plugin.channelNames()),
                List.copyOf(plugin.toolNames()), List.of(), notes, null);
    }

    static PluginRecord disabled(PluginDescriptor descriptor, Path source, List<String> notes) {
        return new PluginRecord(PluginState.DISABLED, descriptor.name(), descriptor.version(),
                descriptor.apiVersion().toString(), source, List.of(), List.of(), List.of(), List.of(), notes, null);
    }

    static PluginRecord failed(String id, String version, String apiVersion, Path source, List<Problem> problems,
            List<String> notes) {
        List<String> texts = problems.stream().map(Problem::text).toList();
        String hint = problems.isEmpty() ? null : problems.get(0).hint();
        return new PluginRecord(PluginState.FAILED, id, version, apiVersion, source, List.of(), List.of(), List.of(),
                texts, notes, hint);
    }

    /** By id, then by source: the order of the doctor's lists of failed and disabled plugins. */
    static int compareByIdAndSource(PluginRecord a, PluginRecord b) {
        int byId = a.id().compareTo(b.id());
        return byId != 0 ? byId : a.source().compareTo(b.source());
    }

    private static List<String> sorted(Collection<String> names) {
        List<String> copy = new ArrayList<>(names);
        copy.sort(null);
        return List.copyOf(copy);
    }
}
