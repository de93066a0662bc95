package dev.rustypinch.runtime.plugin;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.PluginApi;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Loads the plugins of a plugins directory once, in name order (SPEC §15): reads each descriptor,
 * checks the API version, gives each plugin its own {@link PluginClassLoader}, and creates its
 * factories to learn the provider, channel and tool names it serves. A plugin with problems is
 * recorded with all of them and skipped; the others still load. Never throws for plugin problems.
 */
public final class PluginLoader {
    /** The owner named when a plugin contributes a provider the runtime has built in. */
    static final String RUNTIME_OWNER = "runtime";
    private static final List<String> BUILT_IN_PROVIDERS = List.of("local", "offline");

    private final Set<String> disabledNames;
    private final Supplier<JarIndex> index;
    private final ClassLoader runtimeLoader = PluginApi.class.getClassLoader();
    private final Map<String, Path> claimedNames = new HashMap<>();
    private final Map<String, String> providerOwners = new HashMap<>();
    private final Map<String, String> channelOwners = new HashMap<>();
    private final Map<String, String> toolOwners = new HashMap<>();
    private final Map<String, String> sourceOwners = new HashMap<>();
    private final List<PluginRecord> records = new ArrayList<>();
    private final List<LoadedPlugin> loaded = new ArrayList<>();

    private PluginLoader(Set<String> disabledNames, Supplier<JarIndex> index) {
        this.disabledNames = Set.copyOf(disabledNames);
        this.index = index;
        BUILT_IN_PROVIDERS.forEach(name -> providerOwners.put(name, RUNTIME_OWNER));
    }

    /**
     * Loads every plugin in {@code pluginsDir}: each directory {@code <name>/} and each file
     * {@code <name>.jar}; other entries are ignored. A missing directory means no plugins.
     *
     * @param disabledNames plugin names of which only the descriptor is read ({@code RUSTY_PINCH_PLUGINS_DISABLED})
     */
    public static PluginRegistry load(Path pluginsDir, Set<String> disabledNames) {
        return load(pluginsDir, disabledNames, JarIndex::current);
    }

    /**
     * {@link #load(Path, Set)} taking what it can from the index rather than from the jars; {@code index} is asked on
     * the inspecting thread, so that reading the index file overlaps with the loading thread's own start.
     */
    static PluginRegistry load(Path pluginsDir, Set<String> disabledNames, Supplier<JarIndex> index) {
        requireNonNull(pluginsDir, "pluginsDir is null");
        requireNonNull(disabledNames, "disabledNames is null");
        requireNonNull(index, "index is null");
        PluginLoader loader = new PluginLoader(disabledNames, index);
        if (Files.isDirectory(pluginsDir)) {
            loader.loadAll(pluginsDir);
        }
        return new PluginRegistry(pluginsDir, loader.records, loader.loaded);
    }

    private void loadAll(Path pluginsDir) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(pluginsDir)) {
            for (Path entry : listing) {
                if (PluginSource.isPluginEntry(entry)) {
                    entries.add(entry);
                }
            }
            entries.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        } catch (IOException | DirectoryIteratorException e) {
            Path source = pluginsDir.toAbsolutePath().normalize();
            String id = source.getFileName() == null ? source.toString() : source.getFileName().toString();
            records.add(PluginRecord.failed(id, null, null, source,
                    List.of(Problem.unlistableDirectory(Failures.describe(e))), List.of()));
            return;
        }
        ExecutorService inspector = Executors.newSingleThreadExecutor(PluginLoader::inspectorThread);
        List<Future<Inspected>> inspections = new ArrayList<>(entries.size());
        try {
            for (Path entry : entries) {
                inspections.add(inspector.submit(() -> Inspected.of(entry, index)));
            }
            for (int i = 0; i < entries.size(); i++) {
                Inspected inspected = await(inspections.get(i), entries.get(i));
                // The jars inspection opened stay open while the plugin loads: its class loader then shares their
                // parsed central directories instead of reading them again.
                try {
                    load(inspected.source());
                } finally {
                    inspected.jars().close();
                }
            }
        } finally {
            inspector.shutdownNow();
            inspections.forEach(PluginLoader::closeIfInspected);
        }
    }

    /**
     * Writes the index of the plugin jars this process opened where the launcher's archive training asked for it
     * ({@code -Drusty-pinch.jar-index.out}); later starts that use the archive take those jars' descriptors, markers
     * and services files from it while the jars are unchanged. Does nothing without that property.
     */
    public static void writeJarIndex() throws IOException {
        JarIndex.writeRecorded();
    }

    /**
     * Plugins are inspected (their jars opened and read) on this thread, in name order, while the loading thread
     * creates the class loaders and factories of the plugins already inspected, so that the two overlap on a
     * machine with two cores.
     */
    private static Thread inspectorThread(Runnable task) {
        Thread thread = new Thread(task, "plugin-inspect");
        thread.setDaemon(true);
        return thread;
    }

    private Inspected await(Future<Inspected> inspection, Path entry) {
        try {
            return inspection.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Inspected.of(entry, index);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException("inspecting " + entry + " failed", cause);
        }
    }

    /** Closes the jars of an inspection that was never loaded (only after a failure of the loading thread). */
    private static void closeIfInspected(Future<Inspected> inspection) {
        if (inspection.isDone() && !inspection.isCancelled()) {
            try {
                inspection.get().jars().close();
            } catch (ExecutionException | InterruptedException | RuntimeException ignored) {
                // Nothing was opened, or the handles are closed by their cleaner.
            }
        }
    }

    /** A plugin's inspected files and the jars inspection opened, kept open while it loads. */
    private record Inspected(PluginSource source, OpenJars jars) {
        static Inspected of(Path entry, Supplier<JarIndex> index) {
            OpenJars jars = new OpenJars();
            return new Inspected(PluginSource.inspect(entry, jars, index.get()), jars);
        }
    }

    private void load(PluginSource source) {
        List<Problem> problems = new ArrayList<>(source.problems());
        Optional<PluginDescriptor.Parse> parse = source.descriptor().map(PluginDescriptor::parse);
        parse.ifPresent(result -> problems.addAll(result.problems()));
        String id = parse.flatMap(PluginDescriptor.Parse::name).orElse(source.fallbackId());
        if (!problems.isEmpty()) {
            records.add(PluginRecord.failed(id, null, null, source.path(), problems, source.notes()));
            return;
        }
        PluginDescriptor descriptor = parse.orElseThrow().descriptor().orElseThrow();
        Path firstSource = claimedNames.get(descriptor.name());
        if (firstSource != null) {
            problems.add(Problem.duplicatePluginName(descriptor.name(), firstSource));
        } else if (disabledNames.contains(descriptor.name())) {
            claimedNames.put(descriptor.name(), source.path());
            records.add(PluginRecord.disabled(descriptor, source.path(), List.of()));
            return;
        }
        if (!descriptor.apiVersion().isSatisfiedBy(ApiVersion.RUNTIME)) {
            problems.add(Problem.unsupportedApi(descriptor.apiVersion()));
        }
        if (problems.isEmpty()) {
            loadClasses(descriptor, source, problems);
        }
        if (!problems.isEmpty()) {
            records.add(PluginRecord.failed(id, descriptor.version(), descriptor.apiVersion().toString(),
                    source.path(), problems, source.notes()));
        }
    }

    private void loadClasses(PluginDescriptor descriptor, PluginSource source, List<Problem> problems) {
        PluginClassLoader classLoader = new PluginClassLoader(descriptor.name(), source.classPath(), runtimeLoader);
        Contributions contributions = Contributions.scan(descriptor.name(), classLoader,
                new ServiceDeclarations(source.jarFacts()), problems);
        if (!contributions.declaredAny() && problems.isEmpty()) {
            problems.add(Problem.noContributions());
        }
        checkOwners(Contributions.PROVIDER, contributions.providers().keySet(), providerOwners, problems);
        checkOwners(Contributions.CHANNEL, contributions.channels().keySet(), channelOwners, problems);
        checkOwners(Contributions.TOOL, contributions.tools().keySet(), toolOwners, problems);
        checkOwners(Contributions.TOOL_SOURCE, contributions.sources().keySet(), sourceOwners, problems);
        if (!problems.isEmpty()) {
            closeDiscarded(classLoader);
            return;
        }
        LoadedPlugin plugin = new LoadedPlugin(descriptor, source.path(), classLoader, contributions);
        claimedNames.put(descriptor.name(), source.path());
        contributions.providers().keySet().forEach(name -> providerOwners.put(name, descriptor.name()));
        contributions.channels().keySet().forEach(name -> channelOwners.put(name, descriptor.name()));
        contributions.tools().keySet().forEach(name -> toolOwners.put(name, descriptor.name()));
        contributions.sources().keySet().forEach(name -> sourceOwners.put(name, descriptor.name()));
        loaded.add(plugin);
        records.add(PluginRecord.loaded(plugin, source.notes()));
    }

    private static void checkOwners(String kind, Set<String> names, Map<String, String> owners,
            List<Problem> problems) {
        for (String name : names) {
            String owner = owners.get(name);
            if (owner != null) {
                problems.add(Problem.duplicateContribution(kind, name, owner));
            }
        }
    }

    private static void closeDiscarded(PluginClassLoader classLoader) {
        try {
            classLoader.close();
        } catch (IOException ignored) {
            // The loader is dropped either way; an open jar handle is all that can remain.
        }
    }
}
