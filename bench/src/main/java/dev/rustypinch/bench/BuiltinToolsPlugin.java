package dev.rustypinch.bench;

import dev.rustypinch.api.EventSink;
import dev.rustypinch.api.Tool;
import dev.rustypinch.runtime.RuntimeVersion;
import dev.rustypinch.runtime.config.Environment;
import dev.rustypinch.runtime.config.PluginConfigView;
import dev.rustypinch.runtime.plugin.LoadedPlugin;
import dev.rustypinch.runtime.plugin.PluginLoader;
import dev.rustypinch.runtime.plugin.PluginRecord;
import dev.rustypinch.runtime.plugin.PluginRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The real {@code pinch-tools-builtin} plugin, loaded through the runtime's {@link PluginLoader} from the plugins
 * directory its build writes ({@code plugins/pinch-tools-builtin/target/plugin-dir}), or from the directory named by
 * the system property {@value #PLUGINS_DIR_PROPERTY}. Its tools run in the plugin's own class loader, as in the CLI.
 */
final class BuiltinToolsPlugin implements AutoCloseable {
    /** System property naming a plugins directory that holds {@code pinch-tools-builtin}. */
    static final String PLUGINS_DIR_PROPERTY = "rustypinch.bench.plugins";
    private static final String PLUGIN_NAME = "pinch-tools-builtin";
    private static final List<Path> DEFAULT_PLUGINS_DIRS = List.of(
            Paths.get("plugins", PLUGIN_NAME, "target", "plugin-dir"),
            Paths.get("..", "plugins", PLUGIN_NAME, "target", "plugin-dir"));

    private final PluginRegistry registry;
    private final SortedMap<String, Tool> tools;

    private BuiltinToolsPlugin(PluginRegistry registry, SortedMap<String, Tool> tools) {
        this.registry = registry;
        this.tools = tools;
    }

    /**
     * Loads the plugin and creates its tools.
     *
     * @param dataDir the data directory the plugin context names
     * @throws IllegalStateException the plugin directory is missing or the plugin did not load
     */
    static BuiltinToolsPlugin load(Path dataDir, EventSink events) {
        Path pluginsDir = pluginsDir();
        PluginRegistry registry = PluginLoader.load(pluginsDir, Set.of());
        try {
            LoadedPlugin plugin = registry.loaded().stream()
                    .filter(loaded -> loaded.name().equals(PLUGIN_NAME))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("plugin '" + PLUGIN_NAME + "' did not load from "
                            + pluginsDir.toAbsolutePath() + ": " + describe(registry.records())));
            BenchPluginContext context = new BenchPluginContext(plugin.name(),
                    new PluginConfigView(Environment.of(Map.of(), Map.of()), plugin.configKeys()), events, dataDir,
                    Clock.systemUTC(), RuntimeVersion.get());
            SortedMap<String, Tool> tools = new TreeMap<>();
            for (Tool tool : plugin.createTools(context)) {
                tools.put(tool.name(), tool);
            }
            return new BuiltinToolsPlugin(registry, tools);
        } catch (RuntimeException e) {
            closeQuietly(registry, e);
            throw e;
        }
    }

    private static Path pluginsDir() {
        String configured = System.getProperty(PLUGINS_DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path dir = Paths.get(configured);
            if (!Files.isDirectory(dir.resolve(PLUGIN_NAME))) {
                throw new IllegalStateException(PLUGINS_DIR_PROPERTY + "=" + configured + " holds no " + PLUGIN_NAME
                        + " directory");
            }
            return dir;
        }
        return DEFAULT_PLUGINS_DIRS.stream()
                .filter(dir -> Files.isDirectory(dir.resolve(PLUGIN_NAME)))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + PLUGIN_NAME + " plugin directory under "
                        + Paths.get("").toAbsolutePath() + " (looked in " + DEFAULT_PLUGINS_DIRS
                        + "); build it with 'mvn -B -ntp -DskipTests package' or set -D" + PLUGINS_DIR_PROPERTY
                        + "=<plugins dir>"));
    }

    private static String describe(List<PluginRecord> records) {
        return records.isEmpty() ? "no plugins found" : records.toString();
    }

    private static void closeQuietly(PluginRegistry registry, RuntimeException failure) {
        try {
            registry.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** The plugin's tools by name. */
    SortedMap<String, Tool> tools() {
        return tools;
    }

    /** Closes the plugin's class loader; idempotent. */
    @Override
    public void close() {
        try {
            registry.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the plugin registry: " + e.getMessage(), e);
        }
    }
}
