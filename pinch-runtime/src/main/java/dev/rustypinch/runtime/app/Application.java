package dev.rustypinch.runtime.app;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.ChatProvider;
import dev.rustypinch.api.PluginContext;
import dev.rustypinch.api.Tool;
import dev.rustypinch.api.ToolSource;
import dev.rustypinch.runtime.RuntimeVersion;
import dev.rustypinch.runtime.config.AgentSettings;
import dev.rustypinch.runtime.config.Environment;
import dev.rustypinch.runtime.config.PluginConfigView;
import dev.rustypinch.runtime.config.Settings;
import dev.rustypinch.runtime.event.EventWriter;
import dev.rustypinch.runtime.plugin.LoadedPlugin;
import dev.rustypinch.runtime.plugin.PluginLoader;
import dev.rustypinch.runtime.plugin.PluginRegistry;
import dev.rustypinch.runtime.session.SessionStore;
import dev.rustypinch.runtime.telemetry.TelemetryStore;
import dev.rustypinch.runtime.telemetry.TelemetryWriter;
import dev.rustypinch.runtime.turn.AgentLoop;
import dev.rustypinch.runtime.turn.AgentThreads;
import dev.rustypinch.runtime.turn.PromptBuilder;
import dev.rustypinch.runtime.turn.ProviderDirectory;
import dev.rustypinch.runtime.turn.RequestIds;
import dev.rustypinch.runtime.turn.RetryPolicy;
import dev.rustypinch.runtime.turn.RunTimeTools;
import dev.rustypinch.runtime.turn.ToolDirectory;
import dev.rustypinch.runtime.turn.TurnPipeline;
import dev.rustypinch.runtime.turn.TurnRecorder;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.LoggerFactory;

/**
 * The runtime's services for one process, wired from the settings. Everything that touches disk or plugins is
 * created on first use, so diagnostics create no state (SPEC §1) and short commands stay fast.
 */
public final class Application implements AutoCloseable {
    private final Environment environment;
    private final Settings settings;
    private final Path workingDirectory;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;
    private final EventWriter events;
    private final PromptBuilder prompts = new PromptBuilder();
    private final RequestIds requestIds;
    private final Map<String, ChatProvider> providers = new ConcurrentHashMap<>();
    private final AgentSettings agentSettings;
    private PluginRegistry registry;
    private SortedMap<String, Tool> tools;
    private AgentThreads agentThreads;
    private RunTimeTools runTimeTools;

    public Application(Environment environment, Settings settings, Path workingDirectory, InputStream in, PrintStream out,
                       PrintStream err, Clock clock) {
        this.environment = requireNonNull(environment, "environment is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.workingDirectory = requireNonNull(workingDirectory, "workingDirectory is null");
        this.in = requireNonNull(in, "in is null");
        this.out = requireNonNull(out, "out is null");
        this.err = requireNonNull(err, "err is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.events = new EventWriter(err);
        this.requestIds = new RequestIds(clock);
        this.agentSettings = AgentSettings.from(environment);
    }

    /** The agent-mode settings (SPEC §18.1). */
    public AgentSettings agentSettings() {
        return agentSettings;
    }

    public Settings settings() {
        return settings;
    }

    public Environment environment() {
        return environment;
    }

    public InputStream in() {
        return in;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public Clock clock() {
        return clock;
    }

    public EventWriter events() {
        return events;
    }

    public PromptBuilder prompts() {
        return prompts;
    }

    /** A configured path resolved against the working directory (SPEC §2: relative paths are relative to it). */
    public Path resolve(String configuredPath) {
        return workingDirectory.resolve(configuredPath);
    }

    public Path dataDir() {
        return resolve(settings.dataDir());
    }

    public Path telemetryFile() {
        return resolve(settings.telemetryFile());
    }

    public Path pluginsDir() {
        return resolve(settings.pluginsDir());
    }

    /** The plugins, loaded once on first use. */
    public synchronized PluginRegistry plugins() {
        if (registry == null) {
            registry = PluginLoader.load(pluginsDir(), new HashSet<>(settings.pluginsDisabled()));
        }
        return registry;
    }

    public SessionStore sessions() {
        return new SessionStore(dataDir());
    }

    public TelemetryStore telemetry() {
        return new TelemetryStore(telemetryFile(), events, clock);
    }

    /** The context handed to one plugin's factories. */
    public PluginContext pluginContext(LoadedPlugin plugin) {
        return new RuntimePluginContext(plugin.name(), new PluginConfigView(environment, plugin.configKeys()), events,
                dataDir(), clock, RuntimeVersion.get(), environment, err, settings.model(), sessions());
    }

    /** Every tool the loaded plugins contribute, created once, by name. */
    public synchronized SortedMap<String, Tool> tools() {
        if (tools == null) {
            SortedMap<String, Tool> created = new TreeMap<>();
            for (LoadedPlugin plugin : plugins().loaded()) {
                try {
                    for (Tool tool : plugin.createTools(pluginContext(plugin))) {
                        created.putIfAbsent(tool.name(), tool);
                    }
                } catch (RuntimeException e) {
                    LoggerFactory.getLogger(Application.class)
                            .warn("plugin '{}' failed to create its tools: {}: {}", plugin.name(), e.getClass().getSimpleName(), e.getMessage());
                }
            }
            tools = Collections.unmodifiableSortedMap(created);
        }
        return tools;
    }

    /**
     * The static tools merged with those the plugins' run-time sources discover (SPEC §19); the sources are created
     * on first need and closed with this application.
     */
    public synchronized RunTimeTools runTimeTools() {
        if (runTimeTools == null) {
            runTimeTools = new RunTimeTools(this::tools, this::createToolSources);
        }
        return runTimeTools;
    }

    private List<ToolSource> createToolSources() {
        List<ToolSource> created = new ArrayList<>();
        for (LoadedPlugin plugin : plugins().loaded()) {
            if (plugin.toolSourceNames().isEmpty()) {
                continue;
            }
            try {
                created.addAll(plugin.createToolSources(pluginContext(plugin)));
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(Application.class).warn("plugin '{}' failed to create its tool sources: {}: {}",
                        plugin.name(), e.getClass().getSimpleName(), e.getMessage());
            }
        }
        return created;
    }

    /** A channel worker's turn pipeline: telemetry is written behind each turn by {@code writer} (SPEC §10.2). */
    public TurnPipeline pipeline(TelemetryWriter writer) {
        return pipeline(TurnRecorder.behind(events, writer));
    }

    /** The turn pipeline of {@code run}, {@code repl} and {@code tools run}: telemetry is written before a turn returns. */
    public TurnPipeline pipeline() {
        return pipeline(TurnRecorder.withoutBus(events, telemetry()));
    }

    private TurnPipeline pipeline(TurnRecorder recorder) {
        TurnPipeline.Config config = new TurnPipeline.Config(settings.provider(), settings.model(),
                settings.apiKey().isPresent(), settings.apiBase().isPresent());
        RetryPolicy retryPolicy = new RetryPolicy(settings.requestRetries(), settings.retryBackoffMs(),
                settings.retryMaxBackoffMs(), settings.requestTimeoutSecs(), Thread::sleep);
        Optional<AgentLoop> agent = agentSettings.enabled()
                ? Optional.of(new AgentLoop(agentSettings, agentThreads(), retryPolicy, events))
                : Optional.empty();
        return new TurnPipeline(config, sessions(), recorder, providerDirectory(), runTimeTools(), retryPolicy, prompts,
                requestIds, clock, agent);
    }

    private synchronized AgentThreads agentThreads() {
        if (agentThreads == null) {
            agentThreads = new AgentThreads();
        }
        return agentThreads;
    }

    private ProviderDirectory providerDirectory() {
        return new ProviderDirectory() {
            @Override
            public boolean serves(String name) {
                return plugins().providerPlugin(name).isPresent();
            }

            @Override
            public ChatProvider provider(String name) {
                return providers.computeIfAbsent(name, Application.this::createProvider);
            }

            @Override
            public boolean hasPluginProblems() {
                return plugins().anyFailedOrDisabled();
            }
        };
    }

    private ChatProvider createProvider(String name) {
        LoadedPlugin plugin = plugins().providerPlugin(name).orElseThrow();
        return plugin.createProvider(name, settings.providerSettings("rusty-pinch/" + RuntimeVersion.get()), pluginContext(plugin));
    }

    @Override
    public void close() {
        RunTimeTools created;
        synchronized (this) {
            created = runTimeTools;
            if (agentThreads != null) {
                agentThreads.close();
            }
        }
        if (created != null) {
            created.close();
        }
        for (ChatProvider provider : providers.values()) {
            try {
                provider.close();
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(Application.class).warn("failed closing a provider: {}", e.toString());
            }
        }
        providers.clear();
    }
}
